/**
 * The set-up wizard end to end in Chromium, browser mode, against a MoMo
 * simulator this test starts (its URL typed into the wizard's API address),
 * with the real keychain of scripts/with-keychain.sh — and without one.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startMomoSimulator, type MomoSimulator } from '../../electron/core/momo-sim';
import { collectSecretsForScan, createKeychainVault, loadKeytar } from '../../electron/core/secrets';
import { test, expect, startBrowserMode } from './fixtures';
import { MANAGER_PIN, passManagerPin } from './manager-pin';

const screenshots = Boolean(process.env.MOMO_POS_SCREENSHOTS);
/** The whole screen: the set-up screen scrolls inside a fixed frame, so the window grows to its height for the picture. */
const shoot = async (page: Page, name: string) => {
  if (!screenshots) return;
  const size = page.viewportSize()!;
  const needed = await page.evaluate(() => {
    const screen = document.querySelector('.setup-screen');
    return screen ? screen.scrollHeight + screen.getBoundingClientRect().top : 0;
  });
  if (needed > size.height) await page.setViewportSize({ width: size.width, height: Math.ceil(needed) });
  await page.screenshot({ path: `docs/screenshots/setup-${name}.png` });
  await page.setViewportSize(size);
};
const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Everything the page holds that a person or a script could read: the DOM, every input's value, both storages. */
async function pageTexts(page: Page): Promise<Record<string, string>> {
  return {
    dom: await page.content(),
    inputs: await page.evaluate(() => [...document.querySelectorAll('input, textarea, select')].map((element) => (element as HTMLInputElement).value).join('\n')),
    localStorage: await page.evaluate(() => JSON.stringify({ ...window.localStorage })),
    sessionStorage: await page.evaluate(() => JSON.stringify({ ...window.sessionStorage })),
  };
}

/** Where any secret (as is, or inside a Basic header) shows up: files byte for byte, texts by label. */
function leaksOf(values: string[], files: string[], texts: Record<string, string>, basic?: { apiUser: string; apiKey: string }): string[] {
  const forms = [...values];
  if (basic) forms.push(Buffer.from(`${basic.apiUser}:${basic.apiKey}`).toString('base64'));
  const found: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const form of forms) if (bytes.includes(Buffer.from(form)) || bytes.includes(Buffer.from(form, 'utf16le'))) found.push(`${path.basename(file)}: ${form.slice(0, 6)}…`);
  }
  for (const [label, text] of Object.entries(texts)) for (const form of forms) if (text.includes(form)) found.push(`${label}: ${form.slice(0, 6)}…`);
  return found;
}

async function callApi(server: { url: string; token: string }, method: string, input: unknown = {}): Promise<{ ok: boolean; data?: unknown }> {
  const token = server.token;
  const response = await fetch(`${server.url}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; data?: unknown };
}

test.describe('set-up with the system keychain', () => {
  let sim: MomoSimulator;
  const subscriptionKey = secret('primary');

  test.beforeAll(async () => {
    if (process.env.MOMO_POS_KEYCHAIN_READY !== '1') {
      throw new Error('These tests store keys in a keychain: run them as `bash scripts/with-keychain.sh npx playwright test test/e2e/setup.spec.ts` (a throwaway keyring), never against your own.');
    }
    sim = await startMomoSimulator({ subscriptionKeys: [subscriptionKey], approvalDelayMs: 1000 });
  });
  test.afterAll(async () => {
    await sim?.close();
  });

  test('country → sandbox → keys (a refused key, then provisioning) → test → shop → go live → a paid sale; no secret anywhere', async ({ page }) => {
    const server = await startBrowserMode();
    const wrong = { key: secret('wrong'), apiUser: randomUUID(), apiKey: secret('typed') };
    try {
      await page.goto(server.openUrl);
      await expect(page.getByRole('status', { name: 'Training mode' })).toBeVisible();
      await expect(page.getByRole('switch', { name: 'Training mode' })).toHaveAttribute('aria-checked', 'true');
      await page.getByRole('button', { name: 'Set up MoMo' }).click();
      await passManagerPin(page);

      // Country
      await expect(page.getByRole('heading', { name: 'Where is your MoMo account?' })).toBeFocused();
      await page.getByLabel('Country', { exact: true }).selectOption('mtnrwanda');
      await shoot(page, 'country');
      await page.getByRole('button', { name: 'Next', exact: true }).click();

      // Environment, with the simulator as the API address
      await page.getByRole('radio', { name: /Sandbox \(test money\)/ }).check();
      await page.getByText('Advanced: MoMo API address').click();
      await page.getByLabel('MoMo API address', { exact: true }).fill(sim.url);
      await shoot(page, 'environment');
      await page.getByRole('button', { name: 'Next', exact: true }).click();

      // Keys: a wrong subscription key first
      await expect(page.getByRole('heading', { name: 'Your MoMo keys' })).toBeVisible();
      await expect(page.getByText(/MTN sandbox.*for Rwanda at 127\.0\.0\.1:\d+/)).toBeVisible();
      await page.getByRole('button', { name: 'Create API user and key' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Type the Collection subscription key above first' })).toBeVisible();
      await page.getByLabel('Collection subscription key', { exact: true }).fill(wrong.key);
      await page.getByLabel('API user', { exact: true }).fill(wrong.apiUser);
      await page.getByLabel('API key', { exact: true }).fill(wrong.apiKey);
      await page.getByRole('button', { name: 'Save keys' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Saved in the system keychain.' })).toBeVisible();
      await expect(page.locator('#setup-collectionSubscriptionKey-state')).toHaveText('set ✓');
      await expect(page.locator('#setup-disbursementSubscriptionKey-state')).toHaveText('not set');
      await expect(page.getByLabel('Collection subscription key', { exact: true })).toHaveValue('');
      await page.getByRole('button', { name: 'Next', exact: true }).click();

      await page.getByRole('button', { name: 'Test connection', exact: true }).click();
      const result = page.getByRole('alert', { name: 'Connection test result' });
      await expect(result).toHaveText(
        "Not connected. The subscription key was refused: copy the Primary key of your Collection product from the MoMo developer portal (Profile → Subscriptions) and save it again. (MTN's gateway answered 401 before looking at the API user and key.)",
      );
      await shoot(page, 'test-failed');

      // The right key, then the sandbox makes the API user and key
      await page.getByRole('button', { name: 'Back', exact: true }).click();
      await page.getByLabel('Collection subscription key', { exact: true }).fill(subscriptionKey);
      await page.keyboard.press('Enter');
      await expect(page.getByRole('status').filter({ hasText: 'Saved in the system keychain.' })).toBeVisible();
      await page.getByRole('button', { name: 'Create API user and key' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'The sandbox made an API user and key' })).toBeVisible();
      await shoot(page, 'keys');
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await page.getByRole('button', { name: 'Test connection', exact: true }).click();
      await expect(page.getByRole('status', { name: 'Connection test result' })).toHaveText(
        /^Connected to the MTN sandbox at 127\.0\.0\.1:\d+: MoMo accepted the keys\. Balance: 1000000 EUR\.$/,
      );
      await shoot(page, 'test-passed');
      await page.getByRole('button', { name: 'Next', exact: true }).click();

      // Shop details for the receipt
      await page.getByLabel('Shop name', { exact: true }).fill('Kigali Corner Shop');
      await page.getByLabel('Address', { exact: true }).fill('KN 4 Ave, Kigali');
      await page.getByLabel('TIN (tax number)', { exact: true }).fill('102345678');
      await page.getByLabel('Shop phone', { exact: true }).fill('0788 000 111');
      await page.getByLabel('Receipt size', { exact: true }).selectOption('58mm');
      await page.getByLabel('Receipt printer', { exact: true }).selectOption('network');
      await page.getByLabel('Printer address (IP)', { exact: true }).fill('192.168.1.50');
      await page.getByLabel('Characters per line', { exact: true }).selectOption('32');
      await page.getByLabel('Language of the till and receipts', { exact: true }).selectOption('en');
      await shoot(page, 'shop');
      await page.getByRole('button', { name: 'Save and continue' }).click();

      // Go live
      await expect(page.getByRole('heading', { name: 'Ready to take payments' })).toBeVisible();
      await shoot(page, 'golive');
      await page.getByRole('button', { name: 'Go live in the sandbox', exact: true }).click();
      await expect(page.getByLabel('Phone', { exact: true })).toBeVisible({ timeout: 20_000 });
      await expect(page.getByRole('status', { name: 'Training mode' })).toHaveCount(0);
      await expect(page.getByRole('switch', { name: 'Training mode' })).toHaveAttribute('aria-checked', 'false');
      await expect(page.getByText('SANDBOX · test money')).toBeVisible();
      await expect(page.locator('.merchant')).toHaveText('Kigali Corner Shop');
      expect(await callApi(server, 'settings.get')).toMatchObject({ data: { printerHost: '192.168.1.50', printerColumns: 32, receiptWidth: '58mm', merchantTin: '102345678' } });

      // A real (sandbox) payment through the live till
      const before = sim.requestsToPay().length;
      await page.getByLabel('Phone', { exact: true }).fill('0788 123 456');
      await page.getByLabel('Amount', { exact: true }).fill('12.50');
      await page.getByRole('button', { name: /^Charge/ }).click();
      const status = page.getByRole('region', { name: 'Payment status' });
      await expect(status.locator('.status-headline')).toHaveText('Paid', { timeout: 20_000 });
      expect(sim.requestsToPay().length).toBe(before + 1);
      await shoot(page, 'live-paid');

      // Settings, reachable later
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await passManagerPin(page);
      await expect(page.getByRole('heading', { name: 'Settings' })).toBeFocused();
      await expect(page.locator('#settings-api-key-state')).toHaveText('set ✓');
      await expect(page.getByLabel('Shop name', { exact: true })).toHaveValue('Kigali Corner Shop');
      await shoot(page, 'settings');

      // The secrets scan: keychain values, and the wrong ones typed on the way.
      const keytar = await loadKeytar();
      const vault = createKeychainVault({ keytar, environment: 'sandbox' });
      const stored = await collectSecretsForScan(vault);
      expect(stored).toHaveLength(3);
      const apiUser = (await vault.get('apiUser'))!;
      const apiKey = (await vault.get('apiKey'))!;
      const texts = { ...(await pageTexts(page)), server: server.output() };
      expect(leaksOf([...stored, wrong.key, wrong.apiUser, wrong.apiKey], filesUnder(server.dataDir), texts, { apiUser, apiKey })).toEqual([]);

      // Back to training: the switch, always there
      await page.getByRole('button', { name: 'Back to the counter' }).click();
      await page.getByRole('switch', { name: 'Training mode' }).click();
      await passManagerPin(page);
      await expect(page.getByRole('status', { name: 'Training mode' })).toBeVisible();
      await expect(page.getByRole('switch', { name: 'Training mode' })).toHaveAttribute('aria-checked', 'true');
      await expect(page.getByRole('region', { name: 'Today’s sales' })).not.toContainText('12.50');
    } finally {
      // Clearing the keys is the manager's: unlock first (as this script's own caller).
      await callApi(server, 'till.checkManagerPin', { pin: MANAGER_PIN }).catch(() => undefined);
      // The wizard's market: the keys this test saved, whether or not it got as far as going live (a keychain outlives the test).
      await callApi(server, 'credentials.clear', { market: { targetEnvironment: 'sandbox', baseUrl: sim.url } });
      const output = server.output();
      await server.stop();
      // After the server stopped: the WAL folded in, nothing else written.
      expect(output).not.toContain(subscriptionKey);
    }
  });

  test('turning training off before set-up opens the wizard instead of going live', async ({ page }) => {
    const server = await startBrowserMode();
    try {
      await page.goto(server.openUrl);
      await page.getByRole('switch', { name: 'Training mode' }).click();
      await passManagerPin(page);
      await expect(page.getByRole('heading', { name: 'Where is your MoMo account?' })).toBeVisible();
      await expect(page.getByRole('alert').filter({ hasText: 'Still in training' })).toContainText('Save the Collection subscription key');
      await expect(page.getByRole('status', { name: 'Training mode' })).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.getByLabel('Phone', { exact: true })).toBeVisible();
    } finally {
      await server.stop();
    }
  });
});

test('without a keychain (D-Bus points nowhere): the wizard says so and how to fix it, and nothing is stored', async ({ page }) => {
  const server = await startBrowserMode({ DBUS_SESSION_BUS_ADDRESS: `unix:path=/tmp/momo-pos-no-bus-${randomUUID()}`, MOMO_POS_KEYCHAIN_READY: '' });
  const typed = { key: secret('typed-key'), apiUser: randomUUID(), apiKey: secret('typed-api-key') };
  try {
    const settingsBefore = await callApi(server, 'settings.get');
    await page.goto(server.openUrl);
    await page.getByRole('button', { name: 'Set up MoMo' }).click();
    await passManagerPin(page);
    const problem = page.getByRole('alert').filter({ hasText: 'MoMo keys cannot be saved on this computer' });
    await expect(problem).toContainText('The system keychain is not available');
    await expect(problem).toContainText('install and start gnome-keyring');
    await expect(problem).toContainText('never keeps keys in a file');

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByLabel('Collection subscription key', { exact: true }).fill(typed.key);
    await page.getByLabel('API user', { exact: true }).fill(typed.apiUser);
    await page.getByLabel('API key', { exact: true }).fill(typed.apiKey);
    await page.getByRole('button', { name: 'Save keys' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Not saved: the system keychain is not available (see above). Nothing was stored anywhere else.' })).toBeVisible();
    await expect(page.locator('#setup-apiKey-state')).toHaveText('not set');
    await shoot(page, 'keychain-unavailable');

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Test connection', exact: true }).click();
    await expect(page.getByRole('alert', { name: 'Connection test result' })).toHaveText('Not connected. The system keychain is not available (see above), so the keys cannot be read.');
    await expect(problem).toBeVisible();

    expect(await callApi(server, 'app.info')).toMatchObject({ data: { mode: 'training' } });
    expect(await callApi(server, 'settings.get')).toEqual(settingsBefore);
    // The typed values are still in the inputs of the failed form (the person may retry); nowhere else.
    const { inputs: _stillTyped, ...texts } = await pageTexts(page);
    expect(leaksOf(Object.values(typed), filesUnder(server.dataDir), { ...texts, server: server.output() })).toEqual([]);
  } finally {
    await server.stop();
  }
});

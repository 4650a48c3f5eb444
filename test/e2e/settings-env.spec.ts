/**
 * A headless till with MOMO_* keys in its environment (and no keychain):
 * Settings says where the keys in use come from, never "stays in training",
 * and Test connection tests those keys against the MoMo they point at.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { startMomoSimulator } from '../../electron/core/momo-sim';
import { test, expect, startBrowserMode } from './fixtures';
import { passManagerPin } from './manager-pin';

test('with MOMO_* keys in the environment, Settings tells the truth and Test connection tests the keys in use', async ({ page }) => {
  const keys = { subscriptionKey: randomBytes(16).toString('hex'), apiUser: randomUUID(), apiKey: randomBytes(16).toString('hex') };
  const sim = await startMomoSimulator({ subscriptionKeys: [keys.subscriptionKey], users: [{ apiUser: keys.apiUser, apiKey: keys.apiKey }] });
  const server = await startBrowserMode({
    DBUS_SESSION_BUS_ADDRESS: `unix:path=/tmp/momo-pos-no-bus-${randomUUID()}`,
    MOMO_POS_KEYCHAIN_READY: '',
    MOMO_COLLECTION_SUBSCRIPTION_KEY: keys.subscriptionKey,
    MOMO_API_USER: keys.apiUser,
    MOMO_API_KEY: keys.apiKey,
    MOMO_TARGET_ENVIRONMENT: 'sandbox',
    MOMO_BASE_URL: sim.url,
  });
  try {
    await page.goto(server.openUrl);
    await page.getByRole('button', { name: 'Settings' }).click();
    await passManagerPin(page);
    const momo = page.locator('section[aria-labelledby="settings-momo"]');
    await expect(momo).toContainText('Live: taking payments with the keys from MOMO_* environment variables');
    await expect(page.getByText('Until the keychain works, the till stays in training mode')).toHaveCount(0);
    await expect(momo.getByRole('button', { name: 'Remove saved keys' })).toHaveCount(0);
    await momo.getByRole('button', { name: 'Test connection', exact: true }).click();
    await expect(page.getByRole('status', { name: 'Connection test result' })).toContainText(/^Connected to the MTN sandbox at 127\.0\.0\.1:\d+/);
    for (const value of Object.values(keys)) expect(await page.content()).not.toContain(value);

    // The same answer in French: the engine's reason, in the manager's words.
    await page.locator('.top-bar select').selectOption('fr');
    await momo.getByRole('button', { name: 'Tester la connexion', exact: true }).click();
    await expect(page.getByRole('status', { name: 'Résultat du test de connexion' })).toHaveText(/^Connecté au sandbox MTN sur 127\.0\.0\.1:\d+ : MoMo a accepté les clés\. Solde : \S+ EUR\.$/);
  } finally {
    await server.stop();
    await sim.close();
  }
});

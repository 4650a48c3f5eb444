/**
 * The set-up wizard changes nothing until it is finished, and its step list
 * ticks only what succeeded. Browser mode without a keychain (D-Bus points
 * nowhere), so keys cannot be saved and the connection cannot be tested.
 */
import { randomUUID } from 'node:crypto';
import { test, expect, startBrowserMode } from './fixtures';
import { passManagerPin } from './manager-pin';

test('choosing Sandbox and Next leaves the training counter as it was; failed steps are not ticked', async ({ page }) => {
  const server = await startBrowserMode({ DBUS_SESSION_BUS_ADDRESS: `unix:path=/tmp/momo-pos-no-bus-${randomUUID()}`, MOMO_POS_KEYCHAIN_READY: '' });
  try {
    await page.goto(server.openUrl);
    await expect(page.getByText('RWF · RW')).toBeVisible();
    await page.getByRole('button', { name: 'Set up MoMo' }).click();
    await passManagerPin(page);
    await page.getByLabel('Country', { exact: true }).selectOption('mtnrwanda');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('radio', { name: /Sandbox \(test money\)/ }).check();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Your MoMo keys' })).toBeVisible();
    // The wizard speaks of the sandbox; the training counter behind it still sells in RWF.
    await expect(page.getByText(/MTN sandbox.*EUR/)).toBeVisible();
    await expect(page.getByText('RWF · RW')).toBeVisible();

    await page.getByLabel('Collection subscription key', { exact: true }).fill('not-saved-key');
    await page.getByRole('button', { name: 'Save keys' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toBeVisible();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Test connection', exact: true }).click();
    await expect(page.getByRole('alert', { name: 'Connection test result' })).toContainText('Not connected.');
    await page.getByRole('button', { name: 'Next', exact: true }).click();

    const steps = page.getByRole('navigation', { name: 'Set-up steps' });
    await expect(steps.getByRole('button', { name: 'Step 1: Country (done)' })).toBeVisible();
    await expect(steps.getByRole('button', { name: 'Step 2: Environment (done)' })).toBeVisible();
    await expect(steps.getByRole('button', { name: 'Step 3: Keys', exact: true })).toBeVisible();
    await expect(steps.getByRole('button', { name: 'Step 4: Test connection', exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Back to the counter' }).click();
    // The key typed above was never saved: asked before it is dropped.
    await expect(page.getByRole('alert').filter({ hasText: 'Some changes here are not saved yet. Leave without saving them?' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Stay and save' })).toBeFocused();
    await page.getByRole('button', { name: 'Leave without saving' }).click();
    await expect(page.getByText('RWF · RW')).toBeVisible();
    await expect(page.locator('.quick-amounts')).not.toContainText('€');
    const info = await page.evaluate(async () => (await (await fetch('/api/call/app.info', { method: 'POST', body: '{}' })).json()) as { data: { currency: string } });
    expect(info.data.currency).toBe('RWF');
  } finally {
    await server.stop();
  }
});

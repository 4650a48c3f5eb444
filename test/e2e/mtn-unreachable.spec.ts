/**
 * Live mode with MTN unreachable (nothing listens at the base URL): the
 * counter says at once that no prompt was sent and offers Retry and cash —
 * never "Checking… do not charge again".
 */
import type { Page } from '@playwright/test';
import { test, expect, openShiftByApi, startBrowserMode, type PosServer } from './fixtures';
import { closedPort } from '../helpers/network';

const screenshots = Boolean(process.env.MOMO_POS_SCREENSHOTS);

let server: PosServer | undefined;
test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function openCounter(page: Page): Promise<void> {
  server = await startBrowserMode({
    MOMO_BASE_URL: `http://127.0.0.1:${await closedPort()}`,
    MOMO_TARGET_ENVIRONMENT: 'sandbox',
    MOMO_CURRENCY: 'RWF',
    MOMO_COLLECTION_SUBSCRIPTION_KEY: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    MOMO_API_USER: '3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    MOMO_API_KEY: '5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
  });
  await page.goto(server.openUrl);
  await expect(page.getByLabel('Phone', { exact: true })).toBeVisible();
}

test('MTN unreachable: "Not sent. Could not reach MTN. No prompt was sent. Retry or take cash." at once, and cash settles the sale', async ({ page }) => {
  await openCounter(page);
  await openShiftByApi(server!); // cash goes into a counted drawer
  await page.getByLabel('Phone', { exact: true }).fill('0788 123 456');
  await page.getByLabel('Amount', { exact: true }).fill('1500');
  await page.getByRole('button', { name: /^Charge/ }).click();
  const status = page.getByRole('region', { name: 'Payment status' });
  await expect(status.locator('.status-headline')).toHaveText('Not sent');
  await expect(status).toContainText('Could not reach MTN. No prompt was sent.');
  await expect(status).toContainText('Retry or take cash.');
  await expect(status).not.toContainText('Do not charge again');
  await expect(status).toContainText('No prompt went to 2507******56');
  await expect(status).not.toContainText('Prompt sent to');
  if (screenshots) await page.screenshot({ path: 'docs/screenshots/counter-not-sent.png' });
  await expect(status.getByRole('button', { name: /^Retry/ })).toBeVisible();
  await status.getByRole('button', { name: /cash/i }).first().click();
  await page.getByRole('dialog', { name: /^Take cash/ }).getByLabel('Cash handed over').press('Enter'); // the exact amount
  await expect(status.locator('.status-headline')).toHaveText('Paid in cash', { timeout: 10_000 });
});

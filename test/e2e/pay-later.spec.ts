/**
 * Pay later at the counter, in browser mode against the training simulator:
 * the shop's own MoMo number set, "Pay later" sends an invoice, the open
 * invoice is listed with its expiry, the customer pays it (the simulator,
 * after MOMO_POS_SIM_INVOICE_PAID_MS) and it leaves the list as a paid sale;
 * one the customer will never pay is cancelled.
 */
import type { Page } from '@playwright/test';
import { test as base, expect, startBrowserMode, type PosServer } from './fixtures';

const test = base.extend<{ invoiceServer: PosServer }>({
  invoiceServer: async ({}, use) => {
    const server = await startBrowserMode({ MOMO_POS_SIM_INVOICE_PAID_MS: '5000', MOMO_POS_INVOICE_POLL_MS: '500' });
    await use(server);
    await server.stop();
  },
});

const shoot = async (page: Page, name: string) => {
  if (process.env.MOMO_POS_SCREENSHOTS) await page.screenshot({ path: `docs/screenshots/${name}.png` });
};

async function payLater(page: Page, phone: string, amount: string) {
  await page.getByLabel('Phone', { exact: true }).fill(phone);
  await page.getByLabel('Amount', { exact: true }).fill(amount);
  await page.getByRole('button', { name: 'Pay later: send a MoMo invoice' }).click();
  await expect(page.getByRole('region', { name: 'Payment status' }).getByText(/^Receipt /)).toBeVisible();
}

test('an invoice is sent, listed with its expiry until the customer pays it; one never paid is cancelled', async ({ page, invoiceServer }) => {
  await page.goto(invoiceServer.openUrl);
  await expect(page.getByLabel('Phone', { exact: true })).toBeVisible();
  // Without the shop's own number there is nobody to pay: said plainly, nothing recorded.
  await page.getByLabel('Phone', { exact: true }).fill('0788 123 456');
  await page.getByLabel('Amount', { exact: true }).fill('1000');
  await page.getByRole('button', { name: 'Pay later: send a MoMo invoice' }).click();
  await expect(page.getByText("Set the shop's own MoMo number in Settings first")).toBeVisible();

  const updated = await page.evaluate(async () => {
    // Settings are the manager's: this browser session chooses the manager PIN first (which unlocks it).
    await fetch('/api/call/till.setManagerPin', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: '482916' }) });
    const response = await fetch('/api/call/settings.update', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ merchantMomoNumber: '0788 000 111' }) });
    return (await response.json()) as { ok: boolean; data: { merchantMomoNumber: string } };
  });
  expect(updated.data.merchantMomoNumber).toBe('250788000111');
  await page.reload();

  await payLater(page, '0788 123 456', '12000');
  const invoices = page.getByRole('region', { name: /^Pay later: 1 open invoice/ });
  await expect(invoices.getByText(/payable until \d\d:\d\d|payable until .+ \d\d:\d\d/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Payment status' })).toContainText('Invoice sent by SMS');
  await shoot(page, 'pay-later-open');
  // The customer pays from their phone: the invoice leaves the list and the sale is paid.
  await expect(invoices).toBeHidden({ timeout: 15_000 });
  await expect(page.getByRole('region', { name: 'Today’s sales' }).getByText(/Paid/).first()).toBeVisible();

  await page.keyboard.press('F2');
  await expect(page.getByLabel('Phone', { exact: true })).toHaveValue('');
  await payLater(page, '46733123453', '3000');
  const open = page.getByRole('region', { name: /^Pay later: 1 open invoice/ });
  await expect(open).toBeVisible();
  await open.getByRole('button', { name: /^Cancel invoice/ }).click();
  await expect(open).toBeHidden();
});

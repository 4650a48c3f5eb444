/**
 * Pay later at the counter, in browser mode against the training simulator:
 * the shop's own MoMo number set, "Pay later" sends an invoice, the open
 * invoice is listed with its expiry, the customer pays it (the simulator,
 * after MOMO_POS_SIM_INVOICE_PAID_MS) and it leaves the list as a paid sale;
 * one the customer will never pay is cancelled.
 */
import type { Page } from '@playwright/test';
import { test as base, expect, openShiftByApi, startBrowserMode, type PosServer } from './fixtures';

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
  // Asked first: nothing leaves on one click.
  const ask = page.getByRole('dialog', { name: 'Send a MoMo invoice?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Send the invoice' }).click();
  await expect(ask).toBeHidden();
  await expect(page.getByRole('region', { name: 'Payment status' }).getByText(/^Receipt /)).toBeVisible();
}

test('an invoice is sent, listed with its expiry until the customer pays it; one never paid is cancelled', async ({ page, invoiceServer }) => {
  await page.goto(invoiceServer.openUrl);
  await expect(page.getByLabel('Phone', { exact: true })).toBeVisible();
  // Without the shop's own number there is nobody to pay: said plainly, nothing recorded.
  await page.getByLabel('Phone', { exact: true }).fill('0788 123 456');
  await page.getByLabel('Amount', { exact: true }).fill('1000');
  await page.getByRole('button', { name: 'Pay later: send a MoMo invoice' }).click();
  await page.getByRole('dialog', { name: 'Send a MoMo invoice?' }).getByRole('button', { name: 'Send the invoice' }).click();
  // The shop's number is missing, not the customer's: said for the form, never under the customer's phone field.
  await expect(page.getByRole('alert').filter({ hasText: "Set the shop's own MoMo number in Settings first" })).toBeVisible();
  await expect(page.locator('#phone-error')).toHaveCount(0);

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
  // Asked first; Keep leaves it open.
  await expect(open.getByText(/^Cancel invoice .+\? The customer will no longer be able to pay it\.$/)).toBeVisible();
  await open.getByRole('button', { name: 'Yes, cancel it' }).click();
  // Said after, with the keyboard on what happened (never dropped to the page body).
  const notice = page.getByRole('status').filter({ hasText: /^Invoice .+ cancelled: the customer can no longer pay it\.$/ });
  await expect(notice).toBeVisible();
  await expect(notice).toBeFocused();

  // Its own state on the counter: not "Declined", no "try again", and "Send a new invoice" — never a prompt.
  const status = page.getByRole('region', { name: 'Payment status' });
  await expect(status).toHaveAttribute('data-outcome', 'cancelled');
  await expect(status).toContainText('Invoice cancelled');
  await expect(status).not.toContainText('Declined');
  await expect(status.getByRole('button', { name: /Retry/ })).toHaveCount(0);
  await expect(status.getByRole('button', { name: /Send a new invoice/ })).toHaveClass(/primary/);
  await expect(page.getByRole('region', { name: 'Today’s sales' }).getByText('Invoice cancelled').first()).toBeVisible();
  await shoot(page, 'pay-later-cancelled');
  // F4 asks for a new invoice (validity included); Back sends nothing.
  await page.keyboard.press('F4');
  const ask = page.getByRole('dialog', { name: 'Send a MoMo invoice?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Back' }).click();
  await expect(ask).toBeHidden();
  await expect(status).toHaveAttribute('data-outcome', 'cancelled');
  await expect(status).not.toContainText('Attempt 2');
  // Sent, for 4 hours: attempt 2 is an invoice again, with its expiry and what the customer does; no timer.
  await status.getByRole('button', { name: /Send a new invoice/ }).click();
  await ask.getByLabel('Payable for').selectOption({ label: '4 hours' });
  await expect(ask.getByText(/^Payable until \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d$/)).toBeVisible();
  await ask.getByRole('button', { name: 'Send the invoice' }).click();
  await expect(status).toContainText('Invoice sent by SMS');
  await expect(status).toContainText('Attempt 2');
  await expect(status.getByText(/^Payable until /)).toBeVisible();
  await expect(status).toContainText('approves the payment on their own phone');
  await expect(status.getByRole('timer')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Today’s sales' }).getByText('Invoice', { exact: true }).first()).toBeVisible();

  // Closing the shift while that invoice is open: said before, never a surprise on the Z.
  await openShiftByApi(invoiceServer);
  await page.getByRole('button', { name: 'Till', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Close the shift' })).toContainText('invoices not paid yet: 1');
  // Esc leads back to the counter.
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Phone', { exact: true })).toBeVisible();
});

test('an invoice paid at once shows as paid within seconds on the shipped schedule, with no reload and no head office', async ({ page }) => {
  // No MOMO_POS_INVOICE_POLL_MS: the engine's own invoice schedule (first look after 5 s).
  const server = await startBrowserMode({ MOMO_POS_SIM_INVOICE_PAID_MS: '2000' });
  try {
    await page.goto(server.openUrl);
    await expect(page.getByLabel('Phone', { exact: true })).toBeVisible();
    await page.evaluate(async () => {
      await fetch('/api/call/till.setManagerPin', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: '482916' }) });
      await fetch('/api/call/settings.update', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ merchantMomoNumber: '0788 000 111' }) });
    });
    await page.reload();
    await payLater(page, '0788 123 456', '5500');
    const sentAt = Date.now();
    const status = page.getByRole('region', { name: 'Payment status' });
    await expect(status).toContainText('Invoice sent by SMS');
    // Told on the event stream: the status panel turns paid by itself.
    await expect(status).toHaveAttribute('data-outcome', 'paid', { timeout: 12_000 });
    expect(Date.now() - sentAt).toBeLessThan(12_000);
    await expect(page.getByRole('region', { name: /^Pay later: / })).toBeHidden();
  } finally {
    await server.stop();
  }
});

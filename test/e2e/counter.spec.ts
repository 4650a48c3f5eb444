/**
 * The counter screen, end to end in browser mode against the training
 * simulator (docs/momo.md sandbox numbers force each outcome; any other number is
 * approved after MOMO_POS_SIM_APPROVAL_MS = 1500 ms, set by the fixture).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { callApi, test, expect, openShiftByApi, startBrowserMode } from './fixtures';

const screenshots = Boolean(process.env.MOMO_POS_SCREENSHOTS);
const shoot = async (page: Page, name: string) => {
  if (screenshots) await page.screenshot({ path: `docs/screenshots/${name}.png` });
};

function counterParts(page: Page) {
  return {
    phone: page.getByLabel('Phone', { exact: true }),
    amount: page.getByLabel('Amount', { exact: true }),
    charge: page.getByRole('button', { name: /^Charge/ }),
    status: page.getByRole('region', { name: 'Payment status' }),
    sales: page.getByRole('region', { name: 'Today’s sales' }),
  };
}

async function charge(page: Page, phone: string, amount: string) {
  const parts = counterParts(page);
  await parts.phone.fill(phone);
  await parts.amount.fill(amount);
  await parts.charge.click();
  await expect(parts.status.getByText(/^Receipt /)).toBeVisible();
  return parts;
}

async function receiptNumberShown(page: Page): Promise<string> {
  const text = await counterParts(page).status.getByText(/^Receipt /).textContent();
  return text!.replace(/^Receipt /, '').trim();
}

test('a paid sale: prompt, live status, Paid, its 80 mm receipt, and the receipt saved as PDF by the browser', async ({ counter: page }) => {
  const parts = counterParts(page);
  await parts.phone.fill('0788 123 456');
  await expect(page.getByText('Prompt or invoice goes to +250 788 123 456')).toBeVisible();
  await parts.amount.fill('1500');
  await expect(parts.charge).toHaveAccessibleName(/^Charge RWF\s1,500/);
  // The optional name check: MTN's registered name, for the customer to confirm, kept on the sale.
  await page.getByRole('button', { name: 'Check name' }).click();
  await expect(page.getByText(/^Registered name: \S/)).toBeVisible();
  const registered = (await page.getByText(/^Registered name: /).textContent())!.replace('Registered name: ', '');
  await parts.charge.click();

  await expect(parts.status).toContainText('Prompt sent to 2507******56');
  await expect(parts.status).toContainText(registered);
  await expect(parts.status.getByRole('timer')).toHaveText(/^\d\d:\d\d$/);
  await expect(parts.status.locator('.status-headline')).toHaveText('Paid', { timeout: 15_000 });
  await expect(parts.status).toContainText('The customer paid with MoMo.');
  const receiptNumber = await receiptNumberShown(page);
  const row = parts.sales.getByRole('listitem').filter({ hasText: receiptNumber });
  await expect(row).toContainText('Paid');
  await expect(row).toContainText('RWF 1,500');
  await shoot(page, 'counter-paid');

  // The receipt, as the engine renders it, in the sandboxed preview frame.
  await parts.status.getByRole('button', { name: 'Print receipt' }).click();
  const dialog = page.getByRole('dialog', { name: `Receipt ${receiptNumber}` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: '80 mm' }).check();
  const frame = dialog.frameLocator('iframe[title="Receipt preview"]');
  await expect(frame.locator('body')).toContainText('RWF 1,500');
  await expect(frame.locator('body')).toContainText(receiptNumber);
  await expect(frame.locator('body')).toContainText('2507******56');
  await expect(dialog.locator('iframe')).toHaveAttribute('sandbox', '');
  await shoot(page, 'receipt-80mm');

  // Browser mode's "Save as PDF": the receipt opens in its own window for the browser's print-to-PDF.
  const [printWindow] = await Promise.all([page.waitForEvent('popup'), dialog.getByRole('button', { name: 'Save as PDF' }).click()]);
  await expect(dialog).toContainText('choose “Save as PDF” as the printer');
  await printWindow.waitForLoadState();
  await expect(printWindow.locator('body')).toContainText(receiptNumber);
  // That window is now in the browser's print dialog; print the same HTML to PDF in a page of its own.
  const receiptHtml = await printWindow.content();
  await printWindow.close();
  const pdfPage = await page.context().newPage();
  await pdfPage.setContent(receiptHtml);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-receipt-'));
  try {
    const pdfPath = path.join(folder, 'receipt.pdf');
    writeFileSync(pdfPath, await pdfPage.pdf({ preferCSSPageSize: true, printBackground: true }));
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain(receiptNumber);
    expect(text).toMatch(/RWF\s1,500/);
    expect(text).toContain('2507******56');
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await pdfPage.close();
  }

  // Esc closes the dialog; a reprint from the list says COPY.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await row.getByRole('button', { name: /^Reprint/ }).click();
  const copy = page.getByRole('dialog', { name: `Receipt ${receiptNumber} (copy)` });
  await expect(copy.frameLocator('iframe[title="Receipt preview"]').locator('body')).toContainText('COPY');
  await copy.getByRole('button', { name: /^Close/ }).click();
  await expect(copy).toBeHidden();
});

test('a declined sale says so, offers Retry and Take cash, and taking cash settles it', async ({ counter: page, server }) => {
  const parts = await charge(page, '46733123451', '2000');
  await expect(parts.status.locator('.status-headline')).toHaveText('Declined', { timeout: 15_000 });
  await expect(parts.status).toContainText('The customer declined on their phone.');
  await expect(parts.status).toContainText('Ask them to try again or take cash.');
  await expect(parts.status.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(parts.status.getByRole('button', { name: 'Take cash' })).toBeVisible();
  const receiptNumber = await receiptNumberShown(page);
  await expect(parts.sales.getByRole('listitem').filter({ hasText: receiptNumber })).toContainText('Declined');
  await shoot(page, 'counter-declined');

  // Cash goes into a drawer: the till needs an open shift first (till-money.spec shows the refusal without one).
  await openShiftByApi(server);
  await page.keyboard.press('F8'); // Take cash: it asks what was handed over; Enter takes the exact amount
  await expect(page.getByRole('dialog', { name: 'Take cash: RWF\u00a02,000' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(parts.status.locator('.status-headline')).toHaveText('Paid in cash');
  await expect(parts.sales.getByRole('listitem').filter({ hasText: receiptNumber })).toContainText('Paid in cash');
});

test('an expired prompt says Expired and what to do next', async ({ counter: page }) => {
  const parts = await charge(page, '46733123452', '750');
  await expect(parts.status.locator('.status-headline')).toHaveText('Expired', { timeout: 15_000 });
  await expect(parts.status).toContainText('The customer did not answer the prompt in time.');
  await expect(parts.status.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('the cashier stops waiting, serves the next customer, and the late approval still turns the first sale Paid', async ({ page }) => {
  const server = await startBrowserMode({ MOMO_POS_SIM_SLOW_APPROVAL_MS: '6000' });
  try {
    await page.goto(server.openUrl);
    const parts = counterParts(page);
    await expect(parts.phone).toBeVisible();
    await charge(page, '46733123454', '3000');
    await expect(parts.status.locator('.status-headline')).toHaveText('Waiting for the customer', { timeout: 10_000 });
    await expect(parts.status.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    const first = await receiptNumberShown(page);
    await page.waitForTimeout(1200); // let the timer run, for the screenshot
    await shoot(page, 'counter-waiting');

    await parts.status.getByRole('button', { name: 'Stop waiting' }).click();
    await expect(parts.status.locator('.status-headline')).toHaveText('Stopped waiting');
    await expect(parts.status).toContainText('turns Paid');
    const firstRow = parts.sales.getByRole('listitem').filter({ hasText: first });
    await expect(firstRow).toContainText('Stopped waiting');

    // The next customer, while the first sale is still checked in the background.
    await page.keyboard.press('F2');
    await expect(parts.phone).toBeFocused();
    await expect(parts.phone).toHaveValue('');
    await expect(parts.status).toContainText('No payment in progress.');
    await charge(page, '0788 123 456', '500');
    await expect(parts.status.locator('.status-headline')).toHaveText('Paid', { timeout: 15_000 });

    // The customer approved late: the list flips the first sale to Paid, live.
    await expect(firstRow).toContainText('Paid', { timeout: 45_000 });
    await expect(firstRow).not.toContainText('Stopped waiting');

    // F3 searches today's sales, by receipt number or by phone digits.
    await page.keyboard.press('F3');
    const search = page.getByRole('searchbox', { name: 'Search sales' });
    await expect(search).toBeFocused();
    await page.keyboard.type(first);
    await expect(parts.sales.getByRole('listitem')).toHaveCount(1);
    await expect(parts.sales.getByRole('listitem')).toContainText(first);
    await search.fill('123456');
    await expect(parts.sales.getByRole('listitem')).toHaveCount(1);
    await expect(parts.sales.getByRole('listitem')).toContainText('2507******56');
    await search.fill('');
    await expect(parts.sales.getByRole('listitem')).toHaveCount(2);
  } finally {
    await server.stop();
  }
});

test('an invalid phone and a zero amount are refused before anything is sent, with the field named', async ({ counter: page }) => {
  const parts = counterParts(page);
  const charges: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/call/sale.charge')) charges.push(request.url());
  });

  await parts.phone.fill('0788 12');
  await parts.amount.fill('1500');
  await parts.amount.press('Enter');
  await expect(parts.phone).toHaveAttribute('aria-invalid', 'true');
  await expect(parts.phone).toBeFocused();
  await expect(page.locator('#phone-error')).toHaveText(/not a valid mobile number/);
  await expect(parts.phone).toHaveAccessibleDescription(/not a valid mobile number/);

  await parts.phone.fill('0788 123 456');
  await expect(parts.phone).not.toHaveAttribute('aria-invalid', 'true');
  await parts.amount.fill('0');
  await parts.charge.click();
  await expect(parts.amount).toHaveAttribute('aria-invalid', 'true');
  await expect(parts.amount).toBeFocused();
  await expect(page.locator('#amount-error')).toHaveText(/more than zero/);

  await parts.amount.fill('12.5');
  await parts.amount.press('Enter');
  await expect(page.locator('#amount-error')).toHaveText(/RWF has no decimals/);

  await expect(parts.status).toContainText('No payment in progress.');
  await expect(parts.sales).toContainText('No sales yet today.');
  expect(charges).toEqual([]);
  await page.reload();
  await expect(counterParts(page).sales).toContainText('No sales yet today.');
});

test('keyboard only: phone, Tab, amount, Enter, Paid, F2 for the next sale with focus back on Phone', async ({ counter: page }) => {
  const parts = counterParts(page);
  await expect(parts.phone).toBeFocused();
  await page.keyboard.type('0788123456');
  await page.keyboard.press('Tab');
  await expect(parts.amount).toBeFocused();
  await page.keyboard.type('2000');
  await page.keyboard.press('Enter');
  await expect(parts.status).toContainText('Prompt sent to 2507******56');
  await expect(parts.status.locator('.status-headline')).toHaveText('Paid', { timeout: 15_000 });
  // Shortcuts are on screen.
  await expect(page.getByRole('contentinfo', { name: 'Keyboard shortcuts' })).toContainText('F2');
  await page.keyboard.press('F2');
  await expect(parts.phone).toBeFocused();
  await expect(parts.phone).toHaveValue('');
  await expect(parts.amount).toHaveValue('');
  await expect(parts.status).toContainText('No payment in progress.');
  await expect(parts.sales.getByRole('listitem')).toHaveCount(1);
  await shoot(page, 'counter-idle');
});

test('today’s money reads as the X does: taken, refunded, net — live as a refund goes out, in en, fr and rw', async ({ counter: page, server }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openShiftByApi(server);
  await callApi(server, 'sale.payCash', { amount: '5000' });
  const paid = await callApi<{ sale: { id: string } }>(server, 'sale.charge', { phone: '0788 123 456', amount: '3000' });
  await expect.poll(async () => (await callApi<{ status: string }>(server, 'sale.get', { saleId: paid.sale.id })).status, { timeout: 15_000 }).toBe('paid');
  // A declined attempt is no sale and no money.
  await callApi(server, 'sale.charge', { phone: '46733123451', amount: '2000' });
  const count = counterParts(page).sales.locator('.sales-count');
  await expect(count).toHaveText(/^2 paid · RWF\u00a08,000( · 1 (waiting|not paid))?$/, { timeout: 15_000 });
  // The cash sale made elsewhere (here: the API, as the Till screen would) is listed too, not only counted.
  await expect(counterParts(page).sales.getByText('Paid in cash')).toBeVisible();

  // A refund (manager PIN in the call) goes out: the counter says so without a reload, from the engine's day total.
  const refund = await callApi<{ id: string }>(server, 'refund.create', { saleId: paid.sale.id, amount: '1000', reason: 'one item back', pin: '482916', method: 'momo' });
  await expect.poll(async () => (await callApi<{ status: string }>(server, 'refund.get', { refundId: refund.id })).status, { timeout: 15_000 }).toBe('successful');
  await expect(count).toHaveText('2 paid · RWF\u00a08,000 · refunded RWF\u00a01,000 · net RWF\u00a07,000 · 1 not paid', { timeout: 15_000 });
  expect(await callApi(server, 'till.today')).toMatchObject({ taken: { count: 2, amountMinor: 8000 }, refunded: { count: 1, amountMinor: 1000 }, netMinor: 7000 });
  await shoot(page, 'counter-today-refunded');
  await page.setViewportSize({ width: 800, height: 1280 });
  await expect(count).toBeVisible();
  await shoot(page, 'counter-today-refunded-800x1280');

  await callApi(server, 'settings.update', { language: 'fr' });
  await page.reload();
  await expect(page.locator('.sales-count')).toHaveText(/^2 payées · 8\s000\sRWF · remboursé 1\s000\sRWF · net 7\s000\sRWF · 1 non payée$/, { timeout: 15_000 });
  await callApi(server, 'settings.update', { language: 'rw' });
  await page.reload();
  await expect(page.locator('.sales-count')).toHaveText(/ · ayasubijwe .*1,000 · asigaye .*7,000 · /, { timeout: 15_000 });
  await shoot(page, 'counter-today-refunded-rw-800x1280');
});

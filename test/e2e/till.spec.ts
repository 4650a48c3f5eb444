/**
 * The till, end to end in browser mode against the training simulator: the
 * manager's first PIN, a cashier, opening the shift, a cash sale and a MoMo
 * sale, a refund that needs the PIN, closing with a counted-cash difference,
 * and the Z report saved as PDF, read back by its text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const screenshots = Boolean(process.env.MOMO_POS_SCREENSHOTS);
/** The till scrolls inside the window: a tall window shows a manager's whole screen at once. */
const shoot = async (page: Page, name: string) => {
  if (!screenshots) return;
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 1280, height: 1500 });
  const preview = page.locator('iframe[title="Report preview"]');
  if (await preview.count()) await expect(preview.contentFrame().locator('main.report')).toBeVisible();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
  await page.setViewportSize(size);
};

const MANAGER = '482916';
const region = (page: Page, name: string) => page.getByRole('region', { name });
/** One of the big numbers above the report preview, by its label. */
const keyNumber = (scope: ReturnType<Page['getByRole']>, label: string) => scope.locator('.till-numbers > div').filter({ has: scope.page().getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }) });

/** Chromium's own print-to-PDF of a report document, then poppler's text and page size. */
async function pdfOf(page: Page, html: string): Promise<{ text: string; info: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-z-'));
  try {
    const pdfPage = await page.context().newPage();
    await pdfPage.setContent(html, { waitUntil: 'load' });
    const pdf = await pdfPage.pdf({ preferCSSPageSize: true, printBackground: true });
    await pdfPage.close();
    const file = path.join(dir, 'z.pdf');
    writeFileSync(file, pdf);
    return {
      text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
      info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a day at the till: open, cash and MoMo sales, a refund with the PIN, closing short, and the Z report as PDF', async ({ counter: page }) => {
  test.setTimeout(120_000);
  // The counter's top bar leads to the till; the first time, the manager chooses a PIN.
  await page.getByRole('button', { name: 'Till', exact: true }).click();
  const pinCard = region(page, 'Choose the manager PIN');
  await expect(pinCard).toBeVisible();
  await shoot(page, 'till-first-pin');
  await pinCard.getByLabel('New manager PIN', { exact: true }).fill(MANAGER);
  await pinCard.getByLabel('New manager PIN again').fill('482917');
  await expect(pinCard.getByText('The two PINs are not the same.')).toBeVisible();
  await pinCard.getByLabel('New manager PIN again').fill(MANAGER);
  await pinCard.getByRole('button', { name: 'Save the manager PIN' }).click();

  // A cashier, then the shift: the cashier signs in with their own PIN and counts the float.
  const cashiers = region(page, 'Cashiers');
  await cashiers.getByLabel('Cashier’s name').fill('Ann');
  await cashiers.getByLabel('Cashier’s PIN').fill('1357');
  await cashiers.getByLabel('Manager PIN').fill(MANAGER);
  await cashiers.getByRole('button', { name: 'Save cashier' }).click();
  await expect(page.getByText('Cashier Ann saved.')).toBeVisible();
  const open = region(page, 'Open a shift');
  await expect(open.getByLabel('Cashier', { exact: true })).toHaveValue('Ann');
  await open.getByLabel('Cashier’s PIN').fill('1357');
  await open.getByLabel(/Opening float/).fill('5000');
  await shoot(page, 'till-open-shift');
  await open.getByRole('button', { name: 'Open the shift' }).click();
  await expect(page.getByText(/^Shift open since \d\d:\d\d · cashier Ann · float RWF\s5,000$/)).toBeVisible();

  // A cash sale, no network needed; the change is shown.
  const cashSale = region(page, 'Cash sale');
  await cashSale.getByLabel('Cash sale amount').fill('2000');
  await cashSale.getByLabel(/Cash handed over/).fill('5000');
  await expect(cashSale.getByText('Change to give: RWF\u00a03,000')).toBeVisible();
  await cashSale.getByRole('button', { name: 'Record cash sale' }).click();
  await expect(page.getByText(/^Cash sale recorded: receipt \w+-000001\.$/)).toBeVisible();
  await expect(cashSale.getByText('Paid in cash: give RWF\u00a03,000 change.')).toBeVisible();

  // A MoMo sale at the counter.
  await page.getByRole('button', { name: 'Back to the counter' }).click();
  await page.getByLabel('Phone', { exact: true }).fill('0788 123 456');
  await page.getByLabel('Amount', { exact: true }).fill('6000');
  await page.getByRole('button', { name: /^Charge/ }).click();
  const status = page.getByRole('region', { name: 'Payment status' });
  await expect(status.locator('.status-headline')).toHaveText('Paid', { timeout: 15_000 });
  const receipt = (await status.getByText(/^Receipt /).textContent())!.replace(/^Receipt /, '').trim();
  await page.getByRole('button', { name: 'Till', exact: true }).click();

  // The X report follows live: both sales, MoMo money never in the drawer.
  const report = page.getByRole('region', { name: 'X report — the shift so far' });
  await expect(keyNumber(report, 'Sales')).toContainText('RWF\u00a08,000');
  await expect(keyNumber(report, 'Sales')).toContainText('MoMo RWF\u00a06,000 · cash RWF\u00a02,000');
  await expect(keyNumber(report, 'Expected in drawer')).toContainText('RWF\u00a07,000');

  // A partial refund by MoMo: the manager PIN, refused when wrong.
  const refund = region(page, 'Refund a sale');
  await refund.getByLabel('Receipt number').fill(receipt);
  await refund.getByRole('button', { name: 'Find sale' }).click();
  await expect(refund.getByText('Paid: RWF\u00a06,000 by MoMo, RWF\u00a00 in cash.')).toBeVisible();
  await refund.getByLabel('Refund amount').fill('1000');
  await refund.getByLabel('Reason').fill('one bottle returned');
  await refund.getByLabel('Manager PIN').fill('111111');
  await refund.getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(refund.getByRole('alert')).toHaveText('Wrong manager PIN.');
  await refund.getByLabel('Manager PIN').fill(MANAGER);
  await shoot(page, 'till-refund');
  await refund.getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(refund.getByText('Refunded RWF\u00a01,000 to 2507******56 by MoMo.')).toBeVisible({ timeout: 15_000 });
  await expect(keyNumber(report, 'Refunds')).toContainText('RWF\u00a01,000');
  await expect(keyNumber(report, 'Net \\(sales − refunds\\)')).toContainText('RWF\u00a07,000');
  await shoot(page, 'till-shift');

  // Closing: a blind count of the drawer; 5,000 float + 2,000 cash = 7,000 expected, 6,500 counted.
  const close = region(page, 'Close the shift');
  await close.getByLabel('Counted cash').fill('6500');
  await close.getByLabel('Manager PIN').fill(MANAGER);
  await close.getByRole('button', { name: 'Close the shift and print the Z report' }).click();
  const z = page.getByRole('region', { name: 'Z report No. 1' });
  await expect(z).toBeVisible();
  await expect(z.getByRole('alert')).toContainText('Cash missing');
  await expect(z.getByRole('alert')).toContainText('RWF\u00a0500');
  await expect(page.getByText('No shift open: open one before taking cash.')).toBeVisible();
  await shoot(page, 'z-report');

  // The Z as PDF (A4), read back by its text.
  const frame = z.locator('iframe[title="Report preview"]');
  const html = (await frame.getAttribute('srcdoc'))!;
  const a4 = await pdfOf(page, html);
  expect(a4.info).toMatch(/Page size:\s+59\d(\.\d+)? x 841(\.\d+)? pts \(A4\)/);
  const text = a4.text.replace(/\u00a0/g, ' ');
  expect(text).toContain('TRAINING — no real money');
  expect(text).toContain('Z REPORT No. 1');
  expect(text).toMatch(/MoMo\s+1\s+RWF 6,000/);
  expect(text).toMatch(/Cash\s+1\s+RWF 2,000/);
  expect(text).toMatch(/Total\s+2\s+RWF 8,000/);
  expect(text).toMatch(/Net \(sales − refunds\)\s+RWF 7,000/);
  expect(text).toMatch(/= Expected in drawer\s+RWF 7,000/);
  expect(text).toMatch(/Counted\s+RWF 6,500/);
  expect(text).toMatch(/Difference: CASH MISSING\s+−RWF 500/);
  expect(text).toMatch(/After this Z\s+RWF 8,000\s+RWF 1,000/);
  expect(text).toContain('Hash of the last entry');
  expect(text).toMatch(/Ann\s+2\s+RWF 8,000/);
  expect(text).toMatch(/1 payment charged\s+RWF 30/);

  // The 80 mm roll: one long page, 80 mm wide.
  await z.getByText('80 mm', { exact: true }).click();
  await shoot(page, 'z-report-80mm');
  const roll = await pdfOf(page, (await frame.getAttribute('srcdoc'))!);
  expect(roll.info).toMatch(/Page size:\s+22[67](\.\d+)? x \d+(\.\d+)? pts/);
  expect(roll.info).toMatch(/Pages:\s+1\n/);
  expect(roll.text).toContain('Z REPORT No. 1');

  // A reprint needs the PIN and says COPY.
  await page.getByText(/^Manager tools/).click();
  const reprint = region(page, 'Reprint a Z report');
  await reprint.getByLabel('Manager PIN').fill(MANAGER);
  await reprint.getByRole('button', { name: 'Show the copy' }).click();
  await expect(page.getByRole('region', { name: 'Z report No. 1 (copy)' })).toBeVisible();
  const copy = await pdfOf(page, (await page.locator('iframe[title="Report preview"]').getAttribute('srcdoc'))!);
  expect(copy.text).toContain('COPY — reprint');
});

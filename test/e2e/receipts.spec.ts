/**
 * Receipts as a shop expects them: the first print of a sale is the original
 * (COPY only on reprints, and the engine keeps count), a cash sale recorded
 * in the Till can be printed, and closing a shift opens its Z for printing.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openShiftOnTheTill } from './manager-pin';

const MANAGER = '482916';

async function paidSale(page: Page): Promise<string> {
  await page.getByLabel('Phone', { exact: true }).fill('0788 123 456');
  await page.getByLabel('Amount', { exact: true }).fill('1500');
  await page.getByRole('button', { name: /^Charge/ }).click();
  const status = page.getByRole('region', { name: 'Payment status' });
  await expect(status.locator('.status-headline')).toHaveText('Paid', { timeout: 15_000 });
  return (await status.getByText(/^Receipt /).textContent())!.replace(/^Receipt /, '').trim();
}

/** Clicks (or presses) what prints, and answers the text of the print window it opens (once the receipt is written into it). */
async function printed(page: Page, act: () => Promise<void>, receipt: string): Promise<string> {
  const [win] = await Promise.all([page.waitForEvent('popup'), act()]);
  // The window opens at once (in the click) and gets the receipt when the engine has recorded the print.
  await expect(win.locator('body')).toContainText(receipt);
  const text = (await win.locator('body').textContent()) ?? '';
  await win.close();
  return text;
}

test('from the list the first print is the original; Ctrl+P after Print, and any later print, say COPY', async ({ counter: page }) => {
  const receipt = await paidSale(page);
  await page.keyboard.press('F2'); // the next customer: the paid sale is now only in the list
  const row = page.getByRole('region', { name: 'Today’s sales' }).getByRole('listitem', { name: `Sale ${receipt}` });
  await row.getByRole('button', { name: /^Reprint|^Print/ }).click();
  const original = page.getByRole('dialog', { name: `Receipt ${receipt}` });
  await expect(original.frameLocator('iframe[title="Receipt preview"]').locator('body')).toContainText(receipt);
  await expect(original.frameLocator('iframe[title="Receipt preview"]').locator('body')).not.toContainText('COPY');

  const first = await printed(page, () => original.getByRole('button', { name: /^Print/ }).click(), receipt);
  expect(first).toContain(receipt);
  expect(first).not.toContain('COPY');

  const second = await printed(page, () => page.keyboard.press('Control+p'), receipt);
  expect(second).toContain('COPY');
  await expect(page.getByRole('dialog', { name: `Receipt ${receipt} (copy)` })).toBeVisible();
  await page.keyboard.press('Escape');

  // Opened again later (a reload even): the engine remembers it was printed.
  await page.reload();
  await row.getByRole('button', { name: /^Reprint/ }).click();
  await expect(page.getByRole('dialog', { name: `Receipt ${receipt} (copy)` }).frameLocator('iframe[title="Receipt preview"]').locator('body')).toContainText('COPY');
});

test('a cash sale in the Till has a print button, and closing the shift opens its Z report for printing', async ({ counter: page }) => {
  await openShiftOnTheTill(page, MANAGER);

  const cashSale = page.getByRole('region', { name: 'Cash sale' });
  await cashSale.getByLabel('Cash sale amount').fill('2000');
  await cashSale.getByRole('button', { name: 'Record cash sale' }).click();
  const done = (await page.getByText(/^Cash sale recorded: receipt \w+-\d+\.$/).textContent())!;
  const receipt = /receipt (\S+)\.$/.exec(done)![1]!;
  await page.getByRole('button', { name: `Print receipt ${receipt}` }).click();
  const dialog = page.getByRole('dialog', { name: `Receipt ${receipt}` });
  await expect(dialog.frameLocator('iframe[title="Receipt preview"]').locator('body')).toContainText('RWF 2,000');
  const text = await printed(page, () => dialog.getByRole('button', { name: /^Print/ }).click(), receipt);
  expect(text).toContain(receipt);
  expect(text).not.toContain('COPY');
  await page.keyboard.press('Escape');

  const close = page.getByRole('region', { name: 'Close the shift' });
  await close.getByLabel('Counted cash').fill('7000');
  await close.getByLabel('Manager PIN').fill(MANAGER);
  await close.getByRole('button', { name: 'Close the shift and print the Z report' }).click();
  // The till prints reports through a hidden frame handed to the print dialog: the Z is in it, unasked.
  const printing = page.locator('iframe[aria-hidden="true"]');
  await expect(printing).toHaveCount(1);
  expect(await printing.getAttribute('srcdoc')).toContain('Z REPORT No. 1');
});

/**
 * Money at the counter and the till as a person sees it (issue 14): the limit
 * for one payment named at the counter, in English and French; F8 "Take cash"
 * refused with no shift open, as the Till says; cash out beyond the drawer;
 * and the refund method back to MoMo on every fresh look-up.
 */
import type { Page } from '@playwright/test';
import { callApi, expect, openShiftByApi, test } from './fixtures';

const MANAGER = '482916';
const screenshots = Boolean(process.env.MOMO_POS_SCREENSHOTS);
const shoot = async (page: Page, name: string) => {
  if (screenshots) await page.screenshot({ path: `docs/screenshots/${name}.png` });
};
const region = (page: Page, name: string) => page.getByRole('region', { name });
const status = (page: Page) => region(page, 'Payment status');

async function charge(page: Page, phone: string, amount: string) {
  await page.getByLabel('Phone', { exact: true }).fill(phone);
  await page.getByLabel('Amount', { exact: true }).fill(amount);
  await page.getByRole('button', { name: /^Charge/ }).click();
}

test('the counter names the limit for one payment, in the cashier’s language, and sends nothing', async ({ counter: page, server }) => {
  await charge(page, '0788 123 456', '999,999,999,999');
  await expect(page.getByText('That is more than the till takes at once: the limit is RWF 4,000,000 (MTN’s limit for one payment in Rwanda).')).toBeVisible();
  await shoot(page, 'counter-over-limit');
  expect(await callApi<unknown[]>(server, 'sale.list', {})).toEqual([]);

  await callApi(server, 'settings.update', { language: 'fr' });
  await page.reload();
  await page.getByLabel('Téléphone', { exact: true }).fill('0788 123 456');
  await page.getByLabel('Montant', { exact: true }).fill('5000000');
  await page.getByRole('button', { name: /^Encaisser/ }).click();
  await expect(page.getByText(/^C’est plus que la caisse n’accepte en une fois : la limite est de 4\s000\s000\sRWF \(limite de MTN pour un seul paiement, Rwanda\)\.$/)).toBeVisible();
  expect(await callApi<unknown[]>(server, 'sale.list', {})).toEqual([]);
});

test('F8 “Take cash” with no shift open is refused as the Till says; with a shift open it settles the sale', async ({ counter: page, server }) => {
  await charge(page, '46733123451', '2000');
  await expect(status(page).locator('.status-headline')).toHaveText('Declined', { timeout: 15_000 });
  // F8 asks what was handed over; Enter takes the exact amount.
  const takeCash = async () => {
    await page.keyboard.press('F8');
    await page.getByRole('dialog', { name: /^Take cash/ }).getByLabel('Cash handed over').press('Enter');
  };
  await takeCash();
  await expect(page.getByText('No shift is open: open a shift on the Till before taking cash, so the cash is counted in a drawer.').first()).toBeVisible();
  await expect(status(page).locator('.status-headline')).toHaveText('Declined');
  await shoot(page, 'counter-cash-no-shift');

  await openShiftByApi(server, MANAGER);
  if (await page.getByRole('dialog', { name: /^Take cash/ }).isVisible()) await page.getByRole('dialog', { name: /^Take cash/ }).getByLabel('Cash handed over').press('Enter');
  else await takeCash();
  await expect(status(page).locator('.status-headline')).toHaveText('Paid in cash');
});

test('cash out beyond the drawer names what it should hold; a fresh refund look-up starts with MoMo', async ({ counter: page, server }) => {
  await openShiftByApi(server, MANAGER, '30000');
  await callApi(server, 'sale.payCash', { amount: '5500' });
  const first = await callApi<{ receiptNumber: string; sale: { id: string } }>(server, 'sale.charge', { phone: '0788 123 456', amount: '3000' });
  const second = await callApi<{ receiptNumber: string; sale: { id: string } }>(server, 'sale.charge', { phone: '0788 123 457', amount: '4000' });
  for (const saleId of [first.sale.id, second.sale.id]) {
    await expect.poll(async () => (await callApi<{ status: string }>(server, 'sale.get', { saleId })).status, { timeout: 15_000 }).toBe('paid');
  }
  await page.getByRole('button', { name: 'Till', exact: true }).click();

  const drawer = region(page, 'Cash in or out of the drawer');
  await drawer.getByRole('radio', { name: 'Cash out' }).check();
  await drawer.getByLabel('Amount in or out').fill('50000');
  await drawer.getByLabel('Reason').fill('bank');
  await drawer.getByLabel('Manager PIN').fill(MANAGER);
  await drawer.getByRole('button', { name: 'Record cash out' }).click();
  await expect(drawer.getByRole('alert')).toHaveText('Only RWF 35,500 is expected in the drawer: not enough to pay out RWF 50,000.');
  await shoot(page, 'till-cash-out-beyond-drawer');

  const refund = region(page, 'Refund a sale');
  await refund.getByLabel('Receipt number').fill(first.receiptNumber);
  await refund.getByRole('button', { name: 'Find sale' }).click();
  const byMomo = refund.getByRole('radio', { name: 'By MoMo' });
  const byCash = refund.getByRole('radio', { name: 'In cash from the drawer' });
  await expect(byMomo).toBeChecked();
  await byCash.check();
  await expect(byCash).toBeChecked();
  await refund.getByRole('button', { name: 'Cancel' }).click();
  await refund.getByLabel('Receipt number').fill(second.receiptNumber);
  await refund.getByRole('button', { name: 'Find sale' }).click();
  await expect(refund.getByText(second.receiptNumber, { exact: false }).first()).toBeVisible();
  await expect(byMomo).toBeChecked();
  await expect(byCash).not.toBeChecked();

  // The limit is a setting the manager sees and changes (PIN), and can take back to MTN's.
  await page.getByText(/^Manager tools/).click();
  const rules = region(page, 'MoMo fees and refunds');
  await expect(rules.getByText(/Most for one payment: RWF\s4,000,000 \(MTN’s limit for one payment in Rwanda\)\./)).toBeVisible();
  await rules.getByLabel('Most for one payment (RWF)').fill('500,000');
  await rules.getByLabel('Manager PIN').fill(MANAGER);
  await rules.getByRole('button', { name: 'Save' }).click();
  await expect(rules.getByText(/Most for one payment: RWF\s500,000 \(the shop’s own limit\)\./)).toBeVisible();
  await shoot(page, 'till-limit-setting');
  await rules.getByLabel('Manager PIN').fill(MANAGER);
  await rules.getByRole('button', { name: 'Back to MTN’s limit' }).click();
  await expect(rules.getByText(/Most for one payment: RWF\s4,000,000 \(MTN’s limit for one payment in Rwanda\)\./)).toBeVisible();
});

test('reprinting a Z report that does not exist says so, not “this sale or payment was not found”', async ({ counter: page, server }) => {
  await openShiftByApi(server, MANAGER, '0');
  await callApi(server, 'till.closeShift', { countedCash: '0', pin: MANAGER });
  await page.getByRole('button', { name: 'Till', exact: true }).click();
  await page.getByText(/^Manager tools/).click();
  const reprint = region(page, 'Reprint a Z report');
  await reprint.getByLabel('Z number (empty: the last)').fill('7');
  await reprint.getByLabel('Manager PIN').fill(MANAGER);
  await reprint.getByRole('button', { name: 'Show the copy' }).click();
  await expect(reprint.getByRole('alert')).toHaveText('There is no Z report number 7.');
});

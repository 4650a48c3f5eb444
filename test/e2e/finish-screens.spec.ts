/**
 * The counter and set-up finished as a shop expects: today's money beside
 * the count, Check now says it asked, F8 asks for the cash handed over and
 * shows the change, the receipt's header and footer come from Settings, the
 * support transcript is short (and in training not for MTN), and the manager
 * PIN guards Settings, Set up MoMo and the training switch from the first start.
 */
import type { Page } from '@playwright/test';
import { test, expect, openShiftByApi } from './fixtures';
import { MANAGER_PIN, passManagerPin } from './manager-pin';

const MANAGER = MANAGER_PIN;

function parts(page: Page) {
  return {
    phone: page.getByLabel('Phone', { exact: true }),
    amount: page.getByLabel('Amount', { exact: true }),
    status: page.getByRole('region', { name: 'Payment status' }),
    sales: page.getByRole('region', { name: 'Today’s sales' }),
  };
}

async function charge(page: Page, phone: string, amount: string, headline: string) {
  const counter = parts(page);
  await page.keyboard.press('F2');
  await counter.phone.fill(phone);
  await counter.amount.fill(amount);
  await counter.amount.press('Enter');
  await expect(counter.status.locator('.status-headline')).toHaveText(headline, { timeout: 15_000 });
}

test('today’s money total sits beside the count', async ({ counter: page }) => {
  await charge(page, '0788 123 456', '1500', 'Paid');
  await charge(page, '0788 123 457', '2500', 'Paid');
  await expect(parts(page).sales.locator('.sales-count')).toHaveText('2 paid · RWF\u00a04,000');
});

test('Check now says that it asked MTN', async ({ counter: page }) => {
  await charge(page, '46733123453', '1000', 'Waiting for the customer');
  const status = parts(page).status;
  await status.getByRole('button', { name: /^Check now/ }).click();
  await expect(status.getByRole('status').filter({ hasText: /^Asked MTN at \d\d:\d\d: no answer from the customer yet\.$/ })).toBeVisible();
});

test('F8 asks for the cash handed over, shows the change, and settles the sale in cash', async ({ counter: page, server }) => {
  await openShiftByApi(server); // cash goes into a counted drawer
  await charge(page, '46733123451', '1500', 'Declined');
  await page.keyboard.press('F8');
  const dialog = page.getByRole('dialog', { name: 'Take cash: RWF\u00a01,500' });
  await dialog.getByLabel('Cash handed over').fill('5000');
  await expect(dialog.getByText('Change to give: RWF\u00a03,500')).toBeVisible();
  await dialog.getByLabel('Cash handed over').press('Enter');
  await expect(parts(page).status.locator('.status-headline')).toHaveText('Paid in cash');
  await expect(dialog).toBeHidden();
  // The change stays said once the dialog is gone: the cashier is counting it out now.
  await expect(parts(page).status.getByText('Paid in cash: give RWF\u00a03,500 change.')).toBeVisible();
});

test('in training the support transcript is short and not for MTN', async ({ counter: page }) => {
  await charge(page, '46733123450', '2500', 'Failed');
  const status = parts(page).status;
  await expect(status).not.toContainText(/send (it|the support transcript) to MTN/);
  await expect(status).toContainText('nothing to send to MTN');
  await status.getByRole('button', { name: 'Copy support transcript' }).click();
  const dialog = page.getByRole('dialog', { name: 'Support transcript' });
  const text = await dialog.getByRole('textbox', { name: 'Support transcript' }).inputValue();
  expect(text.indexOf('SUMMARY')).toBeLessThan(text.indexOf('STEP 1'));
  expect(text).toContain('TRAINING');
  expect(text).not.toContain('SHARE THIS ENTIRE OUTPUT WITH MTN');
  await expect(dialog).not.toContainText('Send it to MTN');
});

test('the manager PIN comes first: Settings asks for it, then the receipt header and footer are set there', async ({ counter: page }) => {
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Choose the manager PIN' })).toBeVisible();
  await passManagerPin(page);
  await page.getByLabel(/^Receipt header/).fill('Open every day 7–22');
  await page.getByLabel(/^Receipt footer/).fill('Come again soon');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to the counter' }).click();

  // Set up MoMo and the training switch ask again; a wrong PIN opens nothing.
  await page.getByRole('button', { name: 'Set up MoMo' }).click();
  const ask = page.getByRole('dialog', { name: 'Manager PIN' });
  await ask.getByLabel('Manager PIN', { exact: true }).fill('111111');
  await ask.getByRole('button', { name: 'Continue' }).click();
  await expect(ask.getByRole('alert')).toContainText('Wrong manager PIN.');
  await expect(page.getByRole('heading', { name: 'Where is your MoMo account?' })).toHaveCount(0);
  await ask.getByLabel('Manager PIN', { exact: true }).fill(MANAGER);
  await ask.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Where is your MoMo account?' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to the counter' }).click();

  await charge(page, '0788 123 456', '1500', 'Paid');
  await parts(page).status.getByRole('button', { name: /^Print receipt/ }).click();
  const preview = page.getByRole('dialog', { name: /^Receipt / }).frameLocator('iframe[title="Receipt preview"]').locator('body');
  await expect(preview).toContainText('Open every day 7–22');
  await expect(preview).toContainText('Come again soon');
});

test('the training switch asks for the manager PIN before anything', async ({ counter: page }) => {
  await page.getByRole('switch', { name: 'Training mode' }).click();
  await expect(page.getByRole('dialog', { name: 'Choose the manager PIN' })).toBeVisible();
});

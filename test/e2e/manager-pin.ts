/** Settings, Set up MoMo and the training switch ask for the manager PIN first: chosen the first time, typed after. */
import { expect, type Page } from '@playwright/test';

export const MANAGER_PIN = '482916';

export async function passManagerPin(page: Page, pin = MANAGER_PIN): Promise<void> {
  const choose = page.getByRole('dialog', { name: 'Choose the manager PIN' });
  const enter = page.getByRole('dialog', { name: 'Manager PIN' });
  await expect(choose.or(enter)).toBeVisible();
  if (await choose.isVisible()) {
    await choose.getByLabel('New manager PIN', { exact: true }).fill(pin);
    await choose.getByLabel('New manager PIN again').fill(pin);
    await choose.getByRole('button', { name: 'Save the manager PIN' }).click();
    await expect(choose).toBeHidden();
  } else {
    await enter.getByLabel('Manager PIN', { exact: true }).fill(pin);
    await enter.getByRole('button', { name: 'Continue' }).click();
    await expect(enter).toBeHidden();
  }
}

/**
 * On the Till screen of a new till, as a manager does it by hand: choose the
 * manager PIN, add cashier Ann (PIN 1357), open her shift with a float.
 * (till.spec.ts proves each step; the other specs only need the open shift.)
 */
export async function openShiftOnTheTill(page: Page, pin = MANAGER_PIN, openingFloat = '5000'): Promise<void> {
  await page.getByRole('button', { name: 'Till', exact: true }).click();
  const pinCard = page.getByRole('region', { name: 'Choose the manager PIN' });
  await pinCard.getByLabel('New manager PIN', { exact: true }).fill(pin);
  await pinCard.getByLabel('New manager PIN again').fill(pin);
  await pinCard.getByRole('button', { name: 'Save the manager PIN' }).click();
  const cashiers = page.getByRole('region', { name: 'Cashiers' });
  await cashiers.getByLabel('Cashier’s name').fill('Ann');
  await cashiers.getByLabel('Cashier’s PIN').fill('1357');
  await cashiers.getByLabel('Manager PIN').fill(pin);
  await cashiers.getByRole('button', { name: 'Save cashier' }).click();
  const open = page.getByRole('region', { name: 'Open a shift' });
  await open.getByLabel('Cashier’s PIN').fill('1357');
  await open.getByLabel(/Opening float/).fill(openingFloat);
  await open.getByRole('button', { name: 'Open the shift' }).click();
  await expect(page.getByText(/^Shift open since /)).toBeVisible();
}

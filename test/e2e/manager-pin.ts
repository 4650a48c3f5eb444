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

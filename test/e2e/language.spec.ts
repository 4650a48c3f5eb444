/** The till follows a language change at once: the X report redraws in French without a reload. */
import { test, expect } from './fixtures';

test('the X report follows a language change without a reload', async ({ counter: page }) => {
  await page.getByRole('button', { name: 'Till', exact: true }).click();
  const pinCard = page.getByRole('region', { name: 'Choose the manager PIN' });
  await pinCard.getByLabel('New manager PIN', { exact: true }).fill('482916');
  await pinCard.getByLabel('New manager PIN again').fill('482916');
  await pinCard.getByRole('button', { name: 'Save the manager PIN' }).click();
  // A shift open: its X report's numbers do not change with the language, only its words.
  const cashiers = page.getByRole('region', { name: 'Cashiers' });
  await cashiers.getByLabel('Cashier’s name').fill('Ann');
  await cashiers.getByLabel('Cashier’s PIN').fill('1357');
  await cashiers.getByLabel('Manager PIN').fill('482916');
  await cashiers.getByRole('button', { name: 'Save cashier' }).click();
  const open = page.getByRole('region', { name: 'Open a shift' });
  await open.getByLabel('Cashier’s PIN').fill('1357');
  await open.getByLabel(/Opening float/).fill('5000');
  await open.getByRole('button', { name: 'Open the shift' }).click();
  const preview = page.locator('iframe.till-report-frame'); // its title is in the cashier's language too
  await expect.poll(async () => (await preview.getAttribute('srcdoc')) ?? '').toContain('X REPORT');

  // Changed while the till is out of sight (at the counter), then the till opened again.
  await page.getByRole('button', { name: 'Back to the counter' }).click();
  await page.getByLabel('Language').selectOption('fr');
  await page.getByRole('button', { name: 'Caisse', exact: true }).click();
  await expect.poll(async () => (await preview.getAttribute('srcdoc')) ?? '').toContain('RAPPORT X');

  // The till's own fee line speaks French numbers too.
  await page.getByText(/^Outils du responsable/).click();
  await expect(page.getByText(/Estimation des frais : 0,5 % de chaque paiement MoMo/)).toBeVisible();
});

/** The till follows a language change at once: the X report redraws in French without a reload. */
import { test, expect } from './fixtures';
import { openShiftOnTheTill } from './manager-pin';

test('the X report follows a language change without a reload', async ({ counter: page }) => {
  await openShiftOnTheTill(page);
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

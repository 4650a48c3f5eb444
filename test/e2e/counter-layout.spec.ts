/**
 * The counter fits a small till screen (1024 × 700) without sideways
 * scrolling, and speaks the cashier's language (French here).
 * MOMO_POS_LAYOUT_SHOTS=<folder> saves what each step looks like, for review.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const shots = process.env.MOMO_POS_LAYOUT_SHOTS;
const shoot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`) });
};

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe('at 1024 × 700', () => {
  test.use({ viewport: { width: 1024, height: 700 } });

  test('the whole counter stays on screen: form, Charge, status with its actions, the list, the key hints', async ({ counter: page }) => {
    const phone = page.getByLabel('Phone', { exact: true });
    const amount = page.getByLabel('Amount', { exact: true });
    const status = page.getByRole('region', { name: 'Payment status' });
    await noSidewaysScroll(page);
    await expect(page.getByRole('button', { name: /^Charge/ })).toBeInViewport();
    await expect(page.getByRole('contentinfo', { name: 'Keyboard shortcuts' })).toBeInViewport();
    await shoot(page, 'small-idle');

    await phone.fill('46733123450'); // INTERNAL_PROCESSING_ERROR: the longest sentence there is
    await amount.fill('2500');
    await amount.press('Enter');
    await expect(status.locator('.status-headline')).toHaveText('Failed', { timeout: 15_000 });
    await expect(status).toContainText('cannot tell which');
    for (const name of ['Take cash', 'Copy support transcript', 'New sale']) {
      await expect(status.getByRole('button', { name })).toBeInViewport();
    }
    await noSidewaysScroll(page);
    await shoot(page, 'small-failed');

    // The support transcript is readable and selectable even where the clipboard is not allowed.
    await status.getByRole('button', { name: 'Copy support transcript' }).click();
    const transcript = page.getByRole('dialog', { name: 'Support transcript' });
    await expect(transcript.getByRole('textbox', { name: 'Support transcript' })).toHaveValue(/INTERNAL_PROCESSING_ERROR/);
    await shoot(page, 'small-transcript');
    await page.keyboard.press('Escape');
    await expect(transcript).toBeHidden();

    await page.keyboard.press('F2');
    await phone.fill('0788 123 456');
    await amount.fill('12000');
    await amount.press('Enter');
    await expect(status.locator('.status-headline')).toHaveText('Paid', { timeout: 15_000 });
    await page.keyboard.press('Control+p');
    const receipt = page.getByRole('dialog', { name: /^Receipt / });
    // The preview re-renders when its first HTML arrives; a click in that instant can land on the old node.
    await expect(async () => receipt.getByRole('radio', { name: 'A4' }).check({ timeout: 2_000 })).toPass({ timeout: 10_000 });
    await expect(receipt.frameLocator('iframe[title="Receipt preview"]').locator('body')).toContainText('RWF 12,000');
    await expect(receipt.getByRole('button', { name: 'Save as PDF' })).toBeInViewport();
    await shoot(page, 'small-receipt-a4');
    await page.keyboard.press('Escape');
    await noSidewaysScroll(page);
    await shoot(page, 'small-paid');
  });
});

test('in French the counter, its outcomes and its field errors are French', async ({ counter: page }) => {
  await page.getByLabel('Language').selectOption('fr');
  const phone = page.getByLabel('Téléphone', { exact: true });
  const amount = page.getByLabel('Montant', { exact: true });
  await expect(phone).toBeVisible();
  await phone.fill('0788 123 456');
  await amount.fill('0');
  await amount.press('Enter');
  await expect(page.locator('#amount-error')).toHaveText(/supérieur à zéro/);
  await amount.fill('1500');
  await page.getByRole('button', { name: /^Encaisser/ }).click();
  const status = page.getByRole('region', { name: 'État du paiement' });
  await expect(status.locator('.status-headline')).toHaveText('Payé', { timeout: 15_000 });
  await expect(status).toContainText('Le client a payé avec MoMo.');
  await expect(page.getByRole('region', { name: 'Ventes du jour' }).getByRole('listitem')).toContainText('Payé');
  await shoot(page, 'french-paid');
});

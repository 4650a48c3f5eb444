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

/** Scrolled to if need be, the control is the one under its own centre: not covered by a bar or a neighbour. */
async function reachable(locator: import('@playwright/test').Locator) {
  await locator.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await expect(locator).toBeInViewport({ ratio: 1 });
  const onTop = await locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return top !== null && (top === element || element.contains(top));
  });
  expect(onTop, 'nothing covers it').toBe(true);
}

for (const viewport of [
  { width: 1024, height: 600 },
  { width: 800, height: 1280 },
]) {
  test.describe(`at ${viewport.width} × ${viewport.height}`, () => {
    test.use({ viewport });

    test('the header keeps the language select clear; a French failed payment keeps its buttons reachable; today’s sales can be reached', async ({ counter: page }) => {
      await noSidewaysScroll(page);
      const language = page.getByLabel('Language');
      await reachable(language);
      await language.selectOption('fr');
      await reachable(page.getByLabel('Langue'));
      await shoot(page, `idle-${viewport.width}x${viewport.height}`);

      await page.getByLabel('Téléphone', { exact: true }).fill('46733123450');
      await page.getByLabel('Montant', { exact: true }).fill('2500');
      await page.getByLabel('Montant', { exact: true }).press('Enter');
      const status = page.getByRole('region', { name: 'État du paiement' });
      await expect(status.locator('.status-headline')).toHaveText('Échoué', { timeout: 15_000 });
      for (const name of [/^Encaisser en espèces/, /^Réessayer/, /^Nouvelle vente/]) await reachable(status.getByRole('button', { name }));
      await noSidewaysScroll(page);
      await shoot(page, `failed-fr-${viewport.width}x${viewport.height}`);

      const sales = page.getByRole('region', { name: 'Ventes du jour' });
      await reachable(sales.getByRole('listitem').first());
      await reachable(sales.getByRole('searchbox'));
    });

    test('today’s sales show whole receipt numbers on waiting and stopped rows; the top row stays one line, off the screen edges', async ({ counter: page }) => {
      for (const [phone, stop] of [
        ['46733123453', true],
        ['46733123453', false],
      ] as const) {
        await page.keyboard.press('F2');
        await page.getByLabel('Phone', { exact: true }).fill(phone);
        await page.getByLabel('Amount', { exact: true }).fill('1500');
        await page.getByLabel('Amount', { exact: true }).press('Enter');
        await expect(page.getByRole('region', { name: 'Payment status' })).toHaveAttribute('data-outcome', 'waiting');
        if (stop) {
          await page.keyboard.press('Escape');
          await expect(page.getByRole('region', { name: 'Payment status' })).toHaveAttribute('data-outcome', 'stopped');
        }
      }
      const rows = page.locator('.sale-row');
      await expect(rows).toHaveCount(2);
      const clipped = await page.locator('.sale-receipt').evaluateAll((nodes) =>
        nodes.filter((node) => node.scrollWidth > node.clientWidth + 1 || getComputedStyle(node).visibility === 'hidden' || node.getBoundingClientRect().width === 0).map((node) => node.textContent),
      );
      expect(clipped, 'receipt numbers cut or hidden').toEqual([]);
      // Nor covered by the amount column beside it.
      const covered = await rows.evaluateAll((items) =>
        items.filter((row) => row.querySelector('.sale-receipt')!.getBoundingClientRect().right > row.querySelector('.sale-what')!.getBoundingClientRect().left + 1).length,
      );
      expect(covered, 'receipt numbers under the amount').toBe(0);
      await shoot(page, `sales-${viewport.width}x${viewport.height}`);
      for (const screen of ['counter', 'till'] as const) {
        if (screen === 'till') await page.getByRole('button', { name: 'Till', exact: true }).click();
        const till = await page.locator('.top-row .till-toggle').boundingBox();
        expect(till!.x, `${screen}: Till button off the left edge`).toBeGreaterThanOrEqual(4);
        expect(till!.x + till!.width, `${screen}: Till button off the right edge`).toBeLessThanOrEqual(viewport.width - 4);
        if (viewport.width >= 1024) {
          // Wrapped: something in the row starts below the first item's bottom.
          const wrapped = await page.locator('.top-row > *').evaluateAll((children) => {
            const first = children[0]!.getBoundingClientRect();
            return children.filter((child) => child.getBoundingClientRect().top >= first.bottom - 1).length;
          });
          expect(wrapped, `${screen}: the top row on one line`).toBe(0);
        }
        await shoot(page, `top-${screen}-${viewport.width}x${viewport.height}`);
      }
      if (viewport.width >= 1024) {
        // The Till's longer words in French and Kinyarwanda ("Retour au comptoir", "Subira kuri kontwari") keep the row on one line too.
        for (const language of ['fr', 'rw'] as const) {
          await page.locator('.top-bar .language select').selectOption(language);
          await expect(page.locator('html')).toHaveAttribute('lang', language);
          const wrapped = await page.locator('.top-row > *').evaluateAll((children) => {
            const first = children[0]!.getBoundingClientRect();
            return children.filter((child) => child.getBoundingClientRect().top >= first.bottom - 1).length;
          });
          expect(wrapped, `till in ${language}: the top row on one line`).toBe(0);
          await shoot(page, `top-till-${language}-${viewport.width}x${viewport.height}`);
        }
      }
    });

    test('the till’s report tiles hold very large amounts without cutting them', async ({ counter: page }) => {
      await page.getByRole('button', { name: 'Till', exact: true }).click();
      const pinCard = page.getByRole('region', { name: 'Choose the manager PIN' });
      await pinCard.getByLabel('New manager PIN', { exact: true }).fill('482916');
      await pinCard.getByLabel('New manager PIN again').fill('482916');
      await pinCard.getByRole('button', { name: 'Save the manager PIN' }).click();
      const tiles = page.locator('.till-numbers > div');
      await expect(tiles.first()).toBeVisible();
      // A MoMo balance in French ("1 002 000 RWF", narrow no-break spaces) stays on one line, never "R|WF".
      const lines = await tiles.locator('dd').first().evaluate((dd) => {
        dd.textContent = '1\u202f002\u202f000\u00a0RWF';
        const range = document.createRange();
        range.selectNodeContents(dd);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      });
      expect(lines, 'a seven-figure amount on one line').toBe(1);
      // The longest amount a ledger can sum to, written the way the tiles write money.
      await tiles.locator('dd').first().evaluate((dd) => (dd.textContent = 'RWF\u00a01,000,000,015,000,000'));
      const cut = await tiles.evaluateAll((boxes) => boxes.filter((box) => box.scrollWidth > box.clientWidth + 1).length);
      expect(cut).toBe(0);
      await noSidewaysScroll(page);
      await shoot(page, `till-${viewport.width}x${viewport.height}`);
    });
  });
}

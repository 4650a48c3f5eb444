/**
 * The set-up wizard shows what to register in MTN's partner portal so MoMo
 * calls head office back (production keys step), in en, fr and rw, with a
 * copy button; and says plainly when callbacks are off (polling only).
 * Screenshots at 1280×800 with MOMO_POS_SCREENSHOTS=1.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, startBrowserMode, type PosServer } from './fixtures';
import { passManagerPin } from './manager-pin';

const screenshots = Boolean(process.env.MOMO_POS_SCREENSHOTS);

test.use({ viewport: { width: 1280, height: 800 } });

const WORDS = {
  en: { title: 'MoMo calls head office back', host: 'Provider Callback Host', url: 'Callback URL', copy: 'Copy', copied: 'Copied.', off: /^Callbacks are off: head office’s callback address is not set/ },
  fr: { title: 'MoMo rappelle le siège', host: 'Provider Callback Host', url: 'URL de rappel', copy: 'Copier', copied: 'Copié.', off: /^Rappels désactivés : l’adresse de rappel du siège n’est pas définie/ },
  rw: { title: 'MoMo imenyesha icyicaro gikuru', host: 'Provider Callback Host', url: 'Aderesi yo kumenyesha (callback URL)', copy: 'Koporora', copied: 'Byakoporowe.', off: /^Kumenyesha birahagaritse: aderesi yo kumenyesha y’icyicaro gikuru ntiyashyizweho/ },
} as const;
type Language = keyof typeof WORDS;

/** Set up MoMo → country Rwanda → production → the keys step (the page's one-time address opens one session: one walk per server). */
async function productionKeysStep(page: Page, server: PosServer): Promise<void> {
  await page.goto(server.openUrl);
  await page.getByRole('button', { name: 'Set up MoMo' }).click();
  await passManagerPin(page);
  await page.getByLabel('Country', { exact: true }).selectOption('mtnrwanda');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('radio', { name: /Production \(real payments\)/ }).check();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your MoMo keys' })).toBeVisible();
}

test('production keys step: the host and URL to register in MTN’s partner portal, each with a copy button, in en, fr and rw', async ({ page, context }) => {
  const server = await startBrowserMode({ MOMO_POS_HQ_CALLBACK_BASE: 'https://hq.example.com' });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await productionKeysStep(page, server);
    for (const language of ['en', 'fr', 'rw'] as const) {
      // Chosen in the top bar: the wizard follows without a reload, where it stands.
      if (language !== 'en') await page.locator('.top-bar label.language select').selectOption(language);
      const words = WORDS[language];
      const panel = page.getByRole('region', { name: words.title });
      await expect(panel).toBeVisible();
      await expect(panel.getByLabel(words.host, { exact: true })).toHaveValue('hq.example.com');
      await expect(panel.getByLabel(words.url, { exact: true })).toHaveValue('https://hq.example.com/momo/callback/');
      await panel.getByRole('button', { name: words.copy }).last().click();
      await expect(panel.getByText(words.copied, { exact: true })).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('https://hq.example.com/momo/callback/');
      if (screenshots) await page.screenshot({ path: `docs/screenshots/setup-callbacks-${language}.png` });
    }
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  } finally {
    await server.stop();
  }
});

test('without head office’s callback address: callbacks are off, said plainly, nothing to copy', async ({ page }) => {
  const server = await startBrowserMode({ MOMO_POS_HQ_CALLBACK_BASE: '' });
  try {
    await productionKeysStep(page, server);
    await expect(page.getByTestId('callbacks-off')).toHaveText(WORDS.en.off);
    await expect(page.getByRole('region', { name: WORDS.en.title })).toHaveCount(0);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    if (screenshots) await page.screenshot({ path: 'docs/screenshots/setup-callbacks-off.png' });
  } finally {
    await server.stop();
  }
});

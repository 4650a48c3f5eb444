/**
 * Settings → Tax receipts (EBM), end to end in browser mode against the VSDC
 * simulator: the manager's PIN first, then one clear sentence for each way
 * initialising fails (unreachable, a field the device refused, set up
 * before), and SDC ID and MRC once it is done. Training signs against the
 * built-in simulator with no set-up; set-up here rehearses it.
 */
import type { Page } from '@playwright/test';
import { startVsdcSimulator } from '../../electron/core/vsdc-sim';
import { closedPort } from '../helpers/network';
import { test, expect } from './fixtures';
import { passManagerPin } from './manager-pin';

const screenshots = Boolean(process.env.MOMO_POS_SCREENSHOTS);
const shoot = async (page: Page, name: string) => {
  if (screenshots) await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: false });
};

async function fill(page: Page, values: { serial?: string; address: string }) {
  const form = page.getByRole('form', { name: 'Tax receipts (EBM)' });
  await form.getByLabel('TIN (9 digits)').fill('100600570');
  await form.getByLabel('Branch id (00 = head office)').fill('00');
  await form.getByLabel('Device serial number').fill(values.serial ?? 'VSDC-SHOP-01');
  await form.getByLabel('VSDC address').fill(values.address);
  await form.getByLabel('Item code').fill('RW2NTU0000001');
  await form.getByLabel('Item class code (10 digits)').fill('5020230100');
  await form.getByLabel('Item name').fill('Goods');
  return form;
}

test('the manager sets up the EBM: unreachable, a refused field, done (SDC ID, MRC), set up before', async ({ counter: page }) => {
  test.setTimeout(90_000);
  const sim = await startVsdcSimulator();
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Settings' }).click();
    await passManagerPin(page);
    const card = page.getByRole('region', { name: 'Tax receipts (EBM)' });
    await expect(card.getByTestId('fiscal-state')).toHaveText('Training: receipts are signed by the built-in EBM simulator (TS, TR): no set-up needed.');

    // Nobody at that address.
    const port = await closedPort();
    const form = await fill(page, { address: `http://127.0.0.1:${port}` });
    await form.getByRole('button', { name: 'Initialise' }).click();
    await expect(form.getByRole('alert')).toHaveText(`The VSDC at 127.0.0.1:${port} did not answer. Check it is switched on and on this computer’s network, and that the address is right; then press Initialise again. Nothing was saved.`);
    await expect(form.getByLabel('VSDC address')).toHaveAttribute('aria-invalid', 'true');

    // The device refuses the serial number (910 naming dvcSrlNo): the sentence names the field, the field is marked.
    sim.inject({ path: '/initializer/selectInitInfo', kind: 'param-error', field: 'dvcSrlNo' });
    await form.getByLabel('VSDC address').fill(sim.url);
    await form.getByRole('button', { name: 'Initialise' }).click();
    await expect(form.getByRole('alert')).toHaveText('The VSDC refused the device serial number. Check it against RRA’s letter and press Initialise again. Nothing was saved.');
    await expect(form.getByLabel('Device serial number')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('Device serial number')).toBeFocused();
    await shoot(page, 'fiscal-setup-refused');

    // Initialised: SDC ID and MRC from the device, shown and kept.
    await form.getByRole('button', { name: 'Initialise' }).click();
    const done = form.getByRole('status');
    await expect(done).toHaveText(/^Initialised: SDC ID SDC01\d{7}, MRC \S+\. Receipts are signed from now on\.$/);
    const [, sdcId, mrc] = /SDC ID (\S+), MRC (\S+)\./.exec((await done.textContent())!)!;
    await expect(card.locator('dd').filter({ hasText: sdcId! })).toBeVisible();
    await expect(card.locator('dd').filter({ hasText: mrc! })).toBeVisible();
    await expect(form.getByRole('alert')).toHaveCount(0);
    await card.getByRole('heading', { name: 'Tax receipts (EBM)' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -110)); // below the sticky top bar
    await shoot(page, 'fiscal-setup-done-1280x800');
    await page.setViewportSize({ width: 800, height: 1280 });
    await card.scrollIntoViewIfNeeded();
    await shoot(page, 'fiscal-setup-done-800x1280');

    // Another serial for the same TIN and branch: the device was set up before and will not say its codes again; typed from a signed receipt, it goes through.
    await form.getByLabel('Device serial number').fill('VSDC-SHOP-02');
    await form.getByRole('button', { name: 'Initialise' }).click();
    await expect(form.getByRole('alert')).toHaveText('The VSDC was initialised before and does not give its SDC ID and MRC again. Type them below as a receipt it signed shows them, then press Initialise again. Nothing was saved.');
    await form.getByLabel('SDC ID').fill(sdcId!);
    await form.getByLabel('MRC').fill(mrc!);
    await form.getByRole('button', { name: 'Initialise' }).click();
    await expect(form.getByRole('status')).toHaveText(`Initialised: SDC ID ${sdcId}, MRC ${mrc}. Receipts are signed from now on.`);

    // In French: the same failure, in the manager's words.
    await page.locator('.top-bar select').selectOption('fr');
    const fr = page.getByRole('form', { name: 'Reçus fiscaux (EBM)' });
    await fr.getByLabel('Adresse du VSDC').fill(`http://127.0.0.1:${port}`);
    await fr.getByRole('button', { name: 'Initialiser' }).click();
    await expect(fr.getByRole('alert')).toContainText(`Le VSDC à l’adresse 127.0.0.1:${port} n’a pas répondu.`);
  } finally {
    await sim.close();
  }
});

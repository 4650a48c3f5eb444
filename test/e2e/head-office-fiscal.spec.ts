/**
 * Head office's page shows each till's fiscal state, in a real browser: a
 * throwaway PostgreSQL, a till ledger that signed against the VSDC simulator
 * (one receipt refused, one waiting), pushed; `hq web` serving the page.
 */
import { test, expect } from '@playwright/test';
import { addTill, connectHeadOffice, migrateHeadOffice, pushJournal, startHeadOfficeWeb } from '../../electron/core/headoffice';
import { createRwandaVsdcClient, signFiscalEvent, type UnnumberedFiscalEvent } from '../../electron/core/fiscal';
import { startVsdcSimulator } from '../../electron/core/vsdc-sim';
import { openTestLedger, steppingClock } from '../helpers/ledger';
import { postgresAvailable, startPostgres } from '../helpers/postgres';

const screenshots = Boolean(process.env.MOMO_POS_SCREENSHOTS);
const DAY = '2025-03-10';
const identity = { tin: '100600570', branchId: '00', deviceSerial: 'S1' };
const sale: UnnumberedFiscalEvent = {
  kind: 'sale',
  mode: 'normal',
  payment: 'cash',
  confirmedAt: new Date(`${DAY}T09:00:00Z`),
  cashier: { id: 'c1', name: 'Ann' },
  lines: [{ itemCode: 'RW2NTU0000001', itemClassCode: '5020230100', name: 'Goods', packagingUnit: 'NT', quantityUnit: 'U', qtyMilli: 1000, discountMinor: 0, taxType: 'B', priceMinor: 1000 }],
};

test('the page has each till’s tax receipts: signed per label, refused, waiting since', async ({ page }) => {
  test.skip(postgresAvailable() !== undefined, postgresAvailable() ?? '');
  test.setTimeout(120_000);
  const server = await startPostgres();
  const vsdc = await startVsdcSimulator();
  try {
    const admin = await connectHeadOffice(server.adminUrl);
    await migrateHeadOffice(admin);
    const url = (await addTill(admin, server.adminUrl, 'Counter 1')).url;
    await addTill(admin, server.adminUrl, 'Counter 2');
    const till = openTestLedger({ deviceId: 'TILLFISC', now: steppingClock(`${DAY}T08:00:00.000Z`) });
    const device = createRwandaVsdcClient({ baseUrl: vsdc.url, identity });
    await device.initialise(identity);
    await signFiscalEvent(till, device, 'sale:a', sale);
    await signFiscalEvent(till, device, 'sale:b', sale);
    vsdc.inject({ kind: 'param-error', field: 'cfmDt' });
    await signFiscalEvent(till, device, 'sale:c', sale);
    vsdc.inject({ kind: 'unreachable' });
    await signFiscalEvent(till, device, 'sale:d', sale);
    await pushJournal(till, url);
    till.close();
    await admin.end();

    const web = await startHeadOfficeWeb({ url: server.adminUrl });
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(web.openUrl);
      await page.locator('#day').fill(DAY);
      await page.locator('#day').dispatchEvent('change');
      const row = page.getByRole('row').filter({ hasText: 'Counter 1' });
      const cell = row.locator('td.fiscal');
      await expect(cell).toContainText('2 signed (NS 2)');
      await expect(cell.locator('.warn').first()).toHaveText(/^1 waiting since \d{1,2} Mar 2025, \d\d:\d\d$/);
      await expect(cell).toContainText('1 refused');
      await expect(cell).toContainText(/last signed \d{1,2} Mar 2025/);
      await expect(page.getByRole('row').filter({ hasText: 'Counter 2' }).locator('td.fiscal')).toHaveText('—');
      await expect(page.getByRole('columnheader', { name: 'Tax receipts (EBM)' })).toBeVisible();
      if (screenshots) await page.screenshot({ path: 'docs/screenshots/head-office-fiscal.png' });
    } finally {
      await web.close();
    }
  } finally {
    await vsdc.close();
    server.stop();
  }
});

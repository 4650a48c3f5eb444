/**
 * Head office shows each till's fiscal state from the journal entries it
 * receives (fiscal.requested / fiscal.finished): a real PostgreSQL, tills as
 * real ledger files signing against the real VSDC simulator, real pushes.
 */
import { describe, expect, it } from 'vitest';
import { addTill, connectHeadOffice, headOfficeRouter, HQ_MIGRATIONS, migrateHeadOffice, pushJournal, readHeadOfficeDay } from '../../../electron/core/headoffice';
import { createRwandaVsdcClient, resendPendingFiscal, signFiscalEvent, type UnnumberedFiscalEvent } from '../../../electron/core/fiscal';
import { runHq } from '../../../electron/core/cli/hq';
import type { CommandIo } from '../../../electron/core/cli/commands';
import type { Ledger } from '../../../electron/core/ledger';
import { startVsdcSimulator } from '../../../electron/core/vsdc-sim';
import { openTestLedger, steppingClock } from '../../helpers/ledger';
import { sell, uniqueDevice, useThrowawayHeadOffice } from './rig';

const rig = useThrowawayHeadOffice();
const DAY = '2025-03-10';
const identity = { tin: '100600570', branchId: '00', deviceSerial: 'S1' };
const line = { itemCode: 'RW2NTU0000001', itemClassCode: '5020230100', name: 'Goods', packagingUnit: 'NT', quantityUnit: 'U', qtyMilli: 1000, discountMinor: 0, taxType: 'B', priceMinor: 1000 };
const base = { payment: 'cash' as const, confirmedAt: new Date(`${DAY}T09:00:00Z`), cashier: { id: 'c1', name: 'Ann' }, lines: [line] };
const sale: UnnumberedFiscalEvent = { ...base, kind: 'sale', mode: 'normal' };
const refundOf = (originalInvoiceNo: number): UnnumberedFiscalEvent => ({ ...base, kind: 'refund', mode: 'normal', originalInvoiceNo, reasonCode: '06' });

const capture = (): CommandIo & { lines: string[] } => {
  const lines: string[] = [];
  return { lines, out: (text) => lines.push(text), err: (text) => lines.push(text), env: {} };
};

/** A till that sold, signed two NS and an NR, had one refused and one left waiting (device unreachable). */
async function fiscalTill(vsdcUrl: string, sim: Awaited<ReturnType<typeof startVsdcSimulator>>): Promise<Ledger> {
  const till = openTestLedger({ deviceId: uniqueDevice(), now: steppingClock(`${DAY}T08:00:00.000Z`) });
  sell(till, 3);
  const device = createRwandaVsdcClient({ baseUrl: vsdcUrl, identity });
  await device.initialise(identity);
  const first = await signFiscalEvent(till, device, 'sale:a', sale);
  await signFiscalEvent(till, device, 'sale:b', sale);
  await signFiscalEvent(till, device, 'refund:a', refundOf(first.invoiceNo));
  sim.inject({ kind: 'param-error', field: 'cfmDt' });
  await signFiscalEvent(till, device, 'sale:refused', sale);
  sim.inject({ kind: 'unreachable' });
  await signFiscalEvent(till, device, 'sale:waits', sale);
  return till;
}

describe.skipIf(rig.missing)('head office: each till’s fiscal state', () => {
  it('signed per label, refused, waiting since, last signed; the waiting one clears when its answer lands', async () => {
    const sim = await startVsdcSimulator();
    try {
      const fiscalUrl = await rig.hq.addTill('Fiscal till');
      const plainUrl = await rig.hq.addTill('Plain till');
      const till = await fiscalTill(sim.url, sim);
      const plain = openTestLedger({ deviceId: uniqueDevice(), now: steppingClock(`${DAY}T08:00:00.000Z`) });
      sell(plain, 2);
      // Small batches: a request and its answer land in different pushes as often as in the same one.
      expect(await pushJournal(till, fiscalUrl, { batchSize: 3 })).toMatchObject({ status: 'ok' });
      expect(await pushJournal(plain, plainUrl)).toMatchObject({ status: 'ok' });

      const waiting = till.getFiscalReceipt('sale:waits')!;
      const lastSigned = till.getFiscalReceipt('refund:a')!.updatedAt;
      let day = await readHeadOfficeDay(rig.hq.admin, DAY);
      const fiscal = day.tills.find((t) => t.name === 'Fiscal till')!.fiscal;
      expect(fiscal).toEqual({
        signed: 3,
        labels: [
          { label: 'NS', signed: 2, rejected: 1 },
          { label: 'NR', signed: 1, rejected: 0 },
        ],
        rejected: 1,
        pending: 1,
        oldestPendingAt: waiting.createdAt,
        lastSignedAt: lastSigned,
      });
      expect(day.tills.find((t) => t.name === 'Plain till')!.fiscal).toBeUndefined();

      const report = capture();
      await runHq(['report', '--hq', rig.hq.adminUrl, '--date', DAY], report);
      const text = report.lines.join('\n');
      expect(text).toContain('Tax receipts (EBM)');
      expect(text).toMatch(/Fiscal till\s+signed 3 \(NS 2 · NR 1\)\s+refused 1\s+WAITING 1 since 2025-03-10 /);
      expect(text).not.toMatch(/Plain till\s+signed/);
      const tills = capture();
      await runHq(['tills', '--hq', rig.hq.adminUrl], tills);
      expect(tills.lines.find((line) => line.startsWith('Fiscal till'))).toMatch(/EBM waiting 1 since 2025-03-10 \d\d:\d\d:\d\d, last signed 2025-03-10 /);
      expect(tills.lines.find((line) => line.startsWith('Plain till'))).not.toContain('EBM');

      const page = await headOfficeRouter(rig.hq.adminUrl).call('day', { date: DAY, language: 'fr' });
      expect(page).toMatchObject({ ok: true });
      const shown = (page as { data: { tills: Array<{ name: string; fiscalText?: { oldestPending?: string; lastSigned?: string } }> } }).data.tills.find((t) => t.name === 'Fiscal till')!;
      expect(shown.fiscalText?.oldestPending).toMatch(/2025/);

      // The device is back: the waiting receipt is signed and pushed; nothing waits any more.
      expect(await resendPendingFiscal(till, createRwandaVsdcClient({ baseUrl: sim.url, identity }))).toMatchObject([{ status: 'signed' }]);
      await pushJournal(till, fiscalUrl);
      day = await readHeadOfficeDay(rig.hq.admin, DAY);
      expect(day.tills.find((t) => t.name === 'Fiscal till')!.fiscal).toMatchObject({ signed: 4, pending: 0, oldestPendingAt: null, lastSignedAt: till.getFiscalReceipt('sale:waits')!.updatedAt });
      till.close();
      plain.close();
    } finally {
      await sim.close();
    }
  });

  it('migration 5 fills the state from what head office already held', async () => {
    const sim = await startVsdcSimulator();
    const root = await connectHeadOffice(rig.server.adminUrl);
    const database = `hq_fiscal_${process.pid}`;
    await root.query(`CREATE DATABASE ${database}`);
    await root.end();
    const adminUrl = rig.server.adminUrl.replace(/\/postgres$/, `/${database}`);
    const admin = await connectHeadOffice(adminUrl);
    try {
      await migrateHeadOffice(admin, HQ_MIGRATIONS.slice(0, 4));
      const url = (await addTill(admin, adminUrl, 'Old till')).url;
      const till = await fiscalTill(sim.url, sim);
      await pushJournal(till, url);
      expect(await migrateHeadOffice(admin)).toMatchObject({ from: 4, to: HQ_MIGRATIONS.length });
      const fiscal = (await readHeadOfficeDay(admin, DAY)).tills[0]!.fiscal;
      expect(fiscal).toMatchObject({ signed: 3, rejected: 1, pending: 1, oldestPendingAt: till.getFiscalReceipt('sale:waits')!.createdAt });
      till.close();
    } finally {
      await admin.end();
      await sim.close();
    }
  });
});

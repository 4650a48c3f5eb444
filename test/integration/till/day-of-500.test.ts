/**
 * A busy day: 500 sales of every kind in one shift. The X report before
 * closing, the Z report that closes it, the day report and the CSV export
 * agree to the unit.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { fromDecimalString } from '../../../shared/money';
import { readSettings } from '../../../electron/core/settings';
import { CSV_COLUMNS, CSV_HEADERS, createTill } from '../../../electron/core/till';
import { openTestLedger, removeTempDirs, steppingClock } from '../../helpers/ledger';
import { CHEAP_KDF, MANAGER } from './rig';

afterAll(removeTempDirs);

/** A small deterministic generator: the same day every run. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % n;
  };
}

describe('a day of 500 generated sales', () => {
  it('X, Z, the day report and the CSV agree to the unit', async () => {
    // 06:00 to about 20:00 UTC: every sale in one business day.
    const ledger = openTestLedger({ now: steppingClock('2025-03-10T06:00:00.000Z', 15_000) });
    const till = createTill({ ledger, settings: () => readSettings(ledger), disbursement: () => ({}) as never, training: false, kdfCost: CHEAP_KDF, timeZone: 'UTC' });
    try {
      await till.setManagerPin({ pin: MANAGER });
      await till.setCashier({ name: 'Ann', pin: '1357', managerPin: MANAGER });
      await till.openShift({ cashier: 'Ann', pin: '1357', openingFloat: '20000' });
      const next = random(20250310);
      const outcomes = ['successful', 'successful', 'successful', 'rejected', 'expired', 'failed'] as const;
      for (let i = 0; i < 500; i++) {
        const amountMinor = 100 * (1 + next(200));
        const kind = next(10);
        if (kind < 4) {
          ledger.createCashSale({ amountMinor, currency: 'RWF', tenderedMinor: amountMinor + 100 * next(10) });
          continue;
        }
        const { sale, payment } = ledger.createMomoSale({ amountMinor, currency: 'RWF', msisdn: '250788123456', referenceId: randomUUID() });
        ledger.transitionPayment(payment.id, 'sending', { source: 'post' });
        ledger.transitionPayment(payment.id, 'pending', { source: 'post' });
        const outcome = outcomes[next(outcomes.length)]!;
        ledger.transitionPayment(payment.id, outcome, outcome === 'successful' ? { source: 'poll', financialTransactionId: `FT${i}` } : { source: 'poll', reasonCode: 'X' });
        if (outcome !== 'successful' && next(2) === 0) ledger.payCashForSale(sale.id);
        if (outcome === 'successful' && next(8) === 0) {
          const method = next(2) === 0 ? 'cash' : 'momo';
          const refund = ledger.createRefund({ saleId: sale.id, amountMinor: Math.ceil(amountMinor / 2), currency: 'RWF', method, reason: 'returned', by: 'manager', ...(method === 'momo' ? { referenceId: randomUUID() } : {}) });
          if (method === 'momo') {
            ledger.transitionRefund(refund.id, 'sending');
            ledger.transitionRefund(refund.id, 'pending');
            ledger.transitionRefund(refund.id, 'successful', { financialTransactionId: `FTR${i}` });
          }
        }
      }
      const shiftId = ledger.currentShift()!.id;
      ledger.addCashMovement({ shiftId, kind: 'out', amountMinor: 15_000, currency: 'RWF', reason: 'bank', by: 'manager' });
      ledger.addCashMovement({ shiftId, kind: 'in', amountMinor: 2_000, currency: 'RWF', reason: 'change', by: 'Ann' });

      const x = till.xReport().report;
      const z = (await till.closeShift({ countedCash: String(x.cash.expectedMinor - 300), pin: MANAGER })).report;
      const day = till.dayReport('2025-03-10');
      const { csv, rows } = till.exportCsv({ from: '2025-03-10', to: '2025-03-10' });

      expect(x.salesStarted).toBe(500);
      expect(rows).toBe(500);
      const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(lines[0]).toBe(CSV_COLUMNS.map((column) => CSV_HEADERS[column]).join(','));
      const table = lines.slice(1).map((line) => Object.fromEntries(line.split(',').map((cell, i) => [CSV_COLUMNS[i]!, cell])));
      const sum = (column: 'paid_momo' | 'paid_cash' | 'refunded' | 'net') => table.reduce((total, row) => total + fromDecimalString(row[column]!, 'RWF'), 0);

      for (const report of [x, z, day]) {
        expect(report.sales.momo.amountMinor).toBe(sum('paid_momo'));
        expect(report.sales.cash.amountMinor).toBe(sum('paid_cash'));
        expect(report.refunds.total.amountMinor).toBe(sum('refunded'));
        expect(report.netMinor).toBe(sum('net'));
        expect(report.sales.momo.count).toBe(table.filter((row) => row.paid_momo !== '0').length);
        expect(report.sales.cash.count).toBe(table.filter((row) => row.paid_cash !== '0').length);
      }
      for (const part of ['sales', 'refunds', 'prompts', 'cashiers', 'hours', 'fees', 'netMinor', 'salesStarted'] as const) {
        expect(z[part]).toEqual(x[part]);
        expect(day[part]).toEqual(x[part]);
      }
      expect(z.cash.differenceMinor).toBe(-300);
      expect(z.hours.length).toBeGreaterThan(5);
      expect(z.sales.momo.count).toBeGreaterThan(100);
      expect(z.refunds.momo.count + z.refunds.cash.count).toBeGreaterThan(5);
      expect(ledger.verify().ok).toBe(true);
    } finally {
      till.stop();
      ledger.close();
    }
  });
});

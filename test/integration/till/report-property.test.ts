/**
 * Property: for any day of sales — every method, every payment outcome,
 * cash after a failed prompt, customers who paid twice, partial refunds by
 * MoMo and in cash that succeed, fail or stay pending, cash in and out —
 * the X report and then the Z report equal the sums of the ledger's own rows.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isFinal, type PaymentStatus } from '../../../shared/payment-states';
import type { TillReport } from '../../../shared/till-report';
import type { Ledger } from '../../../electron/core/ledger';
import { readSettings } from '../../../electron/core/settings';
import { createTill, feeFor, RWANDA_FEES } from '../../../electron/core/till';
import { openTestLedger, removeTempDirs, steppingClock } from '../../helpers/ledger';
import { CHEAP_KDF, MANAGER } from './rig';

afterAll(removeTempDirs);

type Outcome = 'successful' | 'failed' | 'rejected' | 'expired' | 'pending' | 'timed_out';
type Op =
  | { kind: 'momo'; amount: number; outcome: Outcome; cashier?: string }
  | { kind: 'cash'; amount: number; cashier?: string }
  | { kind: 'cashAfterMomo'; amount: number; outcome: 'failed' | 'rejected' | 'expired' }
  | { kind: 'paidTwice'; amount: number }
  | { kind: 'refund'; pick: number; percent: number; method: 'momo' | 'cash'; outcome: 'successful' | 'failed' | 'pending' }
  | { kind: 'move'; direction: 'in' | 'out'; amount: number };

const amount = fc.integer({ min: 1, max: 20_000 });
const cashier = fc.option(fc.constantFrom('Ben', 'Chloé'), { nil: undefined });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('momo' as const), amount, outcome: fc.constantFrom<Outcome>('successful', 'failed', 'rejected', 'expired', 'pending', 'timed_out'), cashier }),
  fc.record({ kind: fc.constant('cash' as const), amount, cashier }),
  fc.record({ kind: fc.constant('cashAfterMomo' as const), amount, outcome: fc.constantFrom('failed' as const, 'rejected' as const, 'expired' as const) }),
  fc.record({ kind: fc.constant('paidTwice' as const), amount }),
  fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(), percent: fc.integer({ min: 1, max: 100 }), method: fc.constantFrom('momo' as const, 'cash' as const), outcome: fc.constantFrom('successful' as const, 'failed' as const, 'pending' as const) }),
  fc.record({ kind: fc.constant('move' as const), direction: fc.constantFrom('in' as const, 'out' as const), amount }),
);

function settle(ledger: Ledger, paymentId: string, to: Outcome) {
  ledger.transitionPayment(paymentId, 'sending', { source: 'post' });
  ledger.transitionPayment(paymentId, 'pending', { source: 'post' });
  if (to === 'pending') return;
  ledger.transitionPayment(paymentId, to as PaymentStatus, to === 'successful' ? { source: 'poll', financialTransactionId: `FT-${paymentId.slice(0, 6)}` } : { source: 'poll', reasonCode: 'X' });
}

function play(ledger: Ledger, ops: Op[]) {
  const msisdn = '250788123456';
  const momo = (amountMinor: number, cashierName?: string) =>
    ledger.createMomoSale({ amountMinor, currency: 'RWF', msisdn, referenceId: randomUUID(), ...(cashierName ? { cashier: cashierName } : {}) });
  for (const o of ops) {
    switch (o.kind) {
      case 'momo':
        settle(ledger, momo(o.amount, o.cashier).payment.id, o.outcome);
        break;
      case 'cash':
        ledger.createCashSale({ amountMinor: o.amount, currency: 'RWF', ...(o.cashier ? { cashier: o.cashier } : {}) });
        break;
      case 'cashAfterMomo': {
        const { sale, payment } = momo(o.amount);
        settle(ledger, payment.id, o.outcome);
        ledger.payCashForSale(sale.id, { tenderedMinor: o.amount + 500 });
        break;
      }
      case 'paidTwice': {
        const { sale, payment } = momo(o.amount);
        settle(ledger, payment.id, 'pending');
        ledger.payCashForSale(sale.id);
        ledger.transitionPayment(payment.id, 'successful', { source: 'poll' });
        break;
      }
      case 'refund': {
        const paid = ledger.listSales({ limit: 1000 }).filter((s) => s.status === 'paid' || s.status === 'paid_twice');
        if (paid.length === 0) break;
        const sale = paid[o.pick % paid.length]!;
        const live = ledger.refundsForSale(sale.id).filter((r) => !['failed', 'rejected', 'expired'].includes(r.status));
        const momoPaid = ledger.paymentsForSale(sale.id).filter((p) => p.status === 'successful').reduce((sum, p) => sum + p.amountMinor, 0);
        const cashPaid = sale.paidCashAt ? sale.amountMinor : 0;
        const left = momoPaid + cashPaid - live.reduce((sum, r) => sum + r.amountMinor, 0);
        const momoLeft = Math.min(left, momoPaid - live.filter((r) => r.method === 'momo').reduce((sum, r) => sum + r.amountMinor, 0));
        const method = o.method === 'momo' && momoLeft > 0 ? 'momo' : 'cash';
        const room = method === 'momo' ? momoLeft : left;
        if (room <= 0) break;
        const amountMinor = Math.max(1, Math.floor((room * o.percent) / 100));
        if (method === 'cash') {
          ledger.createRefund({ saleId: sale.id, amountMinor, currency: 'RWF', method: 'cash', reason: 'test', by: 'manager' });
          break;
        }
        const refund = ledger.createRefund({ saleId: sale.id, amountMinor, currency: 'RWF', method: 'momo', referenceId: randomUUID(), reason: 'test', by: 'manager' });
        ledger.transitionRefund(refund.id, 'sending', { source: 'post' });
        ledger.transitionRefund(refund.id, 'pending', { source: 'post' });
        if (o.outcome !== 'pending') ledger.transitionRefund(refund.id, o.outcome, o.outcome === 'failed' ? { reasonCode: 'NOT_ENOUGH_FUNDS' } : {});
        break;
      }
      case 'move':
        ledger.addCashMovement({ shiftId: ledger.currentShift()!.id, kind: o.direction, amountMinor: o.amount, currency: 'RWF', reason: 'test', by: 'Ann' });
        break;
    }
  }
}

/** The same numbers, straight from the tables with SQL. */
function sums(db: Database.Database) {
  const one = (sql: string) => db.prepare(sql).get() as { n: number; a: number };
  const totals = (sql: string) => {
    const row = one(sql);
    return { count: row.n, amountMinor: row.a };
  };
  const count = (sql: string) => one(sql).n;
  const FINAL = `('successful','failed','rejected','expired')`;
  return {
    momo: totals(`SELECT count(*) n, coalesce(sum(amount_minor), 0) a FROM payments WHERE status = 'successful'`),
    cash: totals(`SELECT count(*) n, coalesce(sum(amount_minor), 0) a FROM sales WHERE paid_cash_at IS NOT NULL`),
    refundMomo: totals(`SELECT count(*) n, coalesce(sum(amount_minor), 0) a FROM refunds WHERE status = 'successful' AND method = 'momo'`),
    refundCash: totals(`SELECT count(*) n, coalesce(sum(amount_minor), 0) a FROM refunds WHERE status = 'successful' AND method = 'cash'`),
    refundPending: totals(`SELECT count(*) n, coalesce(sum(amount_minor), 0) a FROM refunds WHERE status NOT IN ${FINAL}`),
    refundFailed: totals(`SELECT count(*) n, coalesce(sum(amount_minor), 0) a FROM refunds WHERE status IN ('failed','rejected','expired')`),
    sent: count(`SELECT count(*) n FROM payments`),
    declined: count(`SELECT count(*) n FROM payments WHERE status = 'rejected'`),
    expired: count(`SELECT count(*) n FROM payments WHERE status = 'expired'`),
    failed: count(`SELECT count(*) n FROM payments WHERE status = 'failed'`),
    waiting: count(`SELECT count(*) n FROM payments WHERE status NOT IN ${FINAL}`),
    started: count(`SELECT count(*) n FROM sales`),
    paidTwice: totals(`SELECT count(*) n, coalesce(sum(amount_minor), 0) a FROM sales WHERE status = 'paid_twice'`),
    cashIn: one(`SELECT 0 n, coalesce(sum(amount_minor), 0) a FROM cash_movements WHERE kind = 'in'`).a,
    cashOut: one(`SELECT 0 n, coalesce(sum(amount_minor), 0) a FROM cash_movements WHERE kind = 'out'`).a,
    float: one(`SELECT 0 n, coalesce(sum(opening_float_minor), 0) a FROM shifts`).a,
    fees: (db.prepare(`SELECT amount_minor FROM payments WHERE status = 'successful'`).all() as { amount_minor: number }[]).reduce((sum, p) => sum + feeFor(p.amount_minor, RWANDA_FEES), 0),
  };
}

function expectReportMatches(report: TillReport, s: ReturnType<typeof sums>) {
  expect(report.sales.momo).toEqual(s.momo);
  expect(report.sales.cash).toEqual(s.cash);
  expect(report.sales.total).toEqual({ count: s.momo.count + s.cash.count, amountMinor: s.momo.amountMinor + s.cash.amountMinor });
  expect(report.refunds.momo).toEqual(s.refundMomo);
  expect(report.refunds.cash).toEqual(s.refundCash);
  expect(report.refunds.pending).toEqual(s.refundPending);
  expect(report.refunds.failed).toEqual(s.refundFailed);
  expect(report.netMinor).toBe(s.momo.amountMinor + s.cash.amountMinor - s.refundMomo.amountMinor - s.refundCash.amountMinor);
  expect(report.prompts).toEqual({ sent: s.sent, paid: s.momo.count, declined: s.declined, expired: s.expired, failed: s.failed, waiting: s.waiting });
  expect(report.salesStarted).toBe(s.started);
  expect(report.paidTwice).toEqual(s.paidTwice);
  expect(report.cash).toMatchObject({ openingFloatMinor: s.float, salesMinor: s.cash.amountMinor, inMinor: s.cashIn, outMinor: s.cashOut, refundsMinor: s.refundCash.amountMinor });
  expect(report.cash.expectedMinor).toBe(s.float + s.cash.amountMinor + s.cashIn - s.cashOut - s.refundCash.amountMinor);
  expect(report.fees.estimatedMinor).toBe(s.fees);
  const total = report.sales.total;
  expect(report.hours.reduce((sum, h) => sum + h.amountMinor, 0)).toBe(total.amountMinor);
  expect(report.hours.reduce((sum, h) => sum + h.count, 0)).toBe(total.count);
  expect(report.cashiers.reduce((sum, c) => sum + c.total.amountMinor, 0)).toBe(total.amountMinor);
  expect(report.cashiers.reduce((sum, c) => sum + c.momo.amountMinor, 0)).toBe(s.momo.amountMinor);
}

describe('report totals equal the sum of the ledger rows', () => {
  it('for generated days with every status and method: the X report, then the Z that closes the day', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 100_000 }), async (ops, float, counted) => {
        const ledger = openTestLedger({ now: steppingClock('2025-03-10T06:00:00.000Z', 37_000) });
        try {
          const till = createTill({ ledger, settings: () => readSettings(ledger), disbursement: () => ({}) as never, training: false, kdfCost: CHEAP_KDF, timeZone: 'UTC' });
          await till.setManagerPin({ pin: MANAGER });
          await till.setCashier({ name: 'Ann', pin: '1357', managerPin: MANAGER });
          await till.openShift({ cashier: 'Ann', pin: '1357', openingFloat: String(float) });
          play(ledger, ops);
          const s = sums(ledger.db);
          expectReportMatches(till.xReport().report, s);
          const z = (await till.closeShift({ countedCash: String(counted), pin: MANAGER })).report;
          expectReportMatches(z, s);
          expect(z.cash.differenceMinor).toBe(counted - z.cash.expectedMinor);
          expect(z.z.grandSalesMinor).toBe(s.momo.amountMinor + s.cash.amountMinor);
          expect(z.z.grandRefundsMinor).toBe(s.refundMomo.amountMinor + s.refundCash.amountMinor);
          const day = till.dayReport('2025-03-10');
          expect(day.sales).toEqual(z.sales);
          expect(day.refunds.total).toEqual(z.refunds.total);
          const verdict = ledger.verify();
          expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
        } finally {
          ledger.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { CashMovement, Payment, Refund, Sale, Shift } from '../../../electron/core/ledger';
import { buildTillReport, RWANDA_FEES, type Activity } from '../../../electron/core/till';

const AT = (minute: number) => new Date(Date.UTC(2025, 2, 10, 8, 0) + minute * 60_000).toISOString();

function activity(): Activity & { add(kind: string, subjectId: string, at: string): void } {
  let seq = 0;
  const a: Activity & { add(kind: string, subjectId: string, at: string): void } = {
    afterSeq: 0,
    uptoSeq: 0,
    facts: [],
    sales: {},
    payments: {},
    refunds: {},
    cashMovements: {},
    shifts: {},
    add(kind, subjectId, at) {
      a.facts.push({ seq: ++seq, at, kind, subjectId });
      a.uptoSeq = seq;
    },
  };
  return a;
}

const shift: Shift = { id: 'shift-1', deviceId: 'POS1', openedAt: AT(0), openedBy: 'Ann', openingFloatMinor: 5000, currency: 'RWF', status: 'open' };

function sale(id: string, amountMinor: number, extra: Partial<Sale> = {}): Sale {
  return { id, receiptNumber: `POS1-${id}`, receiptSeq: 1, deviceId: 'POS1', createdAt: AT(0), businessDay: '2025-03-10', amountMinor, currency: 'RWF', method: 'momo', status: 'paid', shiftId: 'shift-1', cashier: 'Ann', ...extra };
}
function payment(id: string, saleId: string, amountMinor: number, status: Payment['status']): Payment {
  return { id, saleId, referenceId: id, externalId: saleId, attempt: 1, status, amountMinor, currency: 'RWF', msisdn: '250788123456', createdAt: AT(0), updatedAt: AT(1), checks: 1, kind: 'prompt' };
}
function refund(id: string, saleId: string, amountMinor: number, method: Refund['method'], status: Refund['status']): Refund {
  return { id, saleId, amountMinor, currency: 'RWF', method, status, reason: 'r', by: 'manager', createdAt: AT(5), updatedAt: AT(5) };
}

describe('an X/Z report from the journal facts', () => {
  const a = activity();
  a.shifts['shift-1'] = shift;
  a.add('shift.opened', 'shift-1', AT(0));
  // MoMo: paid 10,000 (fee 50), declined, expired, failed, one still waiting.
  a.sales.s1 = sale('s1', 10_000);
  a.payments.p1 = payment('p1', 's1', 10_000, 'successful');
  a.add('sale.created', 's1', AT(1));
  a.add('payment.created', 'p1', AT(1));
  a.add('payment.final', 'p1', AT(2));
  for (const [id, status] of [['p2', 'rejected'], ['p3', 'expired'], ['p4', 'failed'], ['p5', 'pending']] as const) {
    a.sales[`s-${id}`] = sale(`s-${id}`, 3000, { status: status === 'pending' ? 'awaiting_payment' : 'not_paid' });
    a.payments[id] = payment(id, `s-${id}`, 3000, status);
    a.add('sale.created', `s-${id}`, AT(3));
    a.add('payment.created', id, AT(3));
    if (status !== 'pending') a.add('payment.final', id, AT(4));
  }
  // Cash: 2,500 by Ben at 09:10; a MoMo sale that failed then was paid in cash (1,000, no fee).
  a.sales.s6 = sale('s6', 2500, { method: 'cash', paidCashAt: AT(70), paidCashBy: 'Ben', paidCashShiftId: 'shift-1', cashier: 'Ben' });
  a.add('sale.created', 's6', AT(70));
  a.add('sale.paid_cash', 's6', AT(70));
  // Paid twice: cash then the late MoMo success (4,500: no fee).
  a.sales.s7 = sale('s7', 4500, { method: 'cash', status: 'paid_twice', paidCashAt: AT(80), paidCashShiftId: 'shift-1' });
  a.payments.p7 = payment('p7', 's7', 4500, 'successful');
  a.add('sale.created', 's7', AT(79));
  a.add('payment.created', 'p7', AT(79));
  a.add('sale.paid_cash', 's7', AT(80));
  a.add('payment.final', 'p7', AT(81));
  // Taken with no shift open: cash 700.
  a.sales.s8 = sale('s8', 700, { method: 'cash', shiftId: undefined, paidCashAt: AT(85), cashier: undefined });
  a.add('sale.created', 's8', AT(85));
  a.add('sale.paid_cash', 's8', AT(85));
  // Refunds: MoMo 1,000 done, cash 500 done, MoMo 2,000 failed, MoMo 300 pending.
  a.refunds.r1 = refund('r1', 's1', 1000, 'momo', 'successful');
  a.refunds.r2 = refund('r2', 's6', 500, 'cash', 'successful');
  a.refunds.r3 = refund('r3', 's1', 2000, 'momo', 'failed');
  a.refunds.r4 = refund('r4', 's1', 300, 'momo', 'pending');
  for (const id of ['r1', 'r2', 'r3', 'r4']) a.add('refund.created', id, AT(90));
  for (const id of ['r1', 'r2', 'r3']) a.add('refund.final', id, AT(91));
  // The drawer: 1,000 in, 400 out.
  const move = (id: string, kind: 'in' | 'out', amountMinor: number): CashMovement => ({ id, shiftId: 'shift-1', kind, amountMinor, currency: 'RWF', reason: 'x', by: 'Ann', at: AT(95) });
  a.cashMovements.m1 = move('m1', 'in', 1000);
  a.cashMovements.m2 = move('m2', 'out', 400);
  a.add('cash.movement', 'm1', AT(95));
  a.add('cash.movement', 'm2', AT(96));
  a.add('pin.refused', 'x1', AT(97));

  const report = buildTillReport(a, { kind: 'Z', currency: 'RWF', feeRule: RWANDA_FEES, timeZone: 'UTC', generatedAt: AT(100), shift, countedCashMinor: 12_000 });

  it('keeps sales and refunds apart per method (the sale taken with no shift open is not the shift’s)', () => {
    expect(report.sales.momo).toEqual({ count: 2, amountMinor: 14_500 });
    expect(report.sales.cash).toEqual({ count: 2, amountMinor: 7000 });
    expect(report.sales.total).toEqual({ count: 4, amountMinor: 21_500 });
    expect(report.refunds.momo).toEqual({ count: 1, amountMinor: 1000 });
    expect(report.refunds.cash).toEqual({ count: 1, amountMinor: 500 });
    expect(report.refunds.failed).toEqual({ count: 1, amountMinor: 2000 });
    expect(report.refunds.pending).toEqual({ count: 1, amountMinor: 300 });
    expect(report.netMinor).toBe(21_500 - 1500);
  });

  it('counts prompts by how they ended, and sales rung up', () => {
    expect(report.prompts).toEqual({ sent: 6, paid: 2, declined: 1, expired: 1, failed: 1, waiting: 1 });
    expect(report.salesStarted).toBe(8);
    expect(report.paidTwice).toEqual({ count: 1, amountMinor: 4500 });
    expect(report.outsideShift).toEqual({ count: 1, amountMinor: 700 });
    expect(report.wrongPins).toBe(1);
  });

  it('the drawer: float + cash sales + in − out − cash refunds = expected; counted − expected = difference', () => {
    // The 700 taken with no shift open never entered this drawer.
    expect(report.cash).toMatchObject({ openingFloatMinor: 5000, salesMinor: 7000, inMinor: 1000, outMinor: 400, refundsMinor: 500 });
    expect(report.cash.expectedMinor).toBe(5000 + 7000 + 1000 - 400 - 500);
    expect(report.cash.countedMinor).toBe(12_000);
    expect(report.cash.differenceMinor).toBe(12_000 - 12_100);
  });

  it('a day report counts the sale taken with no shift open in the day’s sales, apart, and still not in a drawer', () => {
    const day = buildTillReport(a, { kind: 'day', currency: 'RWF', feeRule: RWANDA_FEES, timeZone: 'UTC', generatedAt: AT(100), businessDay: '2025-03-10' });
    expect(day.sales.cash).toEqual({ count: 3, amountMinor: 7700 });
    expect(day.outsideShift).toEqual({ count: 1, amountMinor: 700 });
    expect(day.cash.salesMinor).toBe(7000);
    expect(day.cashiers.find((line) => line.name === null)?.total).toEqual({ count: 1, amountMinor: 700 });
  });

  it('per cashier, per hour (gaps filled), and fees on the MoMo payments above 4,000 only', () => {
    // Ann: MoMo 10,000 and both halves of the sale paid twice; Ben: his cash sale; the sale made with no shift is not the shift's.
    expect(report.cashiers.map((c) => [c.name, c.momo.amountMinor, c.cash.amountMinor, c.total.amountMinor])).toEqual([
      ['Ann', 14_500, 4500, 19_000],
      ['Ben', 0, 2500, 2500],
    ]);
    expect(report.hours.map((h) => [h.label, h.count, h.amountMinor])).toEqual([
      ['08:00', 1, 10_000],
      ['09:00', 3, 2500 + 4500 + 4500],
    ]);
    expect(report.fees).toEqual({ rule: RWANDA_FEES, paymentsCharged: 2, estimatedMinor: 50 + 23 });
  });
});

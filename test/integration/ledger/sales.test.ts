import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { PosError } from '../../../shared/errors';
import { canTransition, isFinal, PAYMENT_STATUSES, type PaymentStatus } from '../../../shared/payment-states';
import type { Ledger } from '../../../electron/core/ledger';
import { MSISDN, momoSale, openTestLedger, removeTempDirs, rowCounts, settle, steppingClock, tempDataDir } from '../../helpers/ledger';

let ledger: Ledger | undefined;
afterEach(() => {
  ledger?.close();
  ledger = undefined;
  removeTempDirs();
});
const open = (...args: Parameters<typeof openTestLedger>) => (ledger = openTestLedger(...args));

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PosError);
    return (error as PosError).code;
  }
  throw new Error('did not throw');
}

describe('a MoMo sale', () => {
  it('lands in one go: the sale with its receipt number, the payment recorded with its reference, its first event, journal entries', () => {
    const l = open();
    const referenceId = randomUUID();
    const { sale, payment } = l.createMomoSale({ amountMinor: 1500, currency: 'RWF', msisdn: MSISDN, referenceId, note: 'bread', cashier: 'Ann', payerName: 'Jean' });
    expect(sale).toMatchObject({ receiptNumber: 'POS1-000001', deviceId: 'POS1', amountMinor: 1500, currency: 'RWF', method: 'momo', status: 'awaiting_payment', msisdn: MSISDN, note: 'bread', cashier: 'Ann', payerName: 'Jean' });
    expect(sale.createdAt).toMatch(/^2025-03-10T08:00:\d\d\.000Z$/); // from the injected clock
    expect(payment).toMatchObject({ saleId: sale.id, referenceId, externalId: 'POS1-000001', attempt: 1, status: 'recorded', amountMinor: 1500, currency: 'RWF', msisdn: MSISDN, checks: 0 });
    expect(l.getPaymentByReference(referenceId)).toEqual(payment);
    expect(l.getSale(sale.id)).toEqual(sale);
    expect(l.getSaleByReceiptNumber('pos1-000001')).toEqual(sale);
    expect(l.paymentEvents(payment.id)).toEqual([expect.objectContaining({ from: null, to: 'recorded' })]);
    expect(l.journal().map((e) => e.kind)).toEqual(['sale.created', 'payment.created']);
    expect(l.unfinishedPayments()).toEqual([payment]);
  });

  it('receipt numbers count up without gaps, and a refused sale uses none', () => {
    const l = open();
    expect(momoSale(l).sale.receiptNumber).toBe('POS1-000001');
    const taken = momoSale(l).payment.referenceId;
    expect(code(() => l.createMomoSale({ amountMinor: 5, currency: 'RWF', msisdn: MSISDN, referenceId: taken }))).toBe('CONFLICT');
    expect(l.createCashSale({ amountMinor: 100, currency: 'RWF' }).sale.receiptNumber).toBe('POS1-000003');
    expect(l.listSales().map((s) => s.receiptSeq)).toEqual([3, 2, 1]);
  });

  it('a success marks the sale paid and is journaled with its financial transaction id', () => {
    const l = open();
    const { sale, payment } = momoSale(l);
    const final = settle(l, payment.id, 'successful');
    expect(final.status).toBe('successful');
    expect(final.financialTransactionId).toBeTruthy();
    expect(l.getSale(sale.id)?.status).toBe('paid');
    expect(l.paymentEvents(payment.id).map((e) => [e.from, e.to, e.source ?? null])).toEqual([
      [null, 'recorded', null],
      ['recorded', 'sending', 'post'],
      ['sending', 'pending', 'post'],
      ['pending', 'successful', 'poll'],
    ]);
    const entry = l.journal().find((e) => e.kind === 'payment.final');
    expect(entry?.body).toMatchObject({ status: 'successful', financialTransactionId: final.financialTransactionId, amountMinor: 1000 });
    expect(l.unfinishedPayments()).toEqual([]);
    expect(l.verify().ok).toBe(true);
  });

  it('a decline leaves the sale not paid, with the reason on the payment', () => {
    const l = open();
    const { sale, payment } = momoSale(l);
    const final = settle(l, payment.id, 'rejected');
    expect(final.reasonCode).toBe('APPROVAL_REJECTED');
    expect(l.getSale(sale.id)?.status).toBe('not_paid');
  });

  it('refuses every transition the state machine refuses, and writes nothing when it does (any path)', () => {
    const l = open();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PAYMENT_STATUSES), { maxLength: 8 }), (path) => {
        const { payment } = momoSale(l);
        let status: PaymentStatus = 'recorded';
        for (const to of path) {
          const before = rowCounts(l.db);
          if (canTransition(status, to)) {
            expect(l.transitionPayment(payment.id, to).status).toBe(to);
            status = to;
          } else {
            expect(code(() => l.transitionPayment(payment.id, to))).toBe('CONFLICT');
            expect(rowCounts(l.db)).toEqual(before);
            expect(l.getPayment(payment.id)?.status).toBe(status);
          }
        }
        expect(l.paymentEvents(payment.id).at(-1)?.to).toBe(status);
        expect(l.journal({ limit: 100_000 }).filter((e) => e.kind === 'payment.final' && e.subjectId === payment.id)).toHaveLength(isFinal(status) ? 1 : 0);
      }),
      { numRuns: 60 },
    );
    expect(l.verify().ok).toBe(true);
  });

  it('keeps MoMo’s odd or overlong reason text (cut to length) instead of refusing it: a final answer is never lost', () => {
    const l = open();
    const { payment } = momoSale(l);
    l.transitionPayment(payment.id, 'sending');
    const final = l.transitionPayment(payment.id, 'failed', { reasonCode: 'Payer limit reached', reasonMessage: '<html>'.repeat(1000) });
    expect(final.status).toBe('failed');
    expect(final.reasonCode).toBe('Payer limit reached');
    expect(final.reasonMessage).toHaveLength(2000);
    expect(l.verify().ok).toBe(true);
  });

  it('counts status checks without journaling them', () => {
    const l = open();
    const { payment } = momoSale(l);
    const entries = l.journal().length;
    l.touchPaymentCheck(payment.id);
    const touched = l.touchPaymentCheck(payment.id);
    expect(touched.checks).toBe(2);
    expect(touched.lastCheckedAt).toBeDefined();
    expect(l.journal().length).toBe(entries);
    expect(code(() => l.touchPaymentCheck(randomUUID()))).toBe('NOT_FOUND');
  });

  it('keeps the redacted HTTP exchanges of a payment in order', () => {
    const l = open();
    const { payment } = momoSale(l);
    l.recordExchange(payment.id, { operation: 'token', status: 200 });
    l.recordExchange(payment.id, { operation: 'requestToPay', status: 202 });
    expect(l.exchanges(payment.id)).toEqual([{ operation: 'token', status: 200 }, { operation: 'requestToPay', status: 202 }]);
    expect(code(() => l.recordExchange(randomUUID(), { operation: 'x' }))).toBe('NOT_FOUND');
  });
});

describe('when MoMo does not work out', () => {
  it('stop waiting: the sale shows not paid, the payment keeps going, and a late success makes it paid', () => {
    const l = open();
    const { sale, payment } = momoSale(l);
    l.transitionPayment(payment.id, 'sending');
    l.transitionPayment(payment.id, 'pending');
    const cancelled = l.setSaleWaitingCancelled(sale.id);
    expect(cancelled.status).toBe('not_paid');
    expect(cancelled.waitingCancelledAt).toBeDefined();
    expect(l.getPayment(payment.id)?.status).toBe('pending');
    l.transitionPayment(payment.id, 'successful', { financialTransactionId: 'FT1' });
    expect(l.getSale(sale.id)?.status).toBe('paid');
    expect(code(() => l.setSaleWaitingCancelled(sale.id))).toBe('CONFLICT');
    expect(l.verify().ok).toBe(true);
  });

  it('a new attempt needs a new reference, only after every earlier one is final and none succeeded (invariant 2)', () => {
    const l = open();
    const { sale, payment } = momoSale(l);
    l.transitionPayment(payment.id, 'sending');
    l.transitionPayment(payment.id, 'pending');
    expect(code(() => l.addPaymentAttempt(sale.id, randomUUID()))).toBe('CONFLICT'); // still live
    l.transitionPayment(payment.id, 'timed_out');
    expect(code(() => l.addPaymentAttempt(sale.id, randomUUID()))).toBe('CONFLICT'); // timed_out is re-checkable, not final
    l.transitionPayment(payment.id, 'expired');
    expect(code(() => l.addPaymentAttempt(sale.id, payment.referenceId))).toBe('CONFLICT'); // the same reference again
    const second = l.addPaymentAttempt(sale.id, randomUUID());
    expect(second).toMatchObject({ attempt: 2, status: 'recorded', msisdn: MSISDN, amountMinor: 1000 });
    expect(l.getSale(sale.id)?.status).toBe('awaiting_payment');
    expect(l.paymentsForSale(sale.id).map((p) => p.attempt)).toEqual([1, 2]);
    settle(l, second.id, 'successful');
    expect(code(() => l.addPaymentAttempt(sale.id, randomUUID()))).toBe('CONFLICT'); // paid
    expect(l.verify().ok).toBe(true);
  });

  it('cash after a failed MoMo attempt settles the sale in cash; refused once MoMo succeeded', () => {
    const l = open();
    const failed = momoSale(l, 800);
    settle(l, failed.payment.id, 'failed');
    const paid = l.payCashForSale(failed.sale.id, { cashier: 'Ann', tenderedMinor: 1000 });
    expect(paid).toMatchObject({ status: 'paid', method: 'cash', tenderedMinor: 1000, changeMinor: 200, paidCashBy: 'Ann' });
    expect(code(() => l.payCashForSale(failed.sale.id))).toBe('CONFLICT'); // twice in cash
    expect(code(() => l.addPaymentAttempt(failed.sale.id, randomUUID()))).toBe('CONFLICT');

    const succeeded = momoSale(l);
    settle(l, succeeded.payment.id, 'successful');
    expect(code(() => l.payCashForSale(succeeded.sale.id))).toBe('CONFLICT');
    expect(l.verify().ok).toBe(true);
  });

  it('cash taken while MoMo is still pending, then MoMo succeeds: the sale shows paid twice (refund one)', () => {
    const l = open();
    const { sale, payment } = momoSale(l);
    l.transitionPayment(payment.id, 'sending');
    l.transitionPayment(payment.id, 'unknown');
    expect(l.payCashForSale(sale.id).status).toBe('paid');
    l.transitionPayment(payment.id, 'successful', { financialTransactionId: 'FT2' });
    expect(l.getSale(sale.id)?.status).toBe('paid_twice');
    expect(l.verify().ok).toBe(true);
  });

  it('cash taken while MoMo is pending, then MoMo fails: simply paid', () => {
    const l = open();
    const { sale, payment } = momoSale(l);
    l.transitionPayment(payment.id, 'sending');
    l.transitionPayment(payment.id, 'pending');
    l.payCashForSale(sale.id);
    l.transitionPayment(payment.id, 'rejected', { reasonCode: 'APPROVAL_REJECTED' });
    expect(l.getSale(sale.id)?.status).toBe('paid');
  });

  it('a payment never sent can be closed as failed NOT_SENT (recovery), leaving the sale not paid', () => {
    const l = open();
    const { sale, payment } = momoSale(l);
    l.transitionPayment(payment.id, 'failed', { reasonCode: 'NOT_SENT', source: 'recovery' });
    expect(l.getSale(sale.id)?.status).toBe('not_paid');
    expect(l.unfinishedPayments()).toEqual([]);
  });
});

describe('finding sales', () => {
  it('by time range, business day, status, phone digits or receipt number, newest first', () => {
    const l = open({ now: steppingClock('2025-03-10T08:00:00.000Z', 3_600_000) });
    const a = momoSale(l, 100, { msisdn: '250788111222' });
    const b = momoSale(l, 200, { msisdn: '250788333444' });
    settle(l, b.payment.id);
    const c = l.createCashSale({ amountMinor: 300, currency: 'RWF' });
    expect(l.listSales().map((s) => s.amountMinor)).toEqual([300, 200, 100]);
    expect(l.listSales({ search: '111 222' }).map((s) => s.id)).toEqual([a.sale.id]);
    expect(l.listSales({ search: 'POS1-000003' }).map((s) => s.id)).toEqual([c.sale.id]);
    expect(l.listSales({ search: '%' })).toEqual([]);
    expect(l.listSales({ status: 'paid' }).map((s) => s.id).sort()).toEqual([b.sale.id, c.sale.id].sort());
    expect(l.listSales({ from: b.sale.createdAt }).map((s) => s.id)).toEqual([c.sale.id, b.sale.id]);
    expect(l.listSales({ to: b.sale.createdAt }).map((s) => s.id)).toEqual([a.sale.id]);
    expect(l.listSales({ businessDay: a.sale.businessDay }).length).toBeGreaterThan(0);
    expect(l.listSales({ limit: 1 })).toHaveLength(1);
  });

  it('business day follows the dayStartsAtHour setting', () => {
    // 01:30 local time on 11 March
    const l = open({ now: () => new Date(2025, 2, 11, 1, 30) });
    expect(momoSale(l).sale.businessDay).toBe('2025-03-11');
    l.setSetting('dayStartsAtHour', 4);
    expect(momoSale(l).sale.businessDay).toBe('2025-03-10');
  });
});

describe('shifts, cash and refunds', () => {
  it('a shift takes the sales rung up while open; cash movements and closing are journaled', () => {
    const l = open();
    const shift = l.openShift({ openingFloatMinor: 0, currency: 'RWF', openedBy: 'Ann' });
    expect(code(() => l.openShift({ openingFloatMinor: 0, currency: 'RWF', openedBy: 'Bob' }))).toBe('CONFLICT');
    expect(l.currentShift()).toEqual(shift);
    const { sale } = l.createCashSale({ amountMinor: 500, currency: 'RWF' });
    expect(sale.shiftId).toBe(shift.id);
    expect(sale.paidCashShiftId).toBe(shift.id);
    expect(code(() => l.createCashSale({ amountMinor: 500, currency: 'GHS' }))).toBe('VALIDATION'); // the drawer counts RWF
    const out = l.addCashMovement({ shiftId: shift.id, kind: 'out', amountMinor: 200, currency: 'RWF', reason: 'milk', by: 'Ann' });
    expect(l.cashMovements(shift.id)).toEqual([out]);
    expect(l.listSales({ shiftId: shift.id }).map((s) => s.id)).toEqual([sale.id]);
    const closed = l.closeShift({ shiftId: shift.id, countedCashMinor: 300, closedBy: 'Ann' });
    expect(closed).toMatchObject({ status: 'closed', countedCashMinor: 300, closedBy: 'Ann' });
    expect(l.currentShift()).toBeUndefined();
    expect(code(() => l.addCashMovement({ shiftId: shift.id, kind: 'in', amountMinor: 1, currency: 'RWF', reason: 'x', by: 'Ann' }))).toBe('CONFLICT');
    expect(code(() => l.createCashSale({ amountMinor: 1, currency: 'RWF', shiftId: shift.id }))).toBe('CONFLICT');
    expect(l.journal().map((e) => e.kind)).toEqual(['shift.opened', 'sale.created', 'sale.paid_cash', 'cash.movement', 'shift.closed']);
    expect(l.verify().ok).toBe(true);
  });

  it('refunds: only of a paid sale, never more than was paid; MoMo refunds follow the state machine', () => {
    const l = open();
    const unpaid = momoSale(l);
    expect(code(() => l.createRefund({ saleId: unpaid.sale.id, amountMinor: 100, currency: 'RWF', method: 'cash', reason: 'x', by: 'Ann' }))).toBe('CONFLICT');
    const { sale, payment } = momoSale(l, 1000);
    settle(l, payment.id);
    const cash = l.createRefund({ saleId: sale.id, amountMinor: 400, currency: 'RWF', method: 'cash', reason: 'broken egg', by: 'Ann' });
    expect(cash.status).toBe('successful');
    expect(code(() => l.createRefund({ saleId: sale.id, amountMinor: 601, currency: 'RWF', method: 'cash', reason: 'x', by: 'Ann' }))).toBe('VALIDATION');
    const momo = l.createRefund({ saleId: sale.id, amountMinor: 600, currency: 'RWF', method: 'momo', referenceId: randomUUID(), reason: 'rest', by: 'Ann' });
    expect(momo).toMatchObject({ status: 'recorded', msisdn: MSISDN });
    expect(code(() => l.transitionRefund(momo.id, 'successful'))).toBe('CONFLICT');
    l.transitionRefund(momo.id, 'sending');
    l.transitionRefund(momo.id, 'pending');
    expect(l.transitionRefund(momo.id, 'successful', { financialTransactionId: 'RF1' }).status).toBe('successful');
    expect(l.refundsForSale(sale.id).map((r) => r.amountMinor)).toEqual([400, 600]);
    expect(l.verify().ok).toBe(true);
  });
});

describe('settings', () => {
  it('keep JSON values; secrets and the ledger’s own keys are refused', () => {
    const l = open();
    l.setSetting('merchantName', 'Chez Nous');
    l.setSetting('receipt.header', { lines: ['Kigali'] });
    expect(l.getSetting('merchantName')).toBe('Chez Nous');
    expect(l.getSetting<{ lines: string[] }>('receipt.header')?.lines).toEqual(['Kigali']);
    expect(l.getSetting('nothing')).toBeUndefined();
    expect(l.allSettings()).toMatchObject({ merchantName: 'Chez Nous', 'ledger.deviceId': 'POS1', 'ledger.kind': 'live' });
    for (const key of ['apiKey', 'collection.subscriptionKey', 'momoSecret', 'ledger.deviceId']) expect(code(() => l.setSetting(key, 'x'))).toBe('VALIDATION');
    expect(code(() => l.setSetting('dayStartsAtHour', 24))).toBe('VALIDATION');
  });
});

describe('two connections to one file', () => {
  it('share one gap-free receipt sequence per device, and each device has its own', () => {
    const dataDir = tempDataDir();
    const a = open({ dataDir, deviceId: 'POS1' });
    const b = openTestLedger({ dataDir, deviceId: 'POS1' });
    const c = openTestLedger({ dataDir, deviceId: 'POS2' });
    try {
      const numbers = [];
      for (let i = 0; i < 10; i++) numbers.push(momoSale(i % 2 ? a : b).sale.receiptSeq);
      expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(momoSale(c).sale.receiptNumber).toBe('POS2-000001');
      expect(a.verify().ok).toBe(true);
    } finally {
      b.close();
      c.close();
    }
  });
});

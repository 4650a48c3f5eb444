/**
 * Bad input to every repository function is refused with a ValidationError
 * naming the field, and nothing at all is written.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/errors';
import { MAX_AMOUNT_MINOR } from '../../../shared/money';
import type { Ledger } from '../../../electron/core/ledger';
import { MSISDN, momoSale, openTestLedger, removeTempDirs, rowCounts, settle } from '../../helpers/ledger';

let ledger: Ledger;
let saleId: string;
let paidSaleId: string;
let paymentId: string;
let shiftId: string;
let refundId: string;

beforeAll(() => {
  ledger = openTestLedger();
  shiftId = ledger.openShift({ openingFloatMinor: 1000, currency: 'RWF', openedBy: 'Ann' }).id;
  const open = momoSale(ledger);
  saleId = open.sale.id;
  paymentId = open.payment.id;
  const paid = momoSale(ledger);
  settle(ledger, paid.payment.id);
  paidSaleId = paid.sale.id;
  refundId = ledger.createRefund({ saleId: paidSaleId, amountMinor: 1, currency: 'RWF', method: 'momo', referenceId: randomUUID(), reason: 'x', by: 'Ann' }).id;
});
afterAll(() => {
  ledger.close();
  removeTempDirs();
});

const BAD_AMOUNTS: [string, unknown][] = [
  ['negative', -100],
  ['zero', 0],
  ['fractional', 10.5],
  ['huge', MAX_AMOUNT_MINOR + 1],
  ['beyond 2^53', 2 ** 53 + 2],
  ['NaN', Number.NaN],
  ['a string', '100'],
];
const EMPTY_IDS: [string, unknown][] = [
  ['empty', ''],
  ['blank', '   '],
  ['missing', undefined],
  ['not text', 42],
];

type Case = [fn: keyof Ledger, what: string, call: (l: Ledger) => unknown, field: string];

const momo = (over: Record<string, unknown>) => (l: Ledger) =>
  l.createMomoSale({ amountMinor: 1000, currency: 'RWF', msisdn: MSISDN, referenceId: randomUUID(), ...over } as never);
const cash = (over: Record<string, unknown>) => (l: Ledger) => l.createCashSale({ amountMinor: 1000, currency: 'RWF', ...over } as never);
const movement = (over: Record<string, unknown>) => (l: Ledger) =>
  l.addCashMovement({ shiftId, kind: 'in', amountMinor: 100, currency: 'RWF', reason: 'float top-up', by: 'Ann', ...over } as never);
const refund = (over: Record<string, unknown>) => (l: Ledger) =>
  l.createRefund({ saleId: paidSaleId, amountMinor: 100, currency: 'RWF', method: 'cash', reason: 'x', by: 'Ann', ...over } as never);

const build = () => ({ report: {}, salesMinor: 0, refundsMinor: 0 });

const cases: Case[] = [
  ['claimFiscalReceipt', 'no event key', (l) => l.claimFiscalReceipt({ eventKey: '', label: 'NS', event: '{}' }), 'eventKey'],
  ['claimFiscalReceipt', 'a label no device knows', (l) => l.claimFiscalReceipt({ eventKey: 'sale:x', label: 'ZZ' as never, event: '{}' }), 'label'],
  ['claimFiscalReceipt', 'a negative device counter', (l) => l.claimFiscalReceipt({ eventKey: 'sale:x', label: 'NS', event: '{}', lastInvoiceNo: -1 }), 'lastInvoiceNo'],
  ['renumberFiscalReceipt', 'no event key', (l) => l.renumberFiscalReceipt(''), 'eventKey'],
  ['finishFiscalReceipt', 'no event key', (l) => l.finishFiscalReceipt('', { status: 'duplicate' }), 'eventKey'],
  ['getFiscalReceipt', 'no event key', (l) => l.getFiscalReceipt(''), 'eventKey'],
  ['setPinThrottle', 'a negative failure count', (l) => l.setPinThrottle({ failures: -1, level: 0, lockedUntil: 0 }), 'failures'],
  ['setPinThrottle', 'a fractional lock level', (l) => l.setPinThrottle({ failures: 0, level: 1.5, lockedUntil: 0 }), 'level'],
  ['setPinThrottle', 'a lock time that is not a number', (l) => l.setPinThrottle({ failures: 0, level: 0, lockedUntil: 'soon' as never }), 'lockedUntil'],
  ['createRefund', 'a cash refund sent "via" MoMo', refund({ via: 'transfer' }), 'via'],
  ['createRefund', 'an unknown way to send a MoMo refund', refund({ method: 'momo', referenceId: randomUUID(), via: 'pigeon' }), 'via'],
  ...EMPTY_IDS.map(([what, id]): Case => ['refundEvents', `${what} id`, (l) => l.refundEvents(id as never), 'refundId']),
  ['activity', 'a from that is not a time', (l) => l.activity({ fromAt: 'noon', toAt: new Date().toISOString() }), 'fromAt'],
  ['activity', 'a negative journal position', (l) => l.activity({ afterSeq: -1 }), 'afterSeq'],
  ['activity', 'a fractional journal position', (l) => l.activity({ uptoSeq: 1.5 }), 'uptoSeq'],
  ['closeShiftWithZReport', 'no shift id', (l) => l.closeShiftWithZReport({ shiftId: '', countedCashMinor: 0, closedBy: 'Ann', build }), 'shiftId'],
  ['closeShiftWithZReport', 'negative counted cash', (l) => l.closeShiftWithZReport({ shiftId, countedCashMinor: -1, closedBy: 'Ann', build }), 'countedCashMinor'],
  ['closeShiftWithZReport', 'no report builder', (l) => l.closeShiftWithZReport({ shiftId, countedCashMinor: 0, closedBy: 'Ann' } as never), 'build'],
  ['closeShiftWithZReport', 'a report with a float in it', (l) => l.closeShiftWithZReport({ shiftId, countedCashMinor: 0, closedBy: 'Ann', build: () => ({ report: {}, salesMinor: 1.5, refundsMinor: 0 }) }), 'salesMinor'],
  ['getZReport', 'number zero', (l) => l.getZReport(0), 'number'],
  ['getZReport', 'a number as text', (l) => l.getZReport('1' as never), 'number'],
  ['listZReports', 'negative limit', (l) => l.listZReports({ limit: -1 }), 'limit'],
  ['salesForExport', 'a day that is not a day', (l) => l.salesForExport({ fromDay: 'today', toDay: '2025-01-01' }), 'fromDay'],
  ['salesForExport', 'the range backwards', (l) => l.salesForExport({ fromDay: '2025-02-01', toDay: '2025-01-01' }), 'toDay'],
  ['receiptPrinted', 'no sale id', (l) => l.receiptPrinted('' as never), 'saleId'],
  ['recordReceiptPrint', 'no sale id', (l) => l.recordReceiptPrint('  ' as never), 'saleId'],
  ['recordReceiptPrint', 'a sale that does not exist', (l) => l.recordReceiptPrint('no-such-sale'), 'saleId'],
  ['recordMomoBalance', 'no shift', (l) => l.recordMomoBalance({ shiftId: '', moment: 'open', availableMinor: 1, currency: 'RWF' }), 'shiftId'],
  ['recordMomoBalance', 'an unknown moment', (l) => l.recordMomoBalance({ shiftId, moment: 'lunch' as never, availableMinor: 1, currency: 'RWF' }), 'moment'],
  ['recordMomoBalance', 'a negative balance', (l) => l.recordMomoBalance({ shiftId, moment: 'open', availableMinor: -5, currency: 'RWF' }), 'availableMinor'],
  ['recordMomoBalance', 'a read balance with no currency', (l) => l.recordMomoBalance({ shiftId, moment: 'close', availableMinor: 5 }), 'currency'],
  ['momoBalances', 'no shift', (l) => l.momoBalances(''), 'shiftId'],
  ['createMomoSale', 'an invoice with no validity', (l) => l.createMomoSale({ amountMinor: 100, currency: 'RWF', msisdn: '250788123456', referenceId: randomUUID(), invoice: { validUntil: 'soon' } }), 'validUntil'],
  ['claimTextReceipt', 'no payment', (l) => l.claimTextReceipt({ paymentId: '', message: 'hi' }), 'paymentId'],
  ['claimTextReceipt', 'an empty text', (l) => l.claimTextReceipt({ paymentId, message: '' }), 'message'],
  ['claimTextReceipt', 'a text over 160 characters', (l) => l.claimTextReceipt({ paymentId, message: 'x'.repeat(161) }), 'message'],
  ['finishTextReceipt', 'an unknown outcome', (l) => l.finishTextReceipt({ paymentId, status: 'maybe' as never }), 'status'],
  ['getTextReceipt', 'no payment', (l) => l.getTextReceipt(''), 'paymentId'],
  ['recoverTextReceipts', 'not a time', (l) => l.recoverTextReceipts('yesterday-ish'), 'since'],
  ['recordPinEvent', 'an unknown kind', (l) => l.recordPinEvent('pin.guessed' as never, { action: 'refund', who: 'manager' }), 'kind'],
  ['recordPinEvent', 'nobody', (l) => l.recordPinEvent('pin.refused', { action: 'refund', who: 'owner' as never }), 'who'],
  ...BAD_AMOUNTS.map(([what, amount]): Case => ['createMomoSale', `${what} amount`, momo({ amountMinor: amount }), 'amountMinor']),
  ['createMomoSale', 'unknown currency', momo({ currency: 'USD' }), 'currency'],
  ['createMomoSale', 'lower-case currency', momo({ currency: 'rwf' }), 'currency'],
  ['createMomoSale', 'phone with +', momo({ msisdn: '+250788123456' }), 'msisdn'],
  ['createMomoSale', 'short phone', momo({ msisdn: '1234' }), 'msisdn'],
  ['createMomoSale', 'empty reference', momo({ referenceId: '' }), 'referenceId'],
  ['createMomoSale', 'reference not a UUID v4', momo({ referenceId: 'ref-1' }), 'referenceId'],
  ['createMomoSale', 'note far too long', momo({ note: 'x'.repeat(501) }), 'note'],
  ['createMomoSale', 'empty shift id', momo({ shiftId: '' }), 'shiftId'],
  ['createMomoSale', 'no input at all', (l) => l.createMomoSale(undefined as never), 'input'],
  ...BAD_AMOUNTS.map(([what, amount]): Case => ['createCashSale', `${what} amount`, cash({ amountMinor: amount }), 'amountMinor']),
  ['createCashSale', 'unknown currency', cash({ currency: 'XYZ' }), 'currency'],
  ['createCashSale', 'fractional cash tendered', cash({ tenderedMinor: 1000.5 }), 'tenderedMinor'],
  ['createCashSale', 'less cash tendered than the amount', cash({ tenderedMinor: 999 }), 'tenderedMinor'],
  ...EMPTY_IDS.map(([what, id]): Case => ['getSale', `${what} id`, (l) => l.getSale(id as never), 'saleId']),
  ['getSaleByReceiptNumber', 'empty receipt number', (l) => l.getSaleByReceiptNumber(''), 'receiptNumber'],
  ['listSales', 'a from that is not a date', (l) => l.listSales({ from: 'yesterday' }), 'from'],
  ['listSales', 'unknown status', (l) => l.listSales({ status: 'lost' as never }), 'status'],
  ['listSales', 'negative limit', (l) => l.listSales({ limit: -1 }), 'limit'],
  ['listSales', 'malformed business day', (l) => l.listSales({ businessDay: '10/03/2025' }), 'businessDay'],
  ...EMPTY_IDS.map(([what, id]): Case => ['getPayment', `${what} id`, (l) => l.getPayment(id as never), 'paymentId']),
  ['getPaymentByReference', 'empty reference', (l) => l.getPaymentByReference(''), 'referenceId'],
  ['paymentsForSale', 'empty sale id', (l) => l.paymentsForSale(''), 'saleId'],
  ...EMPTY_IDS.map(([what, id]): Case => ['transitionPayment', `${what} payment id`, (l) => l.transitionPayment(id as never, 'sending'), 'paymentId']),
  ['transitionPayment', 'unknown status', (l) => l.transitionPayment(paymentId, 'cancelled' as never), 'to'],
  ['transitionPayment', 'reason code not text', (l) => l.transitionPayment(paymentId, 'sending', { reasonCode: 42 as never }), 'reasonCode'],
  ['transitionPayment', 'source with spaces', (l) => l.transitionPayment(paymentId, 'sending', { source: 'the poller' }), 'source'],
  ['transitionPayment', 'detail not an object', (l) => l.transitionPayment(paymentId, 'sending', 'post' as never), 'detail'],
  ['touchPaymentCheck', 'empty id', (l) => l.touchPaymentCheck(''), 'paymentId'],
  ['addPaymentAttempt', 'empty sale id', (l) => l.addPaymentAttempt('', randomUUID()), 'saleId'],
  ['addPaymentAttempt', 'reference not a UUID', (l) => l.addPaymentAttempt(saleId, 'again'), 'referenceId'],
  ['addPaymentAttempt', 'bad phone', (l) => l.addPaymentAttempt(saleId, randomUUID(), undefined, { msisdn: 'abc' }), 'msisdn'],
  ['payCashForSale', 'empty sale id', (l) => l.payCashForSale(''), 'saleId'],
  ...BAD_AMOUNTS.map(([what, amount]): Case => ['payCashForSale', `${what} tendered`, (l) => l.payCashForSale(saleId, { tenderedMinor: amount as never }), 'tenderedMinor']),
  ['setSaleWaitingCancelled', 'empty sale id', (l) => l.setSaleWaitingCancelled(''), 'saleId'],
  ['paymentEvents', 'empty payment id', (l) => l.paymentEvents(''), 'paymentId'],
  ['recordExchange', 'empty payment id', (l) => l.recordExchange('', { operation: 'x' }), 'paymentId'],
  ['recordExchange', 'nothing to record', (l) => l.recordExchange(paymentId, undefined), 'exchange'],
  ['recordExchange', 'a number, not an exchange', (l) => l.recordExchange(paymentId, 5), 'exchange'],
  ['exchanges', 'empty payment id', (l) => l.exchanges(''), 'paymentId'],
  ['openShift', 'negative float', (l) => l.openShift({ openingFloatMinor: -1, currency: 'RWF', openedBy: 'Ann' }), 'openingFloatMinor'],
  ['openShift', 'fractional float', (l) => l.openShift({ openingFloatMinor: 0.5, currency: 'RWF', openedBy: 'Ann' }), 'openingFloatMinor'],
  ['openShift', 'unknown currency', (l) => l.openShift({ openingFloatMinor: 0, currency: 'BTC' as never, openedBy: 'Ann' }), 'currency'],
  ['openShift', 'nobody opened it', (l) => l.openShift({ openingFloatMinor: 0, currency: 'RWF', openedBy: '' }), 'openedBy'],
  ['getShift', 'empty id', (l) => l.getShift(''), 'shiftId'],
  ['closeShift', 'empty shift id', (l) => l.closeShift({ shiftId: '', countedCashMinor: 0, closedBy: 'Ann' }), 'shiftId'],
  ['closeShift', 'negative count', (l) => l.closeShift({ shiftId, countedCashMinor: -5, closedBy: 'Ann' }), 'countedCashMinor'],
  // A count is a total: far above one payment is fine (money-limits.test), beyond exact arithmetic is not.
  ['closeShift', 'count beyond exact sums', (l) => l.closeShift({ shiftId, countedCashMinor: Number.MAX_SAFE_INTEGER + 1, closedBy: 'Ann' }), 'countedCashMinor'],
  ...BAD_AMOUNTS.map(([what, amount]): Case => ['addCashMovement', `${what} amount`, movement({ amountMinor: amount }), 'amountMinor']),
  ['addCashMovement', 'empty shift id', movement({ shiftId: '' }), 'shiftId'],
  ['addCashMovement', 'unknown kind', movement({ kind: 'sideways' }), 'kind'],
  ['addCashMovement', 'unknown currency', movement({ currency: 'ABC' }), 'currency'],
  ['addCashMovement', 'no reason', movement({ reason: '' }), 'reason'],
  ['cashMovements', 'empty shift id', (l) => l.cashMovements(''), 'shiftId'],
  ...BAD_AMOUNTS.map(([what, amount]): Case => ['createRefund', `${what} amount`, refund({ amountMinor: amount }), 'amountMinor']),
  ['createRefund', 'empty sale id', refund({ saleId: '' }), 'saleId'],
  ['createRefund', 'unknown currency', refund({ currency: 'USD' }), 'currency'],
  ['createRefund', 'unknown method', refund({ method: 'cheque' }), 'method'],
  ['createRefund', 'MoMo refund without a UUID reference', refund({ method: 'momo', referenceId: 'r' }), 'referenceId'],
  ['createRefund', 'more than was paid', refund({ amountMinor: 5000 }), 'amountMinor'],
  ['getRefund', 'empty id', (l) => l.getRefund(''), 'refundId'],
  ['refundsForSale', 'empty sale id', (l) => l.refundsForSale(''), 'saleId'],
  ['transitionRefund', 'empty id', (l) => l.transitionRefund('', 'sending'), 'refundId'],
  ['transitionRefund', 'unknown status', (l) => l.transitionRefund(refundId, 'gone' as never), 'to'],
  ['getSetting', 'empty key', (l) => l.getSetting(''), 'key'],
  ['setSetting', 'empty key', (l) => l.setSetting('', 1), 'key'],
  ['setSetting', 'a secret', (l) => l.setSetting('apiKey', 'abc'), 'key'],
  ['setSetting', 'undefined value', (l) => l.setSetting('merchantName', undefined), 'value'],
  ['setSetting', 'a function', (l) => l.setSetting('merchantName', () => 1), 'value'],
  ['backupTo', 'empty path', (l) => l.backupTo(''), 'file'],
  ['recordHeadOfficeAck', 'seq 0', (l) => l.recordHeadOfficeAck({ seq: 0, hash: 'a'.repeat(64), receivedAt: '2025-03-10T08:00:00.000Z' }), 'seq'],
  ['recordHeadOfficeAck', 'a hash that is no hash', (l) => l.recordHeadOfficeAck({ seq: 1, hash: 'xyz', receivedAt: '2025-03-10T08:00:00.000Z' }), 'hash'],
  ['recordHeadOfficeAck', 'a time that is no time', (l) => l.recordHeadOfficeAck({ seq: 1, hash: 'a'.repeat(64), receivedAt: 'yesterday' }), 'receivedAt'],
  ['recordHeadOfficeAlarm', 'unknown kind', (l) => l.recordHeadOfficeAlarm({ kind: 'panic' as never, seq: 1, detail: 'x' }), 'kind'],
  ['unsignedFiscalEvents', 'a time that is no time', (l) => l.unsignedFiscalEvents('yesterday'), 'since'],
  ['recordHeadOfficeAlarm', 'no detail', (l) => l.recordHeadOfficeAlarm({ kind: 'fork', seq: 1, detail: '' }), 'detail'],
];

/** Functions that take no input, so have nothing to refuse. */
const NO_INPUT = new Set([
  'close',
  'unfinishedPayments',
  'openInvoices',
  'currentShift',
  'allSettings',
  'settingsRevision',
  'verify',
  'journal',
  'journalHead',
  'ensureDailyBackup',
  'unfinishedRefunds',
  'activitySinceLastZ',
  'headOfficeAck',
  'headOfficeAlarm',
  'lastZReport',
  'clockFarAhead',
  'pinThrottle',
  'pendingFiscalReceipts',
  'fiscalCounts',
]);

describe('bad input is refused with a typed error and writes nothing', () => {
  it('every repository function is covered below', () => {
    const functions = Object.entries(ledger).filter(([, value]) => typeof value === 'function').map(([name]) => name);
    const covered = new Set(cases.map(([fn]) => fn));
    expect(functions.filter((name) => !NO_INPUT.has(name) && !covered.has(name as keyof Ledger))).toEqual([]);
  });

  it.each(cases)('%s: %s', async (_fn, _what, call, field) => {
    const before = rowCounts(ledger.db);
    const head = ledger.journalHead();
    let error: unknown;
    try {
      await call(ledger);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('VALIDATION');
    expect((error as ValidationError).field).toBe(field);
    expect(rowCounts(ledger.db)).toEqual(before);
    expect(ledger.journalHead()).toEqual(head);
  });

  it('and the ledger still verifies afterwards', () => {
    expect(ledger.verify().ok).toBe(true);
  });
});

/**
 * What head office accepts in each journal entry, per kind: the fields a
 * kind must carry and what each must hold. Migration 2 copies this table
 * into hq.entry_kinds and hq.currency_limits, where hq.ingest checks every
 * entry against it; a test holds the two equal, and holds every kind the
 * ledger writes (JOURNAL_KINDS) to have a schema. Change it only with a new
 * head-office migration that updates those tables.
 *
 * Field types: id (text 1–200), text (≤ 500), amount (whole minor units,
 * 0 to the currency's limit), count (whole, 0 to 2^53 − 1), currency (the
 * till's own), at (an ISO instant, ms and Z), day (YYYY-MM-DD), final (a
 * final payment or refund status); a trailing ? allows null. Fields not
 * named may be present, holding a plain value (text ≤ 500, number, boolean,
 * null): a newer ledger may add a detail without stopping its till's chain.
 */
import { MARKETS } from '../../../shared/markets';
import { SAFETY_LIMIT_MINOR } from '../../../shared/limits';
import type { Currency } from '../../../shared/money';

export type FieldType = 'id' | 'text' | 'amount' | 'count' | 'currency' | 'at' | 'day' | 'final';
export type FieldRule = FieldType | `${FieldType}?`;

export const ENTRY_SCHEMAS: Readonly<Record<string, Readonly<Record<string, FieldRule>>>> = {
  'sale.created': { saleId: 'id', deviceId: 'id', receiptSeq: 'count', receiptNumber: 'id', createdAt: 'at', businessDay: 'day', amountMinor: 'amount', currency: 'currency', method: 'id', msisdn: 'text?', shiftId: 'id?' },
  'sale.paid_cash': { saleId: 'id', receiptNumber: 'id', amountMinor: 'amount', currency: 'currency', tenderedMinor: 'count?', shiftId: 'id?', at: 'at' },
  'payment.created': { paymentId: 'id', saleId: 'id', receiptNumber: 'id', referenceId: 'id', attempt: 'count', amountMinor: 'amount', currency: 'currency', createdAt: 'at' },
  'payment.final': { paymentId: 'id', saleId: 'id', referenceId: 'id', status: 'final', amountMinor: 'amount', currency: 'currency', financialTransactionId: 'text?', reasonCode: 'text?', at: 'at' },
  'shift.opened': { shiftId: 'id', deviceId: 'id', openedAt: 'at', openedBy: 'text?', openingFloatMinor: 'count', currency: 'currency' },
  'shift.closed': { shiftId: 'id', closedAt: 'at', closedBy: 'text?', countedCashMinor: 'count?', currency: 'currency' },
  'cash.movement': { movementId: 'id', shiftId: 'id', kind: 'id', amountMinor: 'count', currency: 'currency', reason: 'text', by: 'text', at: 'at' },
  'refund.created': { refundId: 'id', saleId: 'id', amountMinor: 'amount', currency: 'currency', method: 'id', createdAt: 'at' },
  'refund.final': { refundId: 'id', saleId: 'id', status: 'final', amountMinor: 'amount', currency: 'currency', financialTransactionId: 'text?', at: 'at' },
  'till.z_report': { zReportId: 'id', deviceId: 'id', number: 'count', businessDay: 'day', closedAt: 'at', currency: 'currency', fromSeq: 'count', toSeq: 'count', salesMinor: 'count', refundsMinor: 'count' },
  'pin.refused': { action: 'id', who: 'id', name: 'text?', at: 'at' },
  'pin.changed': { action: 'id', who: 'id', name: 'text?', at: 'at' },
  'receipt.printed': { saleId: 'id', at: 'at' },
  'momo.balance': { shiftId: 'id', moment: 'id', at: 'at', availableMinor: 'count?', currency: 'currency?', problem: 'text?' },
  // Fiscal signing (EBM): the request with its invoice number, then its end (signed, duplicate or rejected; the signature's details ride as plain values).
  'fiscal.requested': { invoiceNo: 'count', label: 'id' },
  'fiscal.finished': { invoiceNo: 'count', label: 'id', status: 'id' },
};

/** Head office's bound on one amount: the most a till takes at once without its manager raising it (MTN's published limit or the till's safety cap, whichever is higher). */
export function currencyLimits(): Record<Currency, number> {
  const limits = { ...SAFETY_LIMIT_MINOR };
  for (const market of Object.values(MARKETS)) {
    const max = (market as { maxPaymentMinor?: number }).maxPaymentMinor;
    if (max !== undefined) limits[market.currency] = Math.max(limits[market.currency], max);
  }
  return limits;
}

/** A till's entries may be this far ahead of head office's clock. */
export const CLOCK_SKEW_MINUTES = 15;
export const MAX_ENTRY_BODY_BYTES = 8192;
export const MAX_BATCH_ENTRIES = 1000;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;
/** Entries above a gap kept waiting, per till. */
export const MAX_WAITING = 2000;
/** A till's pushes: a burst, then a steady rate (token buckets kept on its hq.tills row). */
export const BATCH_BURST = 2000;
export const BATCH_RATE_PER_SECOND = 5;
export const ENTRY_BURST = 100_000;
export const ENTRY_RATE_PER_SECOND = 50;

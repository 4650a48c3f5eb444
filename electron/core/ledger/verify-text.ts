/**
 * What `verifyLedger` says, as catalogue keys and params (shared/i18n), so
 * `pos verify` can say it in the shell's language while the English
 * `where`/`what`/`reason` fields stay as the open-time check, restore and the
 * support bundle read them.
 *
 * `VERIFY_TEXTS` lists every key verify can produce with the params it gives
 * it: `say` accepts exactly those, and a test holds the catalogue to them.
 * Data (hashes, table names, statuses, receipt numbers, ISO times) stays data
 * in the params; a param may itself be a text (a field's name, a duration,
 * "none"), said in the same language.
 */
import { translate, type Language, type MessageKey } from '../../../shared/i18n';

export const VERIFY_TEXTS = {
  // The entry at fault.
  'verify.entry.seq': ['seq'],
  'verify.entry.plain': ['seq', 'kind'],
  'verify.entry.receipt': ['seq', 'kind', 'receipt'],
  'verify.entry.reference': ['seq', 'kind', 'reference'],
  // What is wrong.
  'verify.problem.damaged': ['detail'],
  'verify.problem.missing': ['before', 'after'],
  'verify.problem.missingMany': ['first', 'last', 'before', 'after'],
  'verify.problem.notJson': [],
  'verify.problem.cannotHash': ['detail'],
  'verify.problem.hashMismatch': [],
  'verify.problem.notCanonical': [],
  'verify.problem.rewritten': ['next'],
  'verify.problem.linkBroken': [],
  'verify.problem.receiptGap': ['device', 'from', 'to'],
  'verify.problem.clockBack': ['at', 'duration', 'previous', 'previousAt'],
  'verify.problem.saleGone': ['table'],
  'verify.problem.paymentGone': ['table'],
  'verify.problem.shiftGone': ['table'],
  'verify.problem.movementGone': ['table'],
  'verify.problem.refundGone': ['table'],
  'verify.problem.zReportGone': ['table'],
  'verify.problem.counterDiffers': ['device', 'issued', 'journaled'],
  'verify.problem.noCounter': ['device', 'journaled'],
  'verify.problem.triggerMissing': ['trigger'],
  'verify.problem.rowDiffers': ['table', 'field', 'row', 'journaled'],
  'verify.problem.saleNotJournaled': ['receipt', 'id'],
  'verify.problem.cashNotJournaled': ['at'],
  'verify.problem.saleStatus': ['status', 'journaled'],
  'verify.problem.paymentNotJournaled': ['reference', 'id'],
  'verify.problem.paymentFinalNotJournaled': ['reference', 'status'],
  'verify.problem.shiftNotJournaled': ['id', 'at', 'by'],
  'verify.problem.shiftCloseNotJournaled': ['at'],
  'verify.problem.movementNotJournaled': ['id', 'kind', 'amount', 'currency'],
  'verify.problem.refundNotJournaled': ['id', 'amount', 'currency'],
  'verify.problem.refundFinalNotJournaled': ['id', 'status'],
  'verify.problem.paymentTrailEnd': ['name', 'status', 'table', 'last'],
  'verify.problem.refundTrailEnd': ['name', 'status', 'table', 'last'],
  'verify.problem.paymentTrailBroken': ['name', 'event', 'from', 'last'],
  'verify.problem.refundTrailBroken': ['name', 'event', 'from', 'last'],
  'verify.problem.zNotJournaled': ['number', 'id'],
  'verify.problem.zReportHash': ['number'],
  'verify.problem.zCoveredHash': ['number', 'to', 'hash', 'now'],
  'verify.problem.zNumberGap': ['device', 'from', 'to'],
  'verify.problem.zStart': ['number', 'from', 'previous'],
  'verify.problem.zGrandTotals': ['number', 'sales', 'refunds', 'expectedSales', 'expectedRefunds'],
  // Words inside a problem.
  'verify.none': [],
  'verify.journaled.paidTwice': [],
  'verify.journaled.paid': [],
  'verify.journaled.noPayment': [],
  'verify.duration.minutes': ['count'],
  'verify.duration.hours': ['count'],
  'verify.duration.days': ['count'],
  // The fields a row and its entry can disagree on.
  'verify.field.receiptNumber': [],
  'verify.field.amount': [],
  'verify.field.currency': [],
  'verify.field.device': [],
  'verify.field.receiptSeq': [],
  'verify.field.createdAt': [],
  'verify.field.businessDay': [],
  'verify.field.payerPhone': [],
  'verify.field.shift': [],
  'verify.field.method': [],
  'verify.field.cashPaidAt': [],
  'verify.field.cashTendered': [],
  'verify.field.cashDrawerShift': [],
  'verify.field.reference': [],
  'verify.field.sale': [],
  'verify.field.attempt': [],
  'verify.field.externalId': [],
  'verify.field.kind': [],
  'verify.field.validUntil': [],
  'verify.field.status': [],
  'verify.field.financialTransactionId': [],
  'verify.field.openingFloat': [],
  'verify.field.openedAt': [],
  'verify.field.openedBy': [],
  'verify.field.closedAt': [],
  'verify.field.closedBy': [],
  'verify.field.countedCash': [],
  'verify.field.reason': [],
  'verify.field.by': [],
  'verify.field.at': [],
  'verify.field.via': [],
  'verify.field.phone': [],
  'verify.field.number': [],
  'verify.field.fromSeq': [],
  'verify.field.toSeq': [],
  'verify.field.lastHash': [],
  'verify.field.sales': [],
  'verify.field.refunds': [],
  'verify.field.grandSales': [],
  'verify.field.grandRefunds': [],
  'verify.field.reportHash': [],
} as const satisfies { readonly [K in MessageKey]?: readonly string[] };

export type VerifyKey = keyof typeof VERIFY_TEXTS;
export type FieldKey = Extract<VerifyKey, `verify.field.${string}`>;
export type VerifyParam = string | number | VerifyText;

/** A sentence verify produced: its key and params, said in any language by `sayIn`. */
export interface VerifyText {
  readonly key: VerifyKey;
  readonly params: Readonly<Record<string, VerifyParam>>;
}

type ParamsOf<K extends VerifyKey> = { readonly [P in (typeof VERIFY_TEXTS)[K][number]]: VerifyParam };

/** A text with exactly the params its key takes (checked when compiled). */
export function say<K extends VerifyKey>(key: K, params: ParamsOf<K>): VerifyText {
  return { key, params };
}

/** The text in a language; a param that is a text is said in the same language first. */
export function sayIn(language: Language, text: VerifyText): string {
  const params = Object.fromEntries(Object.entries(text.params).map(([name, value]) => [name, typeof value === 'object' ? sayIn(language, value) : value]));
  return translate(language, text.key, params);
}

/** The entry at fault: "journal #17 (sale.created for receipt POS1-000017)". */
export function entryText(row: { seq: number; kind: string }, body: Record<string, unknown> | undefined): VerifyText {
  if (typeof body?.receiptNumber === 'string') return say('verify.entry.receipt', { seq: row.seq, kind: row.kind, receipt: body.receiptNumber });
  if (typeof body?.referenceId === 'string') return say('verify.entry.reference', { seq: row.seq, kind: row.kind, reference: body.referenceId });
  return say('verify.entry.plain', { seq: row.seq, kind: row.kind });
}

/** A value as a problem shows it: a missing one is the word "none". */
export function shown(value: unknown): VerifyParam {
  return value === null || value === undefined ? say('verify.none', {}) : typeof value === 'string' ? value : String(value);
}

/** How far the clock went back, in minutes, hours or days (the unit that reads best). */
export function durationText(ms: number): VerifyText {
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 2 * 24 * 60) return say('verify.duration.days', { count: Math.round(minutes / (24 * 60)) });
  if (minutes >= 120) return say('verify.duration.hours', { count: Math.round(minutes / 60) });
  return say('verify.duration.minutes', { count: minutes });
}

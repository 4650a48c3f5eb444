/**
 * Fiscal receipts: the one signing request a fiscal event (a sale, a refund,
 * a copy) gets. The row, with its invoice number and the event it sends, is
 * written and journaled before the request leaves; a row still pending at
 * start-up is sent again with the same number, so a lost answer comes back as
 * the device's "duplicate" instead of a second signed receipt.
 */
import type { LedgerContext } from './context';
import { appendJournal } from './journal';
import { statement } from './statements';
import { ValidationError } from '../../../shared/errors';
import * as v from './validation';

export const FISCAL_LABELS = ['NS', 'NR', 'CS', 'CR', 'TS', 'TR', 'PS'] as const;
export type FiscalReceiptLabel = (typeof FISCAL_LABELS)[number];
export type FiscalReceiptStatus = 'pending' | 'signed' | 'duplicate' | 'rejected';

export interface FiscalReceiptRecord {
  eventKey: string;
  invoiceNo: number;
  label: FiscalReceiptLabel;
  /** The event as sent, JSON without its invoice number (rebuilt into the same request on a resend). */
  event: string;
  status: FiscalReceiptStatus;
  receiptNo?: number;
  totalReceiptNo?: number;
  internalData?: string;
  signature?: string;
  sdcDateTime?: string;
  sdcId?: string;
  mrcNo?: string;
  errorCode?: string;
  error?: string;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  event_key: string;
  invoice_no: number;
  label: FiscalReceiptLabel;
  event: string;
  status: FiscalReceiptStatus;
  receipt_no: number | null;
  total_receipt_no: number | null;
  internal_data: string | null;
  signature: string | null;
  sdc_date_time: string | null;
  sdc_id: string | null;
  mrc_no: string | null;
  error_code: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

const toRecord = (row: Row): FiscalReceiptRecord => {
  const out: FiscalReceiptRecord = {
    eventKey: row.event_key,
    invoiceNo: row.invoice_no,
    label: row.label,
    event: row.event,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.receipt_no !== null) out.receiptNo = row.receipt_no;
  if (row.total_receipt_no !== null) out.totalReceiptNo = row.total_receipt_no;
  if (row.internal_data !== null) out.internalData = row.internal_data;
  if (row.signature !== null) out.signature = row.signature;
  if (row.sdc_date_time !== null) out.sdcDateTime = row.sdc_date_time;
  if (row.sdc_id !== null) out.sdcId = row.sdc_id;
  if (row.mrc_no !== null) out.mrcNo = row.mrc_no;
  if (row.error_code !== null) out.errorCode = row.error_code;
  if (row.error !== null) out.error = row.error;
  return out;
};
export { toRecord as toFiscalReceiptRecord, type Row as FiscalReceiptRow };

export type FiscalFinish =
  | {
      status: 'signed';
      receiptNo: number;
      totalReceiptNo: number;
      internalData: string;
      signature: string;
      sdcDateTime: string;
      sdcId: string;
      mrcNo: string | null;
    }
  | { status: 'duplicate'; error?: string }
  | { status: 'rejected'; errorCode: string; error?: string };

const posInt = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new ValidationError(field, 'error.ledger.mustPositiveWholeNumber', { field });
  return value;
};

export function createFiscalReceiptsRepository(ctx: LedgerContext) {
  const { db } = ctx;
  const byKey = (key: string) => statement(db, 'SELECT * FROM fiscal_receipts WHERE event_key = ?').get(key) as Row | undefined;
  const nextInvoiceNo = (floor: number): number => {
    const max = (statement(db, 'SELECT max(invoice_no) AS m FROM fiscal_receipts').get() as { m: number | null }).m ?? 0;
    return Math.max(max, floor) + 1;
  };
  return {
    /**
     * Claims the event's one signing: allocates the next invoice number (above
     * `lastInvoiceNo`, the device's counter at initialisation), writes the row
     * pending and journals it, in one transaction. An event claimed before
     * returns its existing row unchanged.
     */
    claimFiscalReceipt(input: { eventKey: string; label: FiscalReceiptLabel; event: string; lastInvoiceNo?: number }): FiscalReceiptRecord {
      const eventKey = v.requiredText(input.eventKey, 'eventKey', 200);
      const label = v.oneOf(input.label, FISCAL_LABELS, 'label');
      const floor = input.lastInvoiceNo ?? 0;
      if (!Number.isSafeInteger(floor) || floor < 0) throw new ValidationError('lastInvoiceNo', 'error.ledger.lastInvoiceNoMustWholeNumber');
      return ctx.write(() => {
        const existing = byKey(eventKey);
        if (existing) return toRecord(existing);
        const invoiceNo = nextInvoiceNo(floor);
        const event = v.requiredText(input.event, 'event', 100_000);
        const at = ctx.now().toISOString();
        statement(db, `INSERT INTO fiscal_receipts (event_key, invoice_no, label, event, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)`).run(eventKey, invoiceNo, label, event, at, at);
        // Subject "<event>/<invoiceNo>": one entry per number the event was sent with.
        appendJournal(db, { at, kind: 'fiscal.requested', subjectId: `${eventKey}/${invoiceNo}`, body: { invoiceNo, label } });
        return toRecord(byKey(eventKey)!);
      });
    },

    /** The device said the number is another sale's: the pending row takes the next free number (journaled). */
    renumberFiscalReceipt(eventKey: string): FiscalReceiptRecord {
      const key = v.requiredText(eventKey, 'eventKey', 200);
      return ctx.write(() => {
        const row = byKey(key);
        if (!row || row.status !== 'pending') throw new ValidationError('eventKey', 'error.ledger.noPendingSigningEvent');
        const invoiceNo = nextInvoiceNo(0);
        const at = ctx.now().toISOString();
        statement(db, `UPDATE fiscal_receipts SET invoice_no = ?, updated_at = ? WHERE event_key = ? AND status = 'pending'`).run(invoiceNo, at, key);
        appendJournal(db, { at, kind: 'fiscal.requested', subjectId: `${key}/${invoiceNo}`, body: { invoiceNo, label: row.label, replaces: row.invoice_no } });
        return toRecord(byKey(key)!);
      });
    },

    /** Records the device's answer once; a row already finished stays as it is (returns false). */
    finishFiscalReceipt(eventKey: string, finish: FiscalFinish): boolean {
      const key = v.requiredText(eventKey, 'eventKey', 200);
      return ctx.write(() => {
        const row = byKey(key);
        if (!row || row.status !== 'pending') return false;
        const at = ctx.now().toISOString();
        if (finish.status === 'signed') {
          const receiptNo = posInt(finish.receiptNo, 'receiptNo');
          const totalReceiptNo = posInt(finish.totalReceiptNo, 'totalReceiptNo');
          const internalData = v.requiredText(finish.internalData, 'internalData', 64);
          const signature = v.requiredText(finish.signature, 'signature', 64);
          const sdcDateTime = v.requiredText(finish.sdcDateTime, 'sdcDateTime', 14);
          const sdcId = v.requiredText(finish.sdcId, 'sdcId', 40);
          const mrcNo = finish.mrcNo === null ? null : v.requiredText(finish.mrcNo, 'mrcNo', 40);
          statement(db, `UPDATE fiscal_receipts SET status = 'signed', receipt_no = ?, total_receipt_no = ?, internal_data = ?, signature = ?, sdc_date_time = ?, sdc_id = ?, mrc_no = ?, updated_at = ? WHERE event_key = ?`)
            .run(receiptNo, totalReceiptNo, internalData, signature, sdcDateTime, sdcId, mrcNo, at, key);
          appendJournal(db, {
            at,
            kind: 'fiscal.finished',
            subjectId: key,
            body: { invoiceNo: row.invoice_no, label: row.label, status: 'signed', receiptNo, totalReceiptNo, internalData, signature, sdcDateTime, sdcId, mrcNo },
          });
        } else {
          const errorCode = finish.status === 'rejected' ? v.requiredText(finish.errorCode, 'errorCode', 20) : null;
          const error = v.externalText(finish.error, 'error', 400) ?? null;
          statement(db, `UPDATE fiscal_receipts SET status = ?, error_code = ?, error = ?, updated_at = ? WHERE event_key = ?`).run(finish.status, errorCode, error, at, key);
          appendJournal(db, { at, kind: 'fiscal.finished', subjectId: key, body: { invoiceNo: row.invoice_no, label: row.label, status: finish.status, errorCode, error } });
        }
        return true;
      });
    },

    getFiscalReceipt(eventKey: string): FiscalReceiptRecord | undefined {
      const row = byKey(v.requiredText(eventKey, 'eventKey', 200));
      return row && toRecord(row);
    },

    /** Signings not yet answered, oldest first: sent again at start-up and when the device is back. */
    pendingFiscalReceipts(): FiscalReceiptRecord[] {
      return (statement(db, `SELECT * FROM fiscal_receipts WHERE status = 'pending' ORDER BY created_at, invoice_no`).all() as Row[]).map(toRecord);
    },

    /** Receipts per label and status (Z report); `range` (ISO times, from inclusive, to exclusive) narrows it to receipts claimed then. */
    fiscalCounts(range?: { from: string; to: string }): Array<{ label: FiscalReceiptLabel; status: FiscalReceiptStatus; count: number }> {
      const rows = range
        ? statement(db, 'SELECT label, status, count(*) AS count FROM fiscal_receipts WHERE created_at >= ? AND created_at < ? GROUP BY label, status ORDER BY label, status').all(range.from, range.to)
        : statement(db, 'SELECT label, status, count(*) AS count FROM fiscal_receipts GROUP BY label, status ORDER BY label, status').all();
      return rows as Array<{ label: FiscalReceiptLabel; status: FiscalReceiptStatus; count: number }>;
    },

    /**
     * What should carry a fiscal receipt and has none yet, oldest first: sales
     * created since `since` that are paid (MoMo) or taken (cash), and refunds
     * created since then that succeeded.
     */
    unsignedFiscalEvents(sinceInput: string): { saleIds: string[]; refundIds: string[] } {
      const since = v.isoDate(sinceInput, 'since');
      const saleIds = (statement(db, `SELECT s.id FROM sales s WHERE s.created_at >= ? AND s.status IN ('paid', 'paid_twice')
          AND NOT EXISTS (SELECT 1 FROM fiscal_receipts f WHERE f.event_key = 'sale:' || s.id) ORDER BY s.created_at, s.receipt_seq`).all(since) as { id: string }[]).map((row) => row.id);
      const refundIds = (statement(db, `SELECT r.id FROM refunds r WHERE r.created_at >= ? AND r.status = 'successful'
          AND NOT EXISTS (SELECT 1 FROM fiscal_receipts f WHERE f.event_key = 'refund:' || r.id) ORDER BY r.updated_at, r.id`).all(since) as { id: string }[]).map((row) => row.id);
      return { saleIds, refundIds };
    },
  };
}

export type FiscalReceiptsRepository = ReturnType<typeof createFiscalReceiptsRepository>;

/**
 * Fiscal receipts as a stretch of the journal sees them (X, Z and day
 * reports): the signings answered in the range (`fiscal.finished` entries),
 * and the ones still waiting for the device at the range's end — requested
 * at or before it, not answered by then. Exact for past ranges too: a
 * receipt answered after the range counts as waiting in it.
 */
import type Database from 'better-sqlite3';
import { toFiscalReceiptRecord, type FiscalReceiptRecord, type FiscalReceiptRow } from './fiscal-receipts';
import { statement } from './statements';

export interface FiscalActivity {
  /** False until this ledger holds a fiscal receipt (the shop does not use a fiscal device yet). */
  inUse: boolean;
  /** Receipts answered in the range (signed, duplicate or rejected), by event key. */
  finished: Record<string, FiscalReceiptRecord>;
  /** Receipts waiting for a signature at the range's end, oldest first. */
  waiting: FiscalReceiptRecord[];
}

export function readFiscalActivity(db: Database.Database, finishedKeys: readonly string[], uptoSeq: number): FiscalActivity {
  const inUse = statement(db, 'SELECT 1 FROM fiscal_receipts LIMIT 1').get() !== undefined;
  if (!inUse) return { inUse, finished: {}, waiting: [] };
  const finishedRows = statement(db, 'SELECT * FROM fiscal_receipts WHERE event_key IN (SELECT value FROM json_each(?))').all(JSON.stringify(finishedKeys)) as FiscalReceiptRow[];
  // Waiting at uptoSeq: pending now, or answered after uptoSeq; and first requested at or before it.
  // A request's subject is "<eventKey>/<invoiceNo>": the keys between "<eventKey>/" and "<eventKey>0" ('0' follows '/').
  const waitingRows = statement(
    db,
    `SELECT r.* FROM fiscal_receipts r
      WHERE (r.status = 'pending' OR r.event_key IN (SELECT subject_id FROM journal WHERE seq > ? AND kind = 'fiscal.finished'))
        AND (SELECT min(seq) FROM journal WHERE kind = 'fiscal.requested' AND subject_id >= r.event_key || '/' AND subject_id < r.event_key || '0') <= ?
      ORDER BY r.created_at, r.invoice_no`,
  ).all(uptoSeq, uptoSeq) as FiscalReceiptRow[];
  return {
    inUse,
    finished: Object.fromEntries(finishedRows.map((row) => [row.event_key, toFiscalReceiptRecord(row)])),
    waiting: waitingRows.map(toFiscalReceiptRecord),
  };
}

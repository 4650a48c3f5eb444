/**
 * A stretch of the journal and the rows its entries name: what the till's
 * X, Z and day reports add up. Every money fact is a journal entry, so a
 * range of entries is a range of facts, with nothing counted twice.
 */
import type Database from 'better-sqlite3';
import { ValidationError } from '../../../shared/errors';
import { toCashMovement, toPayment, toRefund, toSale, toShift, type CashMovementRow, type PaymentRow, type RefundRow, type SaleRow, type ShiftRow } from './rows';
import { statement } from './statements';
import type { CashMovement, Payment, Refund, Sale, Shift } from './types';
import * as v from './validation';

export interface ActivityFact {
  seq: number;
  at: string;
  kind: string;
  subjectId: string;
}

export interface Activity {
  /** Entries after this seq… */
  afterSeq: number;
  /** …up to and including this one. */
  uptoSeq: number;
  /** Hash of entry uptoSeq (absent when the range is the empty start of the journal). */
  lastHash?: string;
  facts: ActivityFact[];
  sales: Record<string, Sale>;
  payments: Record<string, Payment>;
  refunds: Record<string, Refund>;
  cashMovements: Record<string, CashMovement>;
  shifts: Record<string, Shift>;
}

/** Journal entries by seq (afterSeq < seq <= uptoSeq, default: to the end) or by time (fromAt <= at < toAt). */
export type ActivityQuery = { afterSeq?: number; uptoSeq?: number } | { fromAt: string; toAt: string };

const ids = (facts: ActivityFact[], kinds: string[]) => JSON.stringify([...new Set(facts.filter((f) => kinds.includes(f.kind)).map((f) => f.subjectId))]);

export function readActivity(db: Database.Database, query: ActivityQuery): Activity {
  const q = v.object(query, 'query');
  const seqOf = (value: unknown, field: string) => {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new ValidationError(field, 'error.ledger.journalPositionWholeNumber');
    return value;
  };
  if (!('fromAt' in q)) {
    seqOf(q.afterSeq, 'afterSeq');
    seqOf(q.uptoSeq, 'uptoSeq');
  }
  const read = db.transaction(() => {
    let facts: ActivityFact[];
    let afterSeq: number;
    let uptoSeq: number;
    if ('fromAt' in query) {
      const fromAt = v.isoDate(query.fromAt, 'fromAt');
      const toAt = v.isoDate(query.toAt, 'toAt');
      facts = statement(db, 'SELECT seq, at, kind, subject_id AS subjectId FROM journal WHERE at >= ? AND at < ? ORDER BY seq').all(fromAt, toAt) as ActivityFact[];
      afterSeq = facts.length ? facts[0]!.seq - 1 : 0;
      uptoSeq = facts.length ? facts.at(-1)!.seq : 0;
    } else {
      afterSeq = query.afterSeq ?? 0;
      const head = (statement(db, 'SELECT max(seq) AS seq FROM journal').get() as { seq: number | null }).seq ?? 0;
      uptoSeq = query.uptoSeq ?? head;
      facts = statement(db, 'SELECT seq, at, kind, subject_id AS subjectId FROM journal WHERE seq > ? AND seq <= ? ORDER BY seq').all(afterSeq, uptoSeq) as ActivityFact[];
    }
    const lastHash = (statement(db, 'SELECT hash FROM journal WHERE seq = ?').get(uptoSeq) as { hash: string } | undefined)?.hash;

    const paymentRows = statement(db, 'SELECT * FROM payments WHERE id IN (SELECT value FROM json_each(?))').all(ids(facts, ['payment.created', 'payment.final'])) as PaymentRow[];
    const refundRows = statement(db, 'SELECT * FROM refunds WHERE id IN (SELECT value FROM json_each(?))').all(ids(facts, ['refund.created', 'refund.final'])) as RefundRow[];
    const saleIds = new Set(facts.filter((f) => f.kind === 'sale.created' || f.kind === 'sale.paid_cash').map((f) => f.subjectId));
    for (const row of paymentRows) saleIds.add(row.sale_id);
    for (const row of refundRows) saleIds.add(row.sale_id);
    const saleRows = statement(db, 'SELECT * FROM sales WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify([...saleIds])) as SaleRow[];
    const movementRows = statement(db, 'SELECT * FROM cash_movements WHERE id IN (SELECT value FROM json_each(?))').all(ids(facts, ['cash.movement'])) as CashMovementRow[];
    const shiftRows = statement(db, 'SELECT * FROM shifts WHERE id IN (SELECT value FROM json_each(?))').all(ids(facts, ['shift.opened', 'shift.closed'])) as ShiftRow[];

    const byId = <R extends { id: string }, T>(rows: R[], to: (row: R) => T): Record<string, T> => Object.fromEntries(rows.map((row) => [row.id, to(row)]));
    const activity: Activity = {
      afterSeq,
      uptoSeq,
      facts,
      sales: byId(saleRows, toSale),
      payments: byId(paymentRows, toPayment),
      refunds: byId(refundRows, toRefund),
      cashMovements: byId(movementRows, toCashMovement),
      shifts: byId(shiftRows, toShift),
    };
    if (lastHash) activity.lastHash = lastHash;
    return activity;
  });
  // One snapshot even while another connection writes.
  return read.deferred();
}

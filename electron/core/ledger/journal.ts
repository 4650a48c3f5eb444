/**
 * The journal: every money fact appended, each entry's hash covering the
 * previous one, so editing, deleting or slipping in an entry breaks the chain.
 * hash = sha256(prev_hash || canonical JSON of {seq, at, kind, subjectId, body}).
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson } from './canonical-json';
import { statement } from './statements';

export const GENESIS_HASH = '0'.repeat(64);

export const JOURNAL_KINDS = [
  'sale.created',
  'sale.paid_cash',
  'payment.created',
  'payment.final',
  'shift.opened',
  'shift.closed',
  'cash.movement',
  'refund.created',
  'refund.final',
  'till.z_report',
  'pin.refused',
  'pin.changed',
  'receipt.printed',
  'momo.balance',
  'fiscal.requested',
  'fiscal.finished',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export type JournalBody = Record<string, string | number | boolean | null>;

export interface JournalEntry {
  seq: number;
  at: string;
  kind: string;
  subjectId: string;
  body: JournalBody;
  prevHash: string;
  hash: string;
}

export interface JournalRow {
  seq: number;
  at: string;
  kind: string;
  subject_id: string;
  body: string;
  prev_hash: string;
  hash: string;
}

export function entryHash(prevHash: string, entry: { seq: number; at: string; kind: string; subjectId: string; body: unknown }): string {
  const canonical = canonicalJson({ seq: entry.seq, at: entry.at, kind: entry.kind, subjectId: entry.subjectId, body: entry.body });
  return createHash('sha256').update(prevHash + canonical, 'utf8').digest('hex');
}

/** Appends one fact. Call inside the write transaction that records the fact itself. */
export function appendJournal(db: Database.Database, fact: { at: string; kind: JournalKind; subjectId: string; body: JournalBody }): JournalEntry {
  if (!db.inTransaction) throw new Error('appendJournal must run inside the transaction that records the fact');
  const last = statement(db, 'SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const body = canonicalJson(fact.body);
  const hash = entryHash(prevHash, { seq, at: fact.at, kind: fact.kind, subjectId: fact.subjectId, body: fact.body });
  statement(db, 'INSERT INTO journal (seq, at, kind, subject_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    seq,
    fact.at,
    fact.kind,
    fact.subjectId,
    body,
    prevHash,
    hash,
  );
  return { seq, at: fact.at, kind: fact.kind, subjectId: fact.subjectId, body: fact.body, prevHash, hash };
}

export function journalEntries(db: Database.Database, q: { afterSeq?: number; limit?: number } = {}): JournalEntry[] {
  const rows = statement(db, 'SELECT * FROM journal WHERE seq > ? ORDER BY seq LIMIT ?')
    .all(q.afterSeq ?? 0, q.limit ?? 1000) as JournalRow[];
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    kind: row.kind,
    subjectId: row.subject_id,
    body: JSON.parse(row.body) as JournalBody,
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}

/** Describes an entry for people: "journal #17 (sale.created for receipt POS1-000017)". */
export function describeEntry(row: { seq: number; kind: string }, body: Record<string, unknown> | undefined): string {
  const receipt = typeof body?.receiptNumber === 'string' ? ` for receipt ${body.receiptNumber}` : '';
  const reference = !receipt && typeof body?.referenceId === 'string' ? ` for reference ${body.referenceId}` : '';
  return `journal #${row.seq} (${row.kind}${receipt}${reference})`;
}

/**
 * The journal: every money fact appended, each entry's hash covering the
 * previous one, so editing, deleting or slipping in an entry breaks the chain.
 * hash = sha256(prev_hash || canonical JSON of {seq, at, kind, subjectId, body}).
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { PosError } from '../../../shared/errors';
import { canonicalJson } from './canonical-json';
import { statement } from './statements';

export const GENESIS_HASH = '0'.repeat(64);

/** Where a ledger made since head-office schema 2 keeps its chain's start (a setting the ledger writes once, at creation). */
export const CHAIN_GENESIS_KEY = 'ledger.chainGenesis';

/** The chain's start for a device: its first entry links to this, so the device id is inside every hash (head office recomputes it). */
export function deviceGenesisHash(deviceId: string): string {
  return createHash('sha256').update(`momo-pos chain of device ${deviceId}`, 'utf8').digest('hex');
}

/** What the first entry links to: the device's genesis for a ledger created with one, 64 zeros for older ledgers. */
export function chainGenesis(db: Database.Database): string {
  const row = statement(db, 'SELECT value FROM settings WHERE key = ?').get(CHAIN_GENESIS_KEY) as { value: string } | undefined;
  const value = row ? (JSON.parse(row.value) as unknown) : undefined;
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value) ? value : GENESIS_HASH;
}

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
  /** The body exactly as stored: its canonical JSON text, the text the hash covers (sent to head office as is). */
  bodyText: string;
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

/**
 * How far an entry's time may fall behind the entry before it: two clocks
 * that disagree a little (a sync nudging the clock back) are normal; a day
 * back is a wrong date, and a closed day's report must never change.
 */
export const CLOCK_SKEW_MS = 2 * 60_000;

export function clockBehindError(at: string, lastAt: string): PosError {
  return new PosError(
    'CLOCK_BEHIND',
    'error.ledger.computerSClockSays', { at, lastAt },
  );
}

function refuseClockBehind(at: string, lastAt: string): void {
  const now = Date.parse(at);
  const last = Date.parse(lastAt);
  if (Number.isFinite(now) && Number.isFinite(last) && now < last - CLOCK_SKEW_MS) throw clockBehindError(at, lastAt);
}

/** A clock this far past everything the ledger knows is shown as a warning before the first sale. */
export const CLOCK_AHEAD_WARN_MS = 7 * 86_400_000;

/**
 * The computer's clock far ahead of the ledger's last entry and of head
 * office's last acknowledgement (its own clock), when known: a date set years
 * ahead would stamp sales with it, and every entry after the date is fixed
 * would then look like a clock going back. Undefined when it looks right.
 */
export function clockFarAhead(db: Database.Database, now: Date): { at: string; lastAt: string; days: number } | undefined {
  // Newest first. The app writes in the background too (payment checks at start-up): under a clock far ahead the
  // last entry soon carries that date. A forward jump among the latest entries, within a day of the last one,
  // keeps the time before the jump as the reference, so the warning stays until someone looks.
  const recent = statement(db, 'SELECT at FROM journal ORDER BY seq DESC LIMIT 200').all() as { at: string }[];
  const last = recent[0];
  if (!last) return undefined;
  let reference = Date.parse(last.at);
  let lastAt = last.at;
  for (let i = 0; i + 1 < recent.length; i++) {
    const after = Date.parse(recent[i]!.at);
    const before = Date.parse(recent[i + 1]!.at);
    if (reference - after > 86_400_000) break;
    if (after - before > CLOCK_AHEAD_WARN_MS) {
      reference = before;
      lastAt = recent[i + 1]!.at;
      break;
    }
  }
  const hasAcks = statement(db, `SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'headoffice_acks'`).get();
  const ack = hasAcks ? (statement(db, 'SELECT received_at FROM headoffice_acks ORDER BY seq DESC LIMIT 1').get() as { received_at: string } | undefined) : undefined;
  if (ack && Date.parse(ack.received_at) > reference) {
    reference = Date.parse(ack.received_at);
    lastAt = ack.received_at;
  }
  const ahead = now.getTime() - reference;
  if (!Number.isFinite(ahead) || ahead <= CLOCK_AHEAD_WARN_MS) return undefined;
  return { at: now.toISOString(), lastAt, days: Math.floor(ahead / 86_400_000) };
}

/** Appends one fact. Call inside the write transaction that records the fact itself. */
export function appendJournal(db: Database.Database, fact: { at: string; kind: JournalKind; subjectId: string; body: JournalBody }): JournalEntry {
  if (!db.inTransaction) throw new Error('appendJournal must run inside the transaction that records the fact');
  const last = statement(db, 'SELECT seq, at, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; at: string; hash: string } | undefined;
  if (last) refuseClockBehind(fact.at, last.at);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? chainGenesis(db);
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
  return { seq, at: fact.at, kind: fact.kind, subjectId: fact.subjectId, body: fact.body, bodyText: body, prevHash, hash };
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
    bodyText: row.body,
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}

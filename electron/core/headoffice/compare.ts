/**
 * `pos verify --hq`: this ledger's chain against head office's copy. Head
 * office checked every link when it took the entries in, so one hash equal at
 * its head seq N means entries 1…N are the same on both sides.
 */
import type Database from 'better-sqlite3';
import { noticeOf, type ErrorKey, type ErrorParams, type Notice } from '../../../shared/errors';
import { connectHeadOffice, headOfficeProblem } from './connection';
import { ingest } from './push';

/** The verdict and its sentence (key and facts; `message` is the English, for logs). */
export interface HeadOfficeComparison extends Notice {
  status: 'same' | 'differs' | 'behind' | 'fork' | 'unreachable';
}

const verdict = (status: HeadOfficeComparison['status'], key: ErrorKey, params: ErrorParams = {}): HeadOfficeComparison => ({ status, ...noticeOf(key, params) });

function setting(db: Database.Database, key: string): unknown {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

export async function compareWithHeadOffice(db: Database.Database, url: string): Promise<HeadOfficeComparison> {
  if (setting(db, 'ledger.kind') === 'training') return verdict('same', 'error.headoffice.compare.training');
  const deviceId = setting(db, 'ledger.deviceId');
  if (typeof deviceId !== 'string') return verdict('differs', 'error.headoffice.compare.noDevice');
  let answer;
  try {
    const client = await connectHeadOffice(url);
    try {
      answer = await ingest(client, deviceId, []);
    } finally {
      await client.end().catch(() => {});
    }
  } catch (error) {
    return { status: 'unreachable', ...headOfficeProblem(error, url) };
  }
  const localHead = (db.prepare('SELECT max(seq) AS seq FROM journal').get() as { seq: number | null }).seq ?? 0;
  if (answer.status === 'fork') return verdict('fork', 'error.headoffice.compare.fork', { seq: answer.forkSeq ?? answer.headSeq });
  if (answer.headSeq === 0) return verdict('same', 'error.headoffice.compare.nothingHeld', { device: deviceId, count: localHead });
  const local = db.prepare('SELECT hash FROM journal WHERE seq = ?').get(answer.headSeq) as { hash: string } | undefined;
  if (!local) return verdict('behind', 'error.headoffice.compare.behind', { seq: answer.headSeq, local: localHead });
  if (local.hash !== answer.headHash) {
    return verdict('differs', 'error.headoffice.compare.differs', { seq: answer.headSeq, theirs: answer.headHash.slice(0, 12), ours: local.hash.slice(0, 12) });
  }
  const unsent = localHead - answer.headSeq;
  const facts = { seq: answer.headSeq, hash: answer.headHash.slice(0, 12), received: answer.receivedAt ?? '—' };
  return unsent > 0 ? verdict('same', 'error.headoffice.compare.sameUnsent', { ...facts, count: unsent }) : verdict('same', 'error.headoffice.compare.same', facts);
}

/**
 * `pos verify --hq`: this ledger's chain against head office's copy. Head
 * office checked every link when it took the entries in, so one hash equal at
 * its head seq N means entries 1…N are the same on both sides.
 */
import type Database from 'better-sqlite3';
import { connectHeadOffice, headOfficeProblem } from './connection';
import { ingest } from './push';

export interface HeadOfficeComparison {
  status: 'same' | 'differs' | 'behind' | 'fork' | 'unreachable';
  message: string;
}

function setting(db: Database.Database, key: string): unknown {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

export async function compareWithHeadOffice(db: Database.Database, url: string): Promise<HeadOfficeComparison> {
  if (setting(db, 'ledger.kind') === 'training') return { status: 'same', message: 'Training ledgers never go to head office: nothing to compare.' };
  const deviceId = setting(db, 'ledger.deviceId');
  if (typeof deviceId !== 'string') return { status: 'differs', message: 'This ledger has no device id, so head office cannot know it.' };
  let answer;
  try {
    const client = await connectHeadOffice(url);
    try {
      answer = await ingest(client, deviceId, []);
    } finally {
      await client.end().catch(() => {});
    }
  } catch (error) {
    return { status: 'unreachable', message: headOfficeProblem(error, url) };
  }
  const localHead = (db.prepare('SELECT max(seq) AS seq FROM journal').get() as { seq: number | null }).seq ?? 0;
  if (answer.status === 'fork') {
    return { status: 'fork', message: `Head office found a fork at journal seq ${answer.forkSeq ?? answer.headSeq}: its copy and this ledger part there.` };
  }
  if (answer.headSeq === 0) return { status: 'same', message: `Head office holds nothing of till ${deviceId} yet; ${localHead} entries wait to be pushed.` };
  const local = db.prepare('SELECT hash FROM journal WHERE seq = ?').get(answer.headSeq) as { hash: string } | undefined;
  if (!local) {
    return { status: 'behind', message: `Head office holds this till's journal up to seq ${answer.headSeq}, but this ledger ends at ${localHead}: it is an older copy.` };
  }
  if (local.hash !== answer.headHash) {
    return { status: 'differs', message: `This ledger differs from head office's copy at or before seq ${answer.headSeq} (head office: ${answer.headHash.slice(0, 12)}, here: ${local.hash.slice(0, 12)}): it was rewritten after head office received it.` };
  }
  const unsent = localHead - answer.headSeq;
  return {
    status: 'same',
    message: `Head office's copy matches: seq 1–${answer.headSeq} with the same hash ${answer.headHash.slice(0, 12)} (received ${answer.receivedAt ?? 'earlier'})${unsent > 0 ? `; ${unsent} newer entries not pushed yet` : ''}.`,
  };
}

/**
 * The till's side: push the live journal to head office, in order, in
 * batches above the last acknowledged seq, and keep head office's
 * acknowledgement in the ledger (the outside anchor). A resend adds nothing
 * (head office keys on (till, seq)); a cut mid-batch rolls that batch back
 * and the next push starts again from the last acknowledgement.
 */
import type pg from 'pg';
import { z } from 'zod';
import { businessDayOf, type JournalEntry, type Ledger } from '../ledger';
import { connectHeadOffice, headOfficeProblem, type ConnectOptions } from './connection';

export const DEFAULT_BATCH_SIZE = 1000;

const answerSchema = z.object({
  status: z.enum(['ok', 'gap', 'fork', 'refused']),
  tillName: z.string(),
  headSeq: z.coerce.number().int().min(0),
  headHash: z.string(),
  receivedAt: z.string().nullable(),
  forkSeq: z.coerce.number().int().nullable(),
  waiting: z.coerce.number().int(),
  accepted: z.coerce.number().int(),
  expectedSeq: z.coerce.number().int().optional(),
  refusedSeq: z.coerce.number().int().optional(),
  reason: z.string().optional(),
  detail: z.string().nullable().optional(),
});
export type IngestAnswer = z.infer<typeof answerSchema>;

export interface WireEntry {
  seq: number;
  at: string;
  kind: string;
  subjectId: string;
  /** The canonical text the hash covers. */
  body: string;
  prevHash: string;
  hash: string;
  /** Labels for head office's day and hour totals (the till's business day and local hour): outside the hash. */
  day: string;
  hour: number;
}

export function toWire(entry: JournalEntry, dayStartsAtHour: number): WireEntry {
  const moment = new Date(entry.at);
  return {
    seq: entry.seq,
    at: entry.at,
    kind: entry.kind,
    subjectId: entry.subjectId,
    // The text as the ledger stored it, never re-serialised: head office checks the hash on exactly these bytes.
    body: entry.bodyText,
    prevHash: entry.prevHash,
    hash: entry.hash,
    day: businessDayOf(moment, dayStartsAtHour),
    hour: moment.getHours(),
  };
}

/** One call of hq.ingest: one batch, one transaction at head office. */
export async function ingest(client: pg.Client, deviceId: string, entries: readonly WireEntry[]): Promise<IngestAnswer> {
  const result = await client.query<{ answer: unknown }>('SELECT hq.ingest($1, $2::jsonb) AS answer', [deviceId, JSON.stringify(entries)]);
  return answerSchema.parse(result.rows[0]?.answer);
}

export type PushStatus = 'ok' | 'fork' | 'refused' | 'behind' | 'training' | 'unreachable';

export interface PushOutcome {
  status: PushStatus;
  /** Entries sent in this push (resends included). */
  sent: number;
  /** Head office's latest acknowledgement as kept in the ledger. */
  ack?: { seq: number; hash: string; receivedAt: string };
  /** Local entries head office does not hold yet. */
  waiting: number;
  /** The seq in question for fork / refused / behind. */
  seq?: number;
  /** One sentence for people: what happened and what to do. */
  message: string;
}

export interface PushOptions extends ConnectOptions {
  batchSize?: number;
  /** Stops between batches when it turns true (the app closing). */
  stopped?: () => boolean;
}

function dayStartsAtHour(ledger: Ledger): number {
  const value = ledger.getSetting<number>('dayStartsAtHour');
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 24 ? value : 0;
}

function forkMessage(seq: number): string {
  return `Head office found a fork at journal seq ${seq}: it already holds a different entry there, so this ledger was put back to an older copy or rewritten. Pushes stop until a manager looks into it.`;
}

function localEntry(ledger: Ledger, seq: number): JournalEntry | undefined {
  const [entry] = ledger.journal({ afterSeq: seq - 1, limit: 1 });
  return entry?.seq === seq ? entry : undefined;
}

/** Sends everything head office does not hold yet; resolves with what happened, never throws for head office's sake. */
export async function pushJournal(ledger: Ledger, url: string, options: PushOptions = {}): Promise<PushOutcome> {
  const localHead = () => ledger.journalHead()?.seq ?? 0;
  const waitingNow = () => localHead() - (ledger.headOfficeAck()?.seq ?? 0);
  if (ledger.training) return { status: 'training', sent: 0, waiting: 0, message: 'Training ledgers never go to head office.' };
  const knownFork = ledger.headOfficeAlarm();
  if (knownFork?.kind === 'fork') return { status: 'fork', sent: 0, waiting: waitingNow(), seq: knownFork.seq, message: forkMessage(knownFork.seq) };

  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const ack = ledger.headOfficeAck();
  // The anchor must still be in this ledger; when it is not, send everything and let head office say where the chains part.
  let next = ack && localEntry(ledger, ack.seq)?.hash === ack.hash ? ack.seq : 0;
  let sent = 0;
  let rewinds = 0;
  let client: pg.Client | undefined;
  try {
    client = await connectHeadOffice(url, { applicationName: `momo-pos till ${ledger.deviceId}`, ...options });
    const starts = dayStartsAtHour(ledger);
    for (;;) {
      if (options.stopped?.()) break;
      const entries = ledger.journal({ afterSeq: next, limit: batchSize });
      const answer = await ingest(client, ledger.deviceId, entries.map((entry) => toWire(entry, starts)));
      sent += entries.length;
      if (answer.status === 'fork') {
        const seq = answer.forkSeq ?? answer.headSeq;
        ledger.recordHeadOfficeAlarm({ kind: 'fork', seq, detail: forkMessage(seq) });
        return { status: 'fork', sent, waiting: waitingNow(), seq, message: forkMessage(seq) };
      }
      if (answer.status === 'refused') {
        const seq = answer.refusedSeq ?? answer.headSeq + 1;
        const message =
          answer.reason === 'invalid' || answer.reason === 'foreign'
            ? `Head office refused journal seq ${seq}: ${answer.detail ?? answer.reason}. Pushes wait at that entry until head office's owner looks into it.`
            : `Head office refused journal seq ${seq} (${answer.reason ?? 'unknown reason'}): its contents do not match its hash, so the ledger file was changed outside the app. Run pos verify.`;
        ledger.recordHeadOfficeAlarm({ kind: 'refused', seq, detail: message.slice(0, 500) });
        return { status: 'refused', sent, waiting: waitingNow(), seq, message };
      }
      if (answer.headSeq > 0 && answer.receivedAt) {
        const kept = ledger.recordHeadOfficeAck({ seq: answer.headSeq, hash: answer.headHash, receivedAt: answer.receivedAt });
        if (!kept && answer.headSeq > localHead()) {
          return {
            status: 'behind',
            sent,
            waiting: 0,
            seq: answer.headSeq,
            message: `Head office holds this till's journal up to seq ${answer.headSeq} but this ledger ends at ${localHead()}: it was put back to an older copy. Restore the newest copy before selling, or the next sale is a fork.`,
          };
        }
        if (!kept) {
          ledger.recordHeadOfficeAlarm({ kind: 'fork', seq: answer.headSeq, detail: forkMessage(answer.headSeq) });
          return { status: 'fork', sent, waiting: waitingNow(), seq: answer.headSeq, message: forkMessage(answer.headSeq) };
        }
      }
      if (answer.status === 'gap' || answer.headSeq < next) {
        // Head office holds less than it once acknowledged (its database was restored): send again from where it is.
        if (rewinds++ > 3) throw new Error(`head office keeps answering with a gap after seq ${answer.headSeq}`);
        next = answer.headSeq;
        continue;
      }
      if (entries.length < batchSize) break;
      next = entries[entries.length - 1]!.seq;
    }
  } catch (error) {
    return { status: 'unreachable', sent, waiting: waitingNow(), message: headOfficeProblem(error, url), ...ackOf(ledger) };
  } finally {
    await client?.end().catch(() => {});
  }
  const waiting = waitingNow();
  return {
    status: 'ok',
    sent,
    waiting,
    ...ackOf(ledger),
    message: waiting === 0 ? 'Head office holds the whole journal.' : `${waiting} entries still wait for head office.`,
  };
}

function ackOf(ledger: Ledger): { ack?: { seq: number; hash: string; receivedAt: string } } {
  const ack = ledger.headOfficeAck();
  return ack ? { ack: { seq: ack.seq, hash: ack.hash, receivedAt: ack.receivedAt } } : {};
}

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
import { noticeOf, type ErrorKey, type ErrorParams, type Notice } from '../../../shared/errors';
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
  /** One sentence for people, what happened and what to do: its key and facts (`message`: the English, for logs). */
  key: ErrorKey;
  params: ErrorParams;
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

/** Head office's fork at a seq, as a push outcome says it. */
export function forkNotice(seq: number): Notice {
  return noticeOf('error.headoffice.fork', { seq });
}

function localEntry(ledger: Ledger, seq: number): JournalEntry | undefined {
  const [entry] = ledger.journal({ afterSeq: seq - 1, limit: 1 });
  return entry?.seq === seq ? entry : undefined;
}

/** Sends everything head office does not hold yet; resolves with what happened, never throws for head office's sake. */
export async function pushJournal(ledger: Ledger, url: string, options: PushOptions = {}): Promise<PushOutcome> {
  const localHead = () => ledger.journalHead()?.seq ?? 0;
  const waitingNow = () => localHead() - (ledger.headOfficeAck()?.seq ?? 0);
  if (ledger.training) return { status: 'training', sent: 0, waiting: 0, ...noticeOf('error.headoffice.training') };
  const knownFork = ledger.headOfficeAlarm();
  if (knownFork?.kind === 'fork') return { status: 'fork', sent: 0, waiting: waitingNow(), seq: knownFork.seq, ...forkNotice(knownFork.seq) };

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
        ledger.recordHeadOfficeAlarm({ kind: 'fork', seq, detail: forkNotice(seq).message });
        return { status: 'fork', sent, waiting: waitingNow(), seq, ...forkNotice(seq) };
      }
      if (answer.status === 'refused') {
        const seq = answer.refusedSeq ?? answer.headSeq + 1;
        // Head office's reason and detail are its own words (checked text from its database), kept as facts in the sentence.
        const refused =
          answer.reason === 'invalid' || answer.reason === 'foreign'
            ? noticeOf('error.headoffice.refusedEntry', { seq, detail: answer.detail ?? answer.reason })
            : noticeOf('error.headoffice.refusedHash', { seq, reason: answer.reason ?? '?' });
        ledger.recordHeadOfficeAlarm({ kind: 'refused', seq, detail: refused.message.slice(0, 500) });
        return { status: 'refused', sent, waiting: waitingNow(), seq, ...refused };
      }
      if (answer.headSeq > 0 && answer.receivedAt) {
        const kept = ledger.recordHeadOfficeAck({ seq: answer.headSeq, hash: answer.headHash, receivedAt: answer.receivedAt });
        if (!kept && answer.headSeq > localHead()) {
          return {
            status: 'behind',
            sent,
            waiting: 0,
            seq: answer.headSeq,
            ...noticeOf('error.headoffice.behind', { seq: answer.headSeq, local: localHead() }),
          };
        }
        if (!kept) {
          ledger.recordHeadOfficeAlarm({ kind: 'fork', seq: answer.headSeq, detail: forkNotice(answer.headSeq).message });
          return { status: 'fork', sent, waiting: waitingNow(), seq: answer.headSeq, ...forkNotice(answer.headSeq) };
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
    return { status: 'unreachable', sent, waiting: waitingNow(), ...headOfficeProblem(error, url), ...ackOf(ledger) };
  } finally {
    await client?.end().catch(() => {});
  }
  const waiting = waitingNow();
  return {
    status: 'ok',
    sent,
    waiting,
    ...ackOf(ledger),
    ...(waiting === 0 ? noticeOf('error.headoffice.allHeld') : noticeOf('error.headoffice.stillWaiting', { count: waiting })),
  };
}

function ackOf(ledger: Ledger): { ack?: { seq: number; hash: string; receivedAt: string } } {
  const ack = ledger.headOfficeAck();
  return ack ? { ack: { seq: ack.seq, hash: ack.hash, receivedAt: ack.receivedAt } } : {};
}

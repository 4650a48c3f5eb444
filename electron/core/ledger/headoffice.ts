/**
 * Head office's word, kept in the ledger: its acknowledgements (it holds this
 * journal up to seq, whose hash is hash: the chain's outside anchor, printed
 * on the Z report) and its alarms (a fork, a refused entry).
 */
import { ValidationError } from '../../../shared/errors';
import { statement } from './statements';
import * as v from './validation';
import type { LedgerContext } from './context';

export interface HeadOfficeAck {
  seq: number;
  hash: string;
  /** Head office's own clock when it received entry seq. */
  receivedAt: string;
  recordedAt: string;
}

export interface HeadOfficeAlarm {
  kind: 'fork' | 'refused';
  seq: number;
  detail: string;
  at: string;
}

interface AckRow {
  seq: number;
  hash: string;
  received_at: string;
  recorded_at: string;
}

export function createHeadOfficeRepository(ctx: LedgerContext) {
  const { db } = ctx;
  const lastAck = (): HeadOfficeAck | undefined => {
    const row = statement(db, 'SELECT * FROM headoffice_acks ORDER BY seq DESC LIMIT 1').get() as AckRow | undefined;
    return row && { seq: row.seq, hash: row.hash, receivedAt: row.received_at, recordedAt: row.recorded_at };
  };
  return {
    headOfficeAck: lastAck,

    /**
     * Keeps an acknowledgement when it moves the anchor on. Refused (returns
     * false, nothing written) unless this ledger holds that very entry.
     */
    recordHeadOfficeAck(ack: { seq: number; hash: string; receivedAt: string }): boolean {
      const a = v.object(ack, 'ack');
      const seq = v.limit(a.seq, 'seq', Number.MAX_SAFE_INTEGER);
      if (seq < 1) throw new ValidationError('seq', 'error.ledger.acknowledgedSeq1More');
      if (typeof a.hash !== 'string' || !/^[0-9a-f]{64}$/.test(a.hash)) throw new ValidationError('hash', 'error.ledger.journalHash64Hex');
      const receivedAt = v.isoDate(a.receivedAt, 'receivedAt');
      ack = { seq, hash: a.hash, receivedAt };
      return ctx.write(() => {
        const local = statement(db, 'SELECT hash FROM journal WHERE seq = ?').get(ack.seq) as { hash: string } | undefined;
        if (!local || local.hash !== ack.hash) return false;
        if ((lastAck()?.seq ?? 0) >= ack.seq) return true;
        statement(db, 'INSERT INTO headoffice_acks (seq, hash, received_at, recorded_at) VALUES (?, ?, ?, ?)').run(ack.seq, ack.hash, ack.receivedAt, ctx.now().toISOString());
        return true;
      });
    },

    recordHeadOfficeAlarm(input: { kind: HeadOfficeAlarm['kind']; seq: number; detail: string }): void {
      const a = v.object(input, 'alarm');
      const alarm = { kind: v.oneOf(a.kind, ['fork', 'refused'] as const, 'kind'), seq: v.limit(a.seq, 'seq', Number.MAX_SAFE_INTEGER), detail: v.requiredText(a.detail, 'detail', 500) };
      ctx.write(() => {
        const last = statement(db, 'SELECT kind, seq, detail FROM headoffice_alarms ORDER BY id DESC LIMIT 1').get() as Omit<HeadOfficeAlarm, 'at'> | undefined;
        if (last && last.kind === alarm.kind && last.seq === alarm.seq && last.detail === alarm.detail) return;
        statement(db, 'INSERT INTO headoffice_alarms (kind, seq, detail, at) VALUES (?, ?, ?, ?)').run(alarm.kind, alarm.seq, alarm.detail.slice(0, 500), ctx.now().toISOString());
      });
    },

    /** The latest alarm, if it came after the last acknowledgement was recorded (a later good push clears a refused entry, never a fork). */
    headOfficeAlarm(): HeadOfficeAlarm | undefined {
      const fork = statement(db, `SELECT kind, seq, detail, at FROM headoffice_alarms WHERE kind = 'fork' ORDER BY id LIMIT 1`).get() as HeadOfficeAlarm | undefined;
      if (fork) return fork;
      const alarm = statement(db, 'SELECT kind, seq, detail, at FROM headoffice_alarms ORDER BY id DESC LIMIT 1').get() as HeadOfficeAlarm | undefined;
      const ack = lastAck();
      return alarm && (!ack || alarm.at >= ack.recordedAt) ? alarm : undefined;
    },
  };
}

export type HeadOfficeRepository = ReturnType<typeof createHeadOfficeRepository>;

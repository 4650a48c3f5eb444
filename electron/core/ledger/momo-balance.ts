/**
 * The MoMo Collection balance as the till read it at a shift's opening and
 * closing: journaled (hash-chained with the money it is held against), one
 * entry per reading. A reading MoMo did not answer is recorded as such, with
 * the code of why: a report shows "not read", never a guess.
 */
import { randomUUID } from 'node:crypto';
import type { Currency } from '../../../shared/money';
import type { LedgerContext } from './context';
import { appendJournal, type JournalRow } from './journal';
import { statement } from './statements';
import * as v from './validation';

export type BalanceMoment = 'open' | 'close';

export interface BalanceReading {
  shiftId: string;
  moment: BalanceMoment;
  at: string;
  /** Absent: not read (see problem). */
  availableMinor?: number;
  currency?: Currency;
  /** Why it was not read: an error code (MOMO_UNREACHABLE, OTHER_CURRENCY…). */
  problem?: string;
}

export function createMomoBalanceRepository(ctx: LedgerContext) {
  const { db } = ctx;
  return {
    recordMomoBalance(input: { shiftId: string; moment: BalanceMoment; availableMinor?: number; currency?: Currency; problem?: string }): BalanceReading {
      const i = v.object(input, 'reading');
      const shiftId = v.id(i.shiftId, 'shiftId');
      const moment = v.oneOf(i.moment, ['open', 'close'] as const, 'moment');
      const problem = v.optionalCode(i.problem, 'problem');
      const read = problem === undefined;
      const availableMinor = read ? v.amountOrZero(i.availableMinor, 'availableMinor') : undefined;
      const currency = read ? v.currency(i.currency) : undefined;
      return ctx.write(() => {
        const at = ctx.now().toISOString();
        const body = { shiftId, moment, at, availableMinor: availableMinor ?? null, currency: currency ?? null, problem: problem ?? null };
        // Subject "<shift>/<moment>/<uuid>": a shift's readings are one range of the journal's (kind, subject) index.
        appendJournal(db, { at, kind: 'momo.balance', subjectId: `${shiftId}/${moment}/${randomUUID()}`, body });
        return readingOf(body);
      });
    },

    /** The last reading of each moment of a shift. */
    momoBalances(shiftId: string): Partial<Record<BalanceMoment, BalanceReading>> {
      const id = v.id(shiftId, 'shiftId');
      const rows = statement(db, `SELECT body FROM journal WHERE kind = 'momo.balance' AND subject_id > ? AND subject_id < ? ORDER BY seq`).all(`${id}/`, `${id}0`) as Pick<JournalRow, 'body'>[];
      const out: Partial<Record<BalanceMoment, BalanceReading>> = {};
      for (const row of rows) {
        const reading = readingOf(JSON.parse(row.body) as Record<string, unknown>);
        out[reading.moment] = reading;
      }
      return out;
    },
  };
}

function readingOf(body: Record<string, unknown>): BalanceReading {
  return {
    shiftId: String(body.shiftId),
    moment: body.moment === 'close' ? 'close' : 'open',
    at: String(body.at),
    ...(typeof body.availableMinor === 'number' ? { availableMinor: body.availableMinor } : {}),
    ...(typeof body.currency === 'string' ? { currency: body.currency as Currency } : {}),
    ...(typeof body.problem === 'string' ? { problem: body.problem } : {}),
  };
}

export type MomoBalanceRepository = ReturnType<typeof createMomoBalanceRepository>;

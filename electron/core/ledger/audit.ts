/**
 * Who tried what with a PIN: a wrong PIN (refused) and a PIN set or changed
 * are journaled — the action and whose PIN, never the digits — so the hash
 * chain keeps them and the Z report counts the refusals.
 */
import { randomUUID } from 'node:crypto';
import type { LedgerContext } from './context';
import { appendJournal } from './journal';
import * as v from './validation';
import { ValidationError } from '../../../shared/errors';

export type PinEventKind = 'pin.refused' | 'pin.changed';

/** The PIN lock, kept in the ledger so a restart does not reset it. */
export interface PinThrottle {
  /** Attempts since the last right PIN or the last lock (counted before each check). */
  failures: number;
  /** Locks so far in this run of wrong PINs: picks the next lock's length. */
  level: number;
  /** PINs are refused unchecked until then (ms since 1970; 0: not locked). */
  lockedUntil: number;
}

export function createAuditRepository(ctx: LedgerContext) {
  return {
    pinThrottle(): PinThrottle {
      const row = ctx.db.prepare('SELECT failures, level, locked_until FROM pin_throttle WHERE id = 1').get() as { failures: number; level: number; locked_until: number } | undefined;
      return row ? { failures: row.failures, level: row.level, lockedUntil: row.locked_until } : { failures: 0, level: 0, lockedUntil: 0 };
    },

    setPinThrottle(next: PinThrottle): void {
      const count = (value: unknown, field: string) => {
        if (!Number.isSafeInteger(value) || (value as number) < 0) throw new ValidationError(field, 'error.ledger.pINLockCountWhole');
        return value as number;
      };
      const row = [count(next.failures, 'failures'), count(next.level, 'level'), count(next.lockedUntil, 'lockedUntil')];
      ctx.write(() => {
        ctx.db
          .prepare('INSERT INTO pin_throttle (id, failures, level, locked_until, updated_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET failures = excluded.failures, level = excluded.level, locked_until = excluded.locked_until, updated_at = excluded.updated_at')
          .run(...row, ctx.now().toISOString());
      });
    },

    recordPinEvent(kind: PinEventKind, fact: { action: string; who: 'manager' | 'cashier'; name?: string }): void {
      const k = v.oneOf(kind, ['pin.refused', 'pin.changed'] as const, 'kind');
      const f = v.object(fact, 'fact');
      const action = v.optionalCode(f.action, 'action') ?? 'unknown';
      const who = v.oneOf(f.who, ['manager', 'cashier'] as const, 'who');
      const name = v.optionalText(f.name, 'name', 100);
      ctx.write(() => {
        const at = ctx.now().toISOString();
        appendJournal(ctx.db, { at, kind: k, subjectId: randomUUID(), body: { action, who, name: name ?? null, at } });
      });
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

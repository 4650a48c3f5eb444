/**
 * Who tried what with a PIN: a wrong PIN (refused) and a PIN set or changed
 * are journaled — the action and whose PIN, never the digits — so the hash
 * chain keeps them and the Z report counts the refusals.
 */
import { randomUUID } from 'node:crypto';
import type { LedgerContext } from './context';
import { appendJournal } from './journal';
import * as v from './validation';

export type PinEventKind = 'pin.refused' | 'pin.changed';

export function createAuditRepository(ctx: LedgerContext) {
  return {
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

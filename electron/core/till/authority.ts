/**
 * The manager's authority in the engine: a grant per caller (one browser
 * session, one window), opened by the manager PIN, ending after a few idle
 * minutes, at till.lock and at restart (grants live in memory only).
 *
 * A manager call passes when its caller holds a live grant, or when it
 * carries the manager PIN itself (refund, cash out…): that PIN is checked
 * here, through the same throttled guard, and authorises that call only.
 * Before any manager PIN exists, only choosing it is allowed.
 */
import { METHOD_AUTHORITY, type MethodName } from '../../../shared/contract';
import { PosError } from '../../../shared/errors';
import type { Authority, Caller } from '../api';
import type { Ledger } from '../ledger';
import { isPinHash, type PinHash } from './pin';
import { createPinGuard, type PinAction } from './pin-guard';
import { MANAGER_PIN_KEY } from './till';

/** A grant ends after this long without a manager call. */
export const GRANT_IDLE_MS = 5 * 60_000;

export interface ManagerAuthority extends Authority {
  lock(caller: Caller): void;
  /** Whether the caller holds a live grant now. */
  granted(caller: Caller): boolean;
}

const ACTIONS: Partial<Record<MethodName, PinAction>> = {
  'till.setManagerPin': 'changeManagerPin',
  'till.setCashier': 'setCashier',
  'till.setRules': 'setRules',
  'till.cashMovement': 'cashOut',
  'till.closeShift': 'closeShift',
  'till.zReport': 'reprintZ',
  'refund.create': 'refund',
};

export function createManagerAuthority(options: { ledger: () => Ledger; now?: () => number; idleMs?: number; log?: (line: string) => void }): ManagerAuthority {
  const now = options.now ?? Date.now;
  const idleMs = options.idleMs ?? GRANT_IDLE_MS;
  const grants = new Map<string, number>();
  const guard = createPinGuard({ ledger: options.ledger, now, ...(options.log ? { log: options.log } : {}) });
  const managerPin = (): PinHash | undefined => {
    const stored = options.ledger().getSetting<unknown>(MANAGER_PIN_KEY);
    return isPinHash(stored) ? stored : undefined;
  };
  const live = (caller: Caller) => {
    const until = grants.get(caller.id);
    if (until === undefined) return false;
    if (until > now()) return true;
    grants.delete(caller.id);
    return false;
  };

  return {
    granted: live,
    async authorise(caller, method, input) {
      const rule = METHOD_AUTHORITY[method];
      const record = managerPin();
      if (!record) {
        // First start: choosing the manager PIN is the one manager action there is.
        if (rule.firstStart) return;
        throw new PosError('FORBIDDEN', 'error.managerMustUnlock', {}, 'grant');
      }
      if (live(caller)) {
        grants.set(caller.id, now() + idleMs);
        return;
      }
      const pin = rule.pinField ? input[rule.pinField] : undefined;
      if (typeof pin === 'string' && pin !== '') {
        await guard.check(ACTIONS[method] ?? 'openSettings', { kind: 'manager' }, pin, record);
        return;
      }
      throw new PosError('FORBIDDEN', 'error.managerMustUnlock', {}, 'grant');
    },
    grant(caller) {
      const at = now();
      for (const [id, until] of grants) if (until <= at) grants.delete(id);
      grants.set(caller.id, at + idleMs);
    },
    lock(caller) {
      grants.delete(caller.id);
    },
  };
}

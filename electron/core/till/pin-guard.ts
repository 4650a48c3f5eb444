/**
 * Checks a PIN for an action and makes guessing slow:
 *
 * - each attempt is counted in the ledger BEFORE the PIN is verified, so a
 *   crash or a flood of parallel calls cannot check more PINs than allowed;
 * - checks on one ledger run one at a time (a queue per ledger file), so
 *   1,000 parallel guesses check at most `attempts` PINs before the lock;
 * - after `attempts` wrong PINs in a row, PINs are refused unchecked for a
 *   lock that grows (1 min, 5 min, 15 min, then 1 h each time), kept in the
 *   ledger so a restart does not clear it. A right PIN resets both.
 *
 * Each wrong PIN is journaled (the action and whose PIN, never the digits).
 */
import { PosError } from '../../../shared/errors';
import type { Ledger } from '../ledger';
import { verifyPin, type PinHash } from './pin';

export type PinAction = 'refund' | 'cashOut' | 'closeShift' | 'reprintZ' | 'openShift' | 'changeManagerPin' | 'setCashier' | 'setRules' | 'openSettings';

export type PinOwner = { kind: 'manager' } | { kind: 'cashier'; name: string };

/** How long each successive lock lasts. */
export const PIN_LOCK_STEPS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000] as const;

export interface PinGuardOptions {
  ledger: () => Ledger;
  now?: () => number;
  attempts?: number;
  lockSteps?: readonly number[];
  log?: (line: string) => void;
}

export interface PinGuard {
  /** Resolves when the PIN is right; throws UNAUTHORIZED (wrong) or FORBIDDEN (locked, or no PIN set). */
  check(action: PinAction, owner: PinOwner, pin: string | undefined, record: PinHash | undefined): Promise<void>;
  lockedForSeconds(): number | undefined;
}

/** One queue per ledger file: every guard on the same file (till, authority) takes its turn. */
const queues = new Map<string, Promise<unknown>>();

function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

export function createPinGuard(options: PinGuardOptions): PinGuard {
  const now = options.now ?? Date.now;
  const attempts = options.attempts ?? 5;
  const steps = options.lockSteps ?? PIN_LOCK_STEPS_MS;

  const lockedForSeconds = () => {
    const left = options.ledger().pinThrottle().lockedUntil - now();
    return left > 0 ? Math.ceil(left / 1000) : undefined;
  };

  const check: PinGuard['check'] = async (action, owner, pin, record) => {
    const ledger = options.ledger();
    const locked = lockedForSeconds();
    if (locked !== undefined) throw new PosError('FORBIDDEN', 'error.till.tooManyWrongPins', { seconds: locked }, 'pin');
    if (!record) {
      throw owner.kind === 'manager'
        ? new PosError('FORBIDDEN', 'error.till.noManagerPinSet', {}, 'pin')
        : new PosError('FORBIDDEN', 'error.till.hasNoPinYet', { name: owner.name }, 'pin');
    }
    if (pin === undefined || pin === '') throw new PosError('UNAUTHORIZED', owner.kind === 'manager' ? 'error.till.managerPinNeeded' : 'error.till.enterYourPin', {}, 'pin');
    // The attempt is counted before the PIN is checked: a crash or a flood cannot check more than it paid for.
    const before = ledger.pinThrottle();
    ledger.setPinThrottle({ ...before, failures: before.failures + 1 });
    if (await verifyPin(pin, record)) {
      ledger.setPinThrottle({ failures: 0, level: 0, lockedUntil: 0 });
      return;
    }
    const failures = before.failures + 1;
    const who = owner.kind === 'manager' ? 'manager' : `cashier ${owner.name}`;
    options.log?.(`wrong ${who} PIN for ${action} (${failures} in a row)`);
    ledger.recordPinEvent('pin.refused', { action, who: owner.kind, ...(owner.kind === 'cashier' ? { name: owner.name } : {}) });
    if (failures >= attempts) {
      const lockMs = steps[Math.min(before.level, steps.length - 1)]!;
      ledger.setPinThrottle({ failures: 0, level: before.level + 1, lockedUntil: now() + lockMs });
      throw new PosError('FORBIDDEN', 'error.till.tooManyWrongPins', { seconds: Math.ceil(lockMs / 1000) }, 'pin');
    }
    throw new PosError('UNAUTHORIZED', owner.kind === 'manager' ? 'error.till.wrongManagerPin' : 'error.till.wrongPin', owner.kind === 'manager' ? {} : { name: owner.name }, 'pin');
  };

  return {
    lockedForSeconds,
    check: (action, owner, pin, record) => serialised(options.ledger().path, () => check(action, owner, pin, record)),
  };
}

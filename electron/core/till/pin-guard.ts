/**
 * Checks a PIN for an action and remembers refusals: each wrong PIN is
 * journaled (the action and whose PIN, never the digits) and, after
 * `attempts` wrong ones in a row, PINs are refused for `lockMs` without
 * being checked, so guessing at the till takes hours, not minutes.
 */
import { PosError } from '../../../shared/errors';
import type { Ledger } from '../ledger';
import { verifyPin, type PinHash } from './pin';

export type PinAction = 'refund' | 'cashOut' | 'closeShift' | 'reprintZ' | 'openShift' | 'changeManagerPin' | 'setCashier' | 'setRules' | 'openSettings';

export type PinOwner = { kind: 'manager' } | { kind: 'cashier'; name: string };

export interface PinGuardOptions {
  ledger: () => Ledger;
  now?: () => number;
  attempts?: number;
  lockMs?: number;
  log?: (line: string) => void;
}

export interface PinGuard {
  /** Resolves when the PIN is right; throws UNAUTHORIZED (wrong) or FORBIDDEN (locked, or no PIN set). */
  check(action: PinAction, owner: PinOwner, pin: string | undefined, record: PinHash | undefined): Promise<void>;
  lockedForSeconds(): number | undefined;
}

export function createPinGuard(options: PinGuardOptions): PinGuard {
  const now = options.now ?? Date.now;
  const attempts = options.attempts ?? 5;
  const lockMs = options.lockMs ?? 60_000;
  let wrongInARow = 0;
  let lockedUntil = 0;

  const lockedForSeconds = () => {
    const left = lockedUntil - now();
    return left > 0 ? Math.ceil(left / 1000) : undefined;
  };

  return {
    lockedForSeconds,
    async check(action, owner, pin, record) {
      const locked = lockedForSeconds();
      if (locked !== undefined) throw new PosError('FORBIDDEN', `Too many wrong PINs. Try again in ${locked} seconds.`, 'pin');
      if (!record) {
        throw owner.kind === 'manager'
          ? new PosError('FORBIDDEN', 'No manager PIN is set yet. Set one on the Till screen first.', 'pin')
          : new PosError('FORBIDDEN', `${owner.name} has no PIN yet. The manager sets it on the Till screen.`, 'pin');
      }
      if (pin === undefined || pin === '') throw new PosError('UNAUTHORIZED', owner.kind === 'manager' ? 'The manager PIN is needed for this.' : 'Enter your PIN.', 'pin');
      if (await verifyPin(pin, record)) {
        wrongInARow = 0;
        return;
      }
      wrongInARow++;
      const who = owner.kind === 'manager' ? 'manager' : `cashier ${owner.name}`;
      options.log?.(`wrong ${who} PIN for ${action} (${wrongInARow} in a row)`);
      options.ledger().recordPinEvent('pin.refused', { action, who: owner.kind, ...(owner.kind === 'cashier' ? { name: owner.name } : {}) });
      if (wrongInARow >= attempts) {
        wrongInARow = 0;
        lockedUntil = now() + lockMs;
        throw new PosError('FORBIDDEN', `Too many wrong PINs. Try again in ${Math.ceil(lockMs / 1000)} seconds.`, 'pin');
      }
      throw new PosError('UNAUTHORIZED', owner.kind === 'manager' ? 'Wrong manager PIN.' : `Wrong PIN for ${owner.name}.`, 'pin');
    },
  };
}

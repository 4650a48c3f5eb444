/**
 * PINs: the manager's (refunds, cash out, closing, Z reprints) and each
 * cashier's (signing in to a shift). Only a scrypt hash and its salt are
 * kept; the PIN itself is never stored, logged or journaled.
 *
 * A 4–8 digit PIN has few possible values: the slow KDF makes a stolen
 * settings table expensive to try, and the lock-out (pin-guard.ts) makes
 * guessing at the till slow.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../../../shared/errors';

export interface PinHash {
  kdf: 'scrypt';
  /** scrypt cost parameters, kept with the hash so they can be raised later without breaking old PINs. */
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
  /** base64, 32 bytes */
  hash: string;
}

export interface KdfCost {
  N: number;
  r: number;
  p: number;
}

/** About 50–100 ms and 16 MiB on a shop PC: slow for a guesser, unnoticed by a manager. */
export const DEFAULT_KDF_COST: KdfCost = { N: 2 ** 14, r: 8, p: 1 };
const KEY_LENGTH = 32;

const PIN_PATTERN = /^\d{4,8}$/;

export function assertPinShape(pin: unknown, field = 'pin'): asserts pin is string {
  if (typeof pin !== 'string' || !PIN_PATTERN.test(pin)) throw new ValidationError(field, 'error.till.pIN48Digits');
}

/** A PIN a guesser tries first: one digit repeated (0000), a run up or down (1234, 9876, 0123), a repeated pair (1212, 2525) or doubled digits in a run (112233). */
export function isWeakPin(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((digit, i) => digit - digits[i]!);
  if (steps.every((step) => step === 0) || steps.every((step) => step === 1) || steps.every((step) => step === -1)) return true;
  if (pin.length % 2 === 0 && pin === pin.slice(0, 2).repeat(pin.length / 2)) return true;
  if (pin.length % 2 === 0) {
    const pairs = pin.match(/../g)!;
    if (pairs.every((pair) => pair[0] === pair[1])) {
      const heads = pairs.map((pair) => Number(pair[0]));
      const moves = heads.slice(1).map((digit, i) => digit - heads[i]!);
      if (moves.every((move) => move === 1) || moves.every((move) => move === -1)) return true;
    }
  }
  return false;
}

/** For a PIN being chosen (manager or cashier): right shape and not one of the first guesses. */
export function assertChosenPin(pin: unknown, field = 'pin'): asserts pin is string {
  assertPinShape(pin, field);
  if (isWeakPin(pin)) throw new ValidationError(field, 'error.till.weakPin');
}

function derive(pin: string, salt: Buffer, cost: KdfCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_LENGTH, { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPin(pin: string, cost: KdfCost = DEFAULT_KDF_COST): Promise<PinHash> {
  assertPinShape(pin);
  const salt = randomBytes(16);
  const key = await derive(pin, salt, cost);
  return { kdf: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: salt.toString('base64'), hash: key.toString('base64') };
}

export function isPinHash(value: unknown): value is PinHash {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    v.kdf === 'scrypt' &&
    Number.isSafeInteger(v.N) &&
    Number.isSafeInteger(v.r) &&
    Number.isSafeInteger(v.p) &&
    typeof v.salt === 'string' &&
    typeof v.hash === 'string'
  );
}

/** Constant-time comparison of the derived key; a malformed PIN or record is simply "no". */
export async function verifyPin(pin: string, record: PinHash): Promise<boolean> {
  if (typeof pin !== 'string' || !PIN_PATTERN.test(pin) || !isPinHash(record)) return false;
  const expected = Buffer.from(record.hash, 'base64');
  const key = await derive(pin, Buffer.from(record.salt, 'base64'), { N: record.N, r: record.r, p: record.p });
  return expected.length === key.length && timingSafeEqual(expected, key);
}

/**
 * How far selling may run ahead of the fiscal device: a shop keeps selling
 * while the VSDC is away, but not without bound. Pure: the caller passes the
 * pending signings and the clock.
 */
export interface UnsignedLimits {
  /** Most receipts waiting for a signature (default 100). */
  maxCount: number;
  /** Oldest a waiting receipt may be, in ms (default 24 h). */
  maxAgeMs: number;
}

export const DEFAULT_UNSIGNED_LIMITS: UnsignedLimits = { maxCount: 100, maxAgeMs: 24 * 3_600_000 };

export type UnsignedVerdict =
  | { ok: true; pending: number }
  /** Selling stops until the device signs what waits: too many, or one too old. */
  | { ok: false; reason: 'count' | 'age'; pending: number; oldestAt: string };

export function checkUnsignedLimits(
  pending: ReadonlyArray<{ createdAt: string }>,
  now: Date,
  limits: UnsignedLimits = DEFAULT_UNSIGNED_LIMITS,
): UnsignedVerdict {
  if (pending.length === 0) return { ok: true, pending: 0 };
  let oldest = pending[0]!.createdAt;
  for (const p of pending) if (p.createdAt < oldest) oldest = p.createdAt;
  if (pending.length >= limits.maxCount) return { ok: false, reason: 'count', pending: pending.length, oldestAt: oldest };
  const age = now.getTime() - Date.parse(oldest);
  // A clock that went backwards makes the age negative: counted as new, the count limit still holds.
  if (age > limits.maxAgeMs) return { ok: false, reason: 'age', pending: pending.length, oldestAt: oldest };
  return { ok: true, pending: pending.length };
}

import { normaliseReasonCode } from '../../../shared/momo-vocabulary';
import type { PaymentStatus } from '../../../shared/payment-states';

/**
 * When to ask MoMo again. Customers usually answer within 5–30 s, so we ask
 * often while they stand at the counter, then back off, inside a bounded
 * window; the window's end gives `timed_out` (re-checkable).
 *
 * Detection delay is at most one interval: 1.4 s steps keep the mean near
 * 0.7 s with fewer calls than a fixed 1 s poll (see `npm run bench`).
 */
export interface PollSchedule {
  /** First look: the prompt takes a moment to reach the phone. */
  firstDelayMs: number;
  /** Step while the customer is at the counter. */
  fastIntervalMs: number;
  /** How long the counter phase lasts (from the request to pay). */
  fastPhaseMs: number;
  /** After that, each step grows by this factor… */
  backoffFactor: number;
  /** …up to this step. */
  maxIntervalMs: number;
  /** Total window; past it the payment is `timed_out`. */
  windowMs: number;
}

export const DEFAULT_SCHEDULE: PollSchedule = {
  firstDelayMs: 2_000,
  fastIntervalMs: 1_400,
  fastPhaseMs: 120_000,
  backoffFactor: 1.5,
  maxIntervalMs: 30_000,
  windowMs: 6 * 60_000,
};

/**
 * Pay later: the customer pays from their own phone — often at once, before
 * leaving the counter, otherwise in minutes or hours. A first look after
 * 5 s and every 5 s for the first three minutes (a customer paying at once
 * is seen as quickly as a prompt nearly), then backing off by half again each
 * step to every five minutes; the window is the invoice's own validity (the
 * engine sets it per invoice); "Check now" asks at once. Figures: `npm run
 * bench -- --only=polling` (pay-later rows); the decision in docs/decisions.md.
 */
export const INVOICE_SCHEDULE: PollSchedule = {
  firstDelayMs: 5_000,
  fastIntervalMs: 5_000,
  fastPhaseMs: 3 * 60_000,
  backoffFactor: 1.5,
  maxIntervalMs: 5 * 60_000,
  windowMs: 24 * 3_600_000,
};

/**
 * Pay later while head office's callbacks are heard: a callback names the
 * paid invoice at once (the engine's hint path), so polling is only the
 * safety net — a first look after half a minute, every minute for ten
 * minutes, then backing off to every five.
 */
export const INVOICE_SCHEDULE_WITH_CALLBACKS: PollSchedule = {
  firstDelayMs: 30_000,
  fastIntervalMs: 60_000,
  fastPhaseMs: 10 * 60_000,
  backoffFactor: 1.5,
  maxIntervalMs: 5 * 60_000,
  windowMs: 24 * 3_600_000,
};

/** After an invoice's validity, MoMo is still asked for this long before it is called expired (clocks differ; a late payment shows). */
export const INVOICE_GRACE_MS = 10 * 60_000;

/**
 * Delay before the next status call, given how long ago the request to pay
 * was sent and the previous delay; undefined when the window is over.
 */
export function nextPollDelay(schedule: PollSchedule, elapsedMs: number, previousDelayMs?: number): number | undefined {
  if (elapsedMs >= schedule.windowMs) return undefined;
  let delay: number;
  if (previousDelayMs === undefined) delay = schedule.firstDelayMs;
  else if (elapsedMs < schedule.fastPhaseMs) delay = schedule.fastIntervalMs;
  else delay = Math.min(schedule.maxIntervalMs, Math.max(schedule.fastIntervalMs, previousDelayMs) * schedule.backoffFactor);
  // The last call lands exactly on the window's end, not after it.
  return Math.min(delay, schedule.windowMs - elapsedMs);
}

/** Delays between attempts to learn the outcome of a request whose answer was lost. */
export function resolveRetryDelay(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5));
}

/** MoMo's answer to our words: declines and expiries are FAILED with a reason. */
export function statusFromMomo(status: string, reasonCode?: string): PaymentStatus {
  if (status === 'SUCCESSFUL') return 'successful';
  if (status === 'PENDING') return 'pending';
  const code = reasonCode ? normaliseReasonCode(reasonCode) : '';
  if (code === 'APPROVAL_REJECTED' || code === 'REJECTED' || code === 'TRANSACTION_CANCELED') return 'rejected';
  if (code === 'EXPIRED' || code === 'TIMEOUT') return 'expired';
  return 'failed';
}

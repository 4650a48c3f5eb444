/**
 * Detection delay and status calls per payment, in virtual time: the pure
 * schedule function decides when each status call happens; a payment whose
 * customer approves at t is seen at the first call at or after t.
 *
 * Customers: 10 % never answer (the request stays PENDING until the window
 * ends); the others approve after a lognormal time with median 12 s and
 * 90th percentile 35 s. 500 payments, seeded, the same for every strategy.
 */
import { DEFAULT_SCHEDULE, INVOICE_GRACE_MS, INVOICE_SCHEDULE, INVOICE_SCHEDULE_WITH_CALLBACKS, nextPollDelay, type PollSchedule } from '../electron/core/payments';
import { ascending, mean, normal, percentile, seededRandom } from './random';

export const CUSTOMERS = { payments: 500, seed: 20261125, medianS: 12, p90S: 35, neverShare: 0.1 };
/** The counter phase the targets speak of: approvals within the first 2 minutes. */
export const AT_COUNTER_MS = 120_000;

/** When to call next, given the time since the request to pay and the previous delay; undefined: stop. */
export type Strategy = (elapsedMs: number, previousDelayMs: number | undefined) => number | undefined;

const windowMs = DEFAULT_SCHEDULE.windowMs;
const fixed = (stepMs: number): Strategy => (elapsed) => (elapsed >= windowMs ? undefined : Math.min(stepMs, windowMs - elapsed));
const backoff = (firstMs: number, factor: number, maxMs: number): Strategy => (elapsed, previous) =>
  elapsed >= windowMs ? undefined : Math.min(previous === undefined ? firstMs : Math.min(maxMs, previous * factor), windowMs - elapsed);
export const ofSchedule = (schedule: PollSchedule): Strategy => (elapsed, previous) => nextPollDelay(schedule, elapsed, previous);

export const STRATEGIES: ReadonlyArray<{ name: string; strategy: Strategy; ours?: boolean }> = [
  { name: 'ours (DEFAULT_SCHEDULE: 2 s, then 1.4 s to 120 s, then ×1.5 to 30 s)', strategy: ofSchedule(DEFAULT_SCHEDULE), ours: true },
  { name: 'fixed 1 s poll', strategy: fixed(1_000) },
  { name: 'fixed 5 s poll (seed guides)', strategy: fixed(5_000) },
  { name: '2 s × 1.5 backoff to 30 s', strategy: backoff(2_000, 1.5, 30_000) },
];

/** Approval time in ms after the request to pay, or Infinity for a customer who never answers. */
export function customerApprovalTimes(): number[] {
  const random = seededRandom(CUSTOMERS.seed);
  const mu = Math.log(CUSTOMERS.medianS);
  const sigma = Math.log(CUSTOMERS.p90S / CUSTOMERS.medianS) / 1.2815515655446004; // z of the 90th percentile
  const times: number[] = [];
  for (let i = 0; i < CUSTOMERS.payments; i++) {
    const never = random() < CUSTOMERS.neverShare;
    const seconds = Math.exp(mu + sigma * normal(random));
    times.push(never ? Number.POSITIVE_INFINITY : seconds * 1000);
  }
  return times;
}

export interface PollingResult {
  name: string;
  ours: boolean;
  /** Approvals within the first 2 minutes. */
  atCounter: { count: number; meanDelayMs: number; p95DelayMs: number; maxDelayMs: number };
  /** Every approval seen inside the window. */
  all: { count: number; meanDelayMs: number; p95DelayMs: number };
  /** Status calls per payment, every payment (never-answering ones up to the window end). */
  callsPerPayment: number;
  callsPerAnsweredPayment: number;
  callsPerUnansweredPayment: number;
  /** Approvals later than the window: left timed_out, re-checkable. */
  missed: number;
}

/** One payment: status calls made and the delay after approval (undefined when not seen in the window). */
export function simulatePayment(strategy: Strategy, approvalMs: number): { calls: number; delayMs?: number } {
  let elapsed = 0;
  let previous: number | undefined;
  let calls = 0;
  for (;;) {
    const delay = strategy(elapsed, previous);
    if (delay === undefined) return { calls };
    elapsed += delay;
    previous = delay;
    calls += 1;
    if (elapsed >= approvalMs) return { calls, delayMs: elapsed - approvalMs };
  }
}

export function runPollingBench(approvals = customerApprovalTimes()): PollingResult[] {
  return STRATEGIES.map(({ name, strategy, ours }) => {
    const counter: number[] = [];
    const all: number[] = [];
    const answeredCalls: number[] = [];
    const unansweredCalls: number[] = [];
    let missed = 0;
    for (const approval of approvals) {
      const { calls, delayMs } = simulatePayment(strategy, approval);
      if (Number.isFinite(approval)) answeredCalls.push(calls);
      else unansweredCalls.push(calls);
      if (delayMs === undefined) {
        if (Number.isFinite(approval)) missed += 1;
        continue;
      }
      all.push(delayMs);
      if (approval < AT_COUNTER_MS) counter.push(delayMs);
    }
    counter.sort(ascending);
    all.sort(ascending);
    return {
      name,
      ours: ours ?? false,
      atCounter: { count: counter.length, meanDelayMs: mean(counter), p95DelayMs: percentile(counter, 0.95), maxDelayMs: counter.at(-1) ?? Number.NaN },
      all: { count: all.length, meanDelayMs: mean(all), p95DelayMs: percentile(all, 0.95) },
      callsPerPayment: mean([...answeredCalls, ...unansweredCalls]),
      callsPerAnsweredPayment: mean(answeredCalls),
      callsPerUnansweredPayment: mean(unansweredCalls),
      missed,
    };
  });
}

/**
 * Pay later: 400 seeded invoices valid 24 h. 45 % are paid at once (the
 * customer approves before leaving the counter or just after: lognormal,
 * median 30 s, 90th percentile 90 s), 35 % later in the day (log-uniform
 * between 10 minutes and 8 hours), 20 % never (asked until the validity and
 * its grace end).
 */
export const INVOICE_CUSTOMERS = { invoices: 400, seed: 20261204, atOnceShare: 0.45, laterShare: 0.35, atOnceMedianS: 30, atOnceP90S: 90, validHours: 24 };
/** "At once": paid within this long of sending. */
export const INVOICE_AT_ONCE_MS = 3 * 60_000;

export function invoicePaymentTimes(): number[] {
  const random = seededRandom(INVOICE_CUSTOMERS.seed);
  const mu = Math.log(INVOICE_CUSTOMERS.atOnceMedianS);
  const sigma = Math.log(INVOICE_CUSTOMERS.atOnceP90S / INVOICE_CUSTOMERS.atOnceMedianS) / 1.2815515655446004;
  const times: number[] = [];
  for (let i = 0; i < INVOICE_CUSTOMERS.invoices; i++) {
    const kind = random();
    const draw = random();
    const z = normal(random);
    if (kind < INVOICE_CUSTOMERS.atOnceShare) times.push(Math.exp(mu + sigma * z) * 1000);
    else if (kind < INVOICE_CUSTOMERS.atOnceShare + INVOICE_CUSTOMERS.laterShare) times.push(Math.exp(Math.log(10 * 60_000) + draw * Math.log((8 * 3_600_000) / (10 * 60_000))));
    else times.push(Number.POSITIVE_INFINITY);
  }
  return times;
}

export const INVOICE_STRATEGIES: ReadonlyArray<{ name: string; schedule: PollSchedule; ours?: boolean }> = [
  { name: 'ours (INVOICE_SCHEDULE: 5 s, every 5 s for 3 min, then ×1.5 to 5 min)', schedule: INVOICE_SCHEDULE, ours: true },
  { name: 'with head-office callbacks heard (INVOICE_SCHEDULE_WITH_CALLBACKS: 30 s, every 60 s for 10 min, ×1.5 to 5 min)', schedule: INVOICE_SCHEDULE_WITH_CALLBACKS },
  { name: 'fixed 60 s poll', schedule: { firstDelayMs: 60_000, fastIntervalMs: 60_000, fastPhaseMs: Number.POSITIVE_INFINITY, backoffFactor: 1, maxIntervalMs: 60_000, windowMs: 0 } },
  { name: 'every 5 s for 10 min, then ×1.5 to 5 min', schedule: { ...INVOICE_SCHEDULE, fastPhaseMs: 10 * 60_000 } },
];

export interface InvoicePollingResult {
  name: string;
  ours: boolean;
  atOnce: { count: number; meanDelayMs: number; p95DelayMs: number };
  later: { count: number; meanDelayMs: number; p95DelayMs: number };
  /** Status calls per invoice: all, paid at once, paid later, never paid (until the validity and its grace end). */
  callsPerInvoice: number;
  callsAtOnce: number;
  callsLater: number;
  callsNever: number;
}

export function runInvoicePollingBench(payments = invoicePaymentTimes()): InvoicePollingResult[] {
  const windowMs = INVOICE_CUSTOMERS.validHours * 3_600_000 + INVOICE_GRACE_MS;
  return INVOICE_STRATEGIES.map(({ name, schedule, ours }) => {
    const strategy = ofSchedule({ ...schedule, windowMs });
    const delays = { atOnce: [] as number[], later: [] as number[] };
    const calls = { all: [] as number[], atOnce: [] as number[], later: [] as number[], never: [] as number[] };
    for (const paidAt of payments) {
      const { calls: n, delayMs } = simulatePayment(strategy, paidAt);
      calls.all.push(n);
      const group = !Number.isFinite(paidAt) ? 'never' : paidAt < INVOICE_AT_ONCE_MS ? 'atOnce' : 'later';
      calls[group].push(n);
      if (group !== 'never' && delayMs !== undefined) delays[group].push(delayMs);
    }
    const summary = (values: number[]) => {
      const sorted = [...values].sort(ascending);
      return { count: sorted.length, meanDelayMs: mean(sorted), p95DelayMs: percentile(sorted, 0.95) };
    };
    return {
      name,
      ours: ours ?? false,
      atOnce: summary(delays.atOnce),
      later: summary(delays.later),
      callsPerInvoice: mean(calls.all),
      callsAtOnce: mean(calls.atOnce),
      callsLater: mean(calls.later),
      callsNever: mean(calls.never),
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify({ prompts: runPollingBench(), invoices: runInvoicePollingBench() }, null, 2));

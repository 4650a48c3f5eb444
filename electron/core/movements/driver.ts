/**
 * One driver for every money movement — a payment prompt, an invoice, a
 * refund or transfer — from recorded to final, through crashes, network cuts
 * and MoMo's own failures (docs/payment-states.md):
 *
 * - the reference is in the ledger before anything leaves (the caller
 *   records the movement; the driver only ever sends a recorded one);
 * - send, then poll on the movement's schedule until a final answer;
 * - a lost answer is never guessed: the SAME reference is looked up, and
 *   only a 404 ("MoMo never received it") sends it again — with the same
 *   reference, and only while the kind's resend policy allows (a payment
 *   prompt is not resent once the customer has surely left; a refund may be
 *   within its window; an invoice while it is valid);
 * - start-up recovery resumes every unfinished movement;
 * - every status change goes through the kind's ledger transition (one
 *   event each), one step at a time per movement.
 *
 * What differs between kinds is given as a MovementKind: its ledger calls,
 * its MoMo calls, its schedule and its resend policy.
 */
import { PosError } from '../../../shared/errors';
import { normaliseReasonCode } from '../../../shared/momo-vocabulary';
import { afterSendFailure, isFinal, type PaymentStatus } from '../../../shared/payment-states';
import { provablyNotSent, type CallOptions, type TransactionStatus } from '../momo';
import { nextPollDelay, resolveRetryDelay, statusFromMomo, type PollSchedule } from './schedule';

/** What the driver needs to know of a movement row. */
export interface Movement {
  id: string;
  status: PaymentStatus;
  /** The X-Reference-Id, stored before the request leaves (a cash refund has none: not driven). */
  referenceId?: string;
  createdAt: string;
}

export interface TransitionDetail {
  source?: string;
  reasonCode?: string;
  reasonMessage?: string;
  financialTransactionId?: string;
  note?: string;
}

/** A send the kind refused before anything left (nothing to send it to, nothing to refund): final, with this reason. */
export interface NotSendable {
  reasonCode: string;
  reasonMessage?: string;
  note?: string;
}

export interface MovementKind<M extends Movement> {
  /** For logs: 'payment', 'refund'. */
  noun: string;
  // ---- ledger calls ----
  get(id: string): M | undefined;
  transition(movement: M, to: PaymentStatus, detail: TransitionDetail): M;
  /** Every unfinished movement of this kind (start-up). */
  unfinished(): M[];
  /** A status call was made (payments count them). */
  touchCheck?(id: string): void;
  // ---- MoMo calls ----
  /** The POST (request to pay, invoice, refund, transfer); undefined when it went, a NotSendable when there is nothing to send. */
  send(movement: M, options: CallOptions): Promise<NotSendable | undefined>;
  /** The GET on the same reference; 404 throws MomoError RESOURCE_NOT_FOUND. */
  status(movement: M, options: CallOptions): Promise<TransactionStatus>;
  /** Call options per movement (a payment records its exchanges for the support transcript). */
  callOptions?(movement: M): CallOptions;
  // ---- schedule and policies ----
  schedule(movement: M): PollSchedule;
  /** Where the polling window starts: the last send (default) or the movement's creation (an invoice's validity runs from it). */
  windowFrom?: 'sent' | 'created';
  /** Whether a request MoMo never received may go (again) now; `recovery` for one recorded before a restart. */
  maySend(movement: M, when: 'resend' | 'recovery'): boolean;
  /** The note of the NOT_SENT failure when it may not. */
  notSentNote: string;
  /** Pending at the window's end: 'timed_out' (re-checkable, default) or 'expired' (an invoice past its validity). */
  atWindowEnd?: 'timed_out' | 'expired';
  /** After this many 404s in a row past the fast phase, MoMo lost it: failed RESOURCE_NOT_FOUND (payments; none when absent). */
  lostAfterNotFound?: number;
  /** A timed-out movement MoMo still calls pending turns pending again (refunds); a payment stays timed out. */
  reopenTimedOut?: boolean;
  /** Timers do not keep the process alive (the till's refunds in CLI runs). */
  unrefTimers?: boolean;
  // ---- hooks ----
  onChange?(movement: M, previous: PaymentStatus): void;
}

export interface MovementDriver<M extends Movement> {
  /** Sends a recorded movement in the background (or one already marked sending in its recording commit). */
  start(id: string): void;
  /** "Check now": one status call on the same reference; a recorded one is sent; one MoMo never received is resent if allowed. */
  recheck(id: string): Promise<M>;
  recover(): Promise<void>;
  /** One step at a time per movement: for a kind's own steps (cancel an invoice). */
  serial<T>(id: string, step: () => Promise<T>): Promise<T>;
  /** The status call, applied; for a kind's own steps. */
  lookUp(id: string, source: string): Promise<{ movement: M; notReceived: boolean }>;
  transition(movement: M, to: PaymentStatus, detail?: TransitionDetail): M;
  current(id: string): M;
  idle(): Promise<void>;
  stop(): void;
  /**
   * A callback named this MoMo reference: one status call now if it is one of
   * this driver's unfinished movements (the callback itself is never trusted);
   * anything else is ignored. Returns whether a status call was made.
   */
  hint(referenceId: string): Promise<boolean>;
}

/** The counter step while callbacks are heard but not yet proven (the first of CALLBACK_STEPS; the safety net, measured in bench/callbacks.ts). */
export const CALLBACK_FAST_INTERVAL_MS = 4_000;

/**
 * The counter step while callbacks are trusted, by how many final states in a
 * row callbacks announced: trust grows as they keep arriving, and one miss
 * starts again from the top (docs/decisions.md, issue 23).
 */
export const CALLBACK_STEPS: ReadonlyArray<{ streak: number; stepMs: number; firstLookMs?: number }> = [
  { streak: 0, stepMs: CALLBACK_FAST_INTERVAL_MS },
  { streak: 3, stepMs: 10_000 },
  { streak: 10, stepMs: 30_000, firstLookMs: 10_000 },
];

/** A schedule slowed for trusted callbacks after `streak` final states in a row announced by them (never faster than the schedule). */
export function callbackSchedule(schedule: PollSchedule, streak: number): PollSchedule {
  let level = CALLBACK_STEPS[0]!;
  for (const candidate of CALLBACK_STEPS) if (streak >= candidate.streak) level = candidate;
  return {
    ...schedule,
    fastIntervalMs: Math.max(schedule.fastIntervalMs, level.stepMs),
    firstDelayMs: Math.max(schedule.firstDelayMs, level.firstLookMs ?? 0),
  };
}

export interface DriverCallbacks {
  /** True while callbacks are heard and none is overdue; false puts polling back on the normal schedule. */
  trusted(): boolean;
  /** A poll found a final state no callback announced: the callback is overdue. */
  missed?(referenceId: string): void;
  /** A callback's status call found a final state: one more announced in a row. */
  confirmed?(referenceId: string): void;
  /** Final states announced by callbacks in a row (0 after a miss); the counter step grows with it. */
  streak?(): number;
}

interface MomoErrorLike {
  name: string;
  code: string;
  httpStatus?: number;
  operation?: string;
  notSent?: boolean;
  message: string;
}

export const asMomoError = (error: unknown): MomoErrorLike | undefined =>
  error && typeof error === 'object' && (error as { name?: unknown }).name === 'MomoError' ? (error as MomoErrorLike) : undefined;

export function createMovementDriver<M extends Movement>(
  kind: MovementKind<M>,
  options: { now?: () => number; log?: (line: string) => void; alive?: () => boolean; callbacks?: DriverCallbacks } = {},
): MovementDriver<M> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const timers = new Map<string, NodeJS.Timeout>();
  const queues = new Map<string, Promise<unknown>>();
  /** When each movement was last sent (the polling window of most kinds). */
  const sentAt = new Map<string, number>();
  /** Status checks in a row answered 404, per movement. */
  const notFoundStreak = new Map<string, number>();
  let stopped = false;
  const alive = () => !stopped && (options.alive?.() ?? true);

  const current = (id: string): M => {
    const movement = kind.get(id);
    if (!movement) throw new PosError('NOT_FOUND', 'error.movements.noSuch', { noun: kind.noun });
    return movement;
  };

  const transition = (movement: M, to: PaymentStatus, detail: TransitionDetail = {}): M => {
    if (movement.status === to) return movement;
    const next = kind.transition(movement, to, detail);
    if (isFinal(to)) {
      cancelTimer(movement.id);
      sentAt.delete(movement.id);
      notFoundStreak.delete(movement.id);
    }
    kind.onChange?.(next, movement.status);
    return next;
  };

  function serial<T>(id: string, step: () => Promise<T>): Promise<T> {
    const previous = queues.get(id) ?? Promise.resolve();
    const next = previous.then(step, step);
    const settled = next.catch(() => undefined);
    queues.set(id, settled);
    void settled.then(() => {
      if (queues.get(id) === settled) queues.delete(id);
    });
    return next;
  }

  const cancelTimer = (id: string) => {
    const timer = timers.get(id);
    if (timer) clearTimeout(timer);
    timers.delete(id);
  };

  const later = (id: string, delay: number, step: () => Promise<unknown>) => {
    if (!alive()) return;
    cancelTimer(id);
    const timer = setTimeout(() => {
      timers.delete(id);
      if (!alive()) return;
      void serial(id, step).catch((error) => log(`${kind.noun} ${id}: ${String(error)}`));
    }, delay);
    if (kind.unrefTimers) timer.unref?.();
    timers.set(id, timer);
  };

  const elapsed = (movement: M) =>
    now() - (kind.windowFrom === 'created' ? Date.parse(movement.createdAt) : (sentAt.get(movement.id) ?? Date.parse(movement.createdAt)));

  // ---- sending ----------------------------------------------------------

  async function send(id: string): Promise<void> {
    let movement = current(id);
    if (!movement.referenceId) return;
    if (movement.status === 'recorded' || movement.status === 'unknown') movement = transition(movement, 'sending', { source: 'post' });
    else if (movement.status !== 'sending' || sentAt.has(id)) return;
    sentAt.set(id, now());
    try {
      const refused = await kind.send(movement, kind.callOptions?.(movement) ?? {});
      if (refused) {
        transition(current(id), 'failed', { source: 'post', ...refused });
        return;
      }
      transition(current(id), 'pending', { source: 'post' });
      pollLater(id);
    } catch (error) {
      const momo = asMomoError(error);
      const outcome = afterSendFailure({ httpStatus: momo?.httpStatus, code: momo ? normaliseReasonCode(momo.code) : 'NETWORK', neverLeft: momo ? provablyNotSent(momo) : false });
      if (outcome.to === 'pending') {
        // MoMo already has this reference: it was received before. Follow it.
        transition(current(id), 'pending', { source: 'post', note: 'reference already received (409)' });
        pollLater(id);
      } else if (outcome.to === 'failed') {
        // Refused on purpose, or it never left the machine: nothing is on its way.
        transition(current(id), 'failed', { source: 'post', reasonCode: outcome.reasonCode, ...(momo ? { reasonMessage: momo.message } : {}) });
      } else {
        // No answer, a timeout or a server error: MoMo may or may not have it.
        transition(current(id), 'unknown', { source: 'post', reasonCode: outcome.reasonCode, note: momo?.message ?? String(error) });
        resolveLater(id, 0);
      }
    }
  }

  // ---- looking up ---------------------------------------------------------

  async function lookUp(id: string, source: string): Promise<{ movement: M; notReceived: boolean }> {
    let movement = current(id);
    if (isFinal(movement.status) || !movement.referenceId) return { movement, notReceived: false };
    try {
      const answer = await kind.status(movement, kind.callOptions?.(movement) ?? {});
      kind.touchCheck?.(id);
      notFoundStreak.delete(id);
      movement = current(id);
      const to = statusFromMomo(answer.status, answer.reason?.code);
      if (to === 'pending') {
        const reopen = movement.status === 'unknown' || movement.status === 'sending' || (kind.reopenTimedOut === true && movement.status === 'timed_out');
        if (reopen) movement = transition(movement, 'pending', { source });
        return { movement, notReceived: false };
      }
      const detail: TransitionDetail = { source };
      if (answer.reason?.code) detail.reasonCode = answer.reason.code;
      if (answer.reason?.message) detail.reasonMessage = answer.reason.message;
      if (answer.financialTransactionId) detail.financialTransactionId = answer.financialTransactionId;
      if (to !== 'successful' && !detail.reasonCode) detail.reasonCode = 'UNSPECIFIED';
      return { movement: transition(movement, to, detail), notReceived: false };
    } catch (error) {
      const momo = asMomoError(error);
      kind.touchCheck?.(id);
      if (momo?.httpStatus === 404) {
        notFoundStreak.set(id, (notFoundStreak.get(id) ?? 0) + 1);
        return { movement: current(id), notReceived: true };
      }
      notFoundStreak.delete(id);
      log(`status of ${kind.noun} ${id} not known yet: ${momo?.code ?? String(error)}`);
      return { movement: current(id), notReceived: false };
    }
  }

  /** MoMo took it (202) but keeps answering 404 past the fast phase: it lost it, no money can move on it. */
  const isLostAtMomo = (movement: M) =>
    kind.lostAfterNotFound !== undefined && (notFoundStreak.get(movement.id) ?? 0) >= kind.lostAfterNotFound && elapsed(movement) >= kind.schedule(movement).fastPhaseMs;

  const lostAtMomo = (movement: M, source: string): M =>
    transition(movement, 'failed', { source, reasonCode: 'RESOURCE_NOT_FOUND', note: `MoMo answered 404 to ${notFoundStreak.get(movement.id) ?? 1} status checks in a row` });

  const trusted = () => options.callbacks?.trusted() === true;

  /** The kind's schedule, its counter phase slowed while callbacks are trusted (more as they keep arriving). */
  function scheduleOf(movement: M): PollSchedule {
    const schedule = kind.schedule(movement);
    return trusted() ? callbackSchedule(schedule, options.callbacks?.streak?.() ?? 0) : schedule;
  }

  function pollLater(id: string, previousDelay?: number): void {
    const movement = current(id);
    const normalDelay = nextPollDelay(kind.schedule(movement), elapsed(movement), previousDelay);
    const delay = nextPollDelay(scheduleOf(movement), elapsed(movement), previousDelay);
    if (delay === undefined) {
      if (kind.atWindowEnd === 'expired' && movement.status === 'pending') {
        // MoMo still says pending after the validity and its grace: nobody can pay it any more.
        transition(movement, 'expired', { source: 'poll', reasonCode: 'EXPIRED', note: 'past its validity' });
      } else if (movement.status === 'pending' || movement.status === 'unknown') transition(movement, 'timed_out', { source: 'poll' });
      return;
    }
    const poll = async () => {
      const { movement: after, notReceived } = await lookUp(id, 'poll');
      if (isFinal(after.status) && after.referenceId) options.callbacks?.missed?.(after.referenceId);
      if (isFinal(after.status) || after.status === 'timed_out') return;
      if (notReceived && after.status === 'unknown') return resendOrGiveUp(id);
      if (notReceived && isLostAtMomo(after)) return void lostAtMomo(after, 'poll');
      pollLater(id, delay);
    };
    if (normalDelay === undefined || delay <= normalDelay) return later(id, delay, poll);
    // Slowed by trusted callbacks: trust is looked at every normal step (no call), and the poll goes at once
    // when it is gone (a callback overdue elsewhere, or the listening connection dropped).
    const dueAt = now() + delay;
    const watch = (wait: number) =>
      later(id, wait, async () => {
        const remaining = dueAt - now();
        if (remaining <= 0 || !trusted()) return poll();
        watch(Math.min(remaining, normalDelay));
      });
    watch(normalDelay);
  }

  /** Unknown outcome: ask about the same reference until MoMo says something. */
  function resolveLater(id: string, attempt: number): void {
    const movement = current(id);
    if (elapsed(movement) >= kind.schedule(movement).windowMs) {
      transition(movement, 'timed_out', { source: 'poll', note: 'outcome still unknown at the end of the window' });
      return;
    }
    later(id, attempt === 0 ? 0 : resolveRetryDelay(attempt), async () => {
      const { movement: after, notReceived } = await lookUp(id, 'resolve');
      if (isFinal(after.status)) return;
      if (notReceived) return resendOrGiveUp(id);
      if (after.status === 'pending') return pollLater(id, kind.schedule(after).fastIntervalMs);
      resolveLater(id, attempt + 1);
    });
  }

  /** MoMo never received it: send it again with the same reference, if the kind's policy still allows. */
  async function resendOrGiveUp(id: string): Promise<void> {
    const movement = current(id);
    if (!kind.maySend(movement, 'resend')) {
      transition(movement, 'failed', { source: 'resolve', reasonCode: 'NOT_SENT', note: kind.notSentNote });
      return;
    }
    await send(id);
  }

  return {
    start(id) {
      void serial(id, () => send(id)).catch((error) => log(`${kind.noun} ${id}: ${String(error)}`));
    },

    recheck(id) {
      current(id);
      return serial(id, async () => {
        const before = current(id);
        if (isFinal(before.status) || !before.referenceId) return before;
        if (before.status === 'recorded') {
          if (kind.maySend(before, 'recovery')) await send(id);
          else transition(before, 'failed', { source: 'recheck', reasonCode: 'NOT_SENT', note: kind.notSentNote });
          return current(id);
        }
        const { movement, notReceived } = await lookUp(id, 'recheck');
        if (!notReceived) return movement;
        if (movement.status === 'timed_out') return transition(movement, 'failed', { source: 'recheck', reasonCode: 'NOT_SENT', note: `MoMo has no record of this ${kind.noun}` });
        if (movement.status === 'sending') transition(movement, 'unknown', { source: 'recheck', note: 'MoMo has no record of it yet' });
        if (movement.status === 'sending' || movement.status === 'unknown') await resendOrGiveUp(id);
        return current(id);
      });
    },

    async recover() {
      for (const movement of kind.unfinished()) {
        if (!movement.referenceId) continue;
        await serial(movement.id, async () => {
          switch (movement.status) {
            case 'recorded':
              // Never sent: send now if the kind still may, else it never goes.
              if (kind.maySend(movement, 'recovery')) return send(movement.id);
              transition(movement, 'failed', { source: 'recovery', reasonCode: 'NOT_SENT', note: 'the app stopped before it was sent' });
              return;
            case 'sending':
              // The POST may or may not have left: never resend blindly, look it up.
              transition(movement, 'unknown', { source: 'recovery', note: 'the app stopped while sending' });
              return resolveLater(movement.id, 0);
            case 'unknown':
              return resolveLater(movement.id, 0);
            case 'pending':
              return pollLater(movement.id, kind.schedule(movement).fastIntervalMs);
            case 'timed_out': {
              // After the window, a 404 is MoMo's last word (as "Check now" treats it).
              const { movement: after, notReceived } = await lookUp(movement.id, 'recovery');
              if (notReceived && after.status === 'timed_out') transition(after, 'failed', { source: 'recovery', reasonCode: 'NOT_SENT', note: `MoMo has no record of this ${kind.noun}` });
              return;
            }
            default:
              return;
          }
        });
      }
    },

    serial,
    lookUp,
    transition,
    current,

    async idle() {
      for (let i = 0; i < 1000 && queues.size > 0; i++) await Promise.all([...queues.values()]);
    },

    stop() {
      stopped = true;
      for (const id of [...timers.keys()]) cancelTimer(id);
    },

    async hint(referenceId) {
      if (!alive()) return false;
      // Only a movement this driver is polling: final ones, other tills' and made-up references change nothing.
      const id = [...timers.keys()].find((candidate) => kind.get(candidate)?.referenceId === referenceId);
      if (!id) return false;
      const checked = await serial(id, async () => {
        const movement = current(id);
        if (isFinal(movement.status)) return false;
        const { movement: after } = await lookUp(id, 'callback');
        if (isFinal(after.status)) options.callbacks?.confirmed?.(referenceId);
        return true;
      });
      return checked;
    },
  };
}

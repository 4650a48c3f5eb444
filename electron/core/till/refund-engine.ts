/**
 * MoMo refunds through Disbursement, with the payment engine's discipline:
 * - the refund row and its reference id (UUID v4) are in the ledger before
 *   the request leaves the machine;
 * - the status is learned by GET on that same reference; a lost answer is
 *   never guessed, and only a 404 ("never received") leads to sending it
 *   again — with the same reference, so the customer is never paid twice;
 * - a new reference only ever comes with a new refund row, which the ledger
 *   allows once the earlier one is final (dead refunds free their amount);
 * - every status change goes through ledger.transitionRefund (one event each).
 *
 * `via: 'refund'` refunds the original request to pay (referenceIdToRefund);
 * `via: 'transfer'` pays the payer back by transfer, where the market's
 * subscription does not offer refunds (MOMO.md "Disbursement").
 */
import { PosError } from '../../../shared/errors';
import { toDecimalString, type Currency } from '../../../shared/money';
import { normaliseReasonCode } from '../../../shared/momo-vocabulary';
import { refundTexts } from '../../../shared/momo-text';
import { afterSendFailure, isFinal, type PaymentStatus } from '../../../shared/payment-states';
import type { Ledger, Refund } from '../ledger';
import { provablyNotSent, type DisbursementOperations } from '../momo';
import { DEFAULT_SCHEDULE, nextPollDelay, statusFromMomo, type PollSchedule } from '../payments';

export interface RefundEngineOptions {
  ledger: Ledger;
  disbursement: () => DisbursementOperations;
  /** The shop's name as the merchant typed it: the customer sees who pays back (cleaned by shared/momo-text). */
  shopName: () => string;
  schedule?: PollSchedule;
  onChange?: (refund: Refund) => void;
  log?: (line: string) => void;
  now?: () => number;
}

export interface RefundEngine {
  /** Sends a recorded MoMo refund (in the background). */
  start(refundId: string): void;
  /** One status call now, on the same reference. */
  recheck(refundId: string): Promise<Refund>;
  /** After a restart: every unfinished MoMo refund resumes. */
  recover(): Promise<void>;
  idle(): Promise<void>;
  stop(): void;
}

interface MomoErrorLike {
  name: string;
  code: string;
  httpStatus?: number;
  operation?: string;
  notSent?: boolean;
  message: string;
}

/** Delays between attempts to learn the outcome of a request whose answer was lost (as for payments). */
const resolveRetryDelay = (attempt: number) => Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5));

const asMomoError = (error: unknown): MomoErrorLike | undefined =>
  error && typeof error === 'object' && (error as { name?: unknown }).name === 'MomoError' ? (error as MomoErrorLike) : undefined;


export function createRefundEngine(options: RefundEngineOptions): RefundEngine {
  const { ledger } = options;
  const schedule = options.schedule ?? DEFAULT_SCHEDULE;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const timers = new Map<string, NodeJS.Timeout>();
  const queues = new Map<string, Promise<unknown>>();
  const sentAt = new Map<string, number>();
  let stopped = false;

  const alive = () => !stopped && ledger.db.open;

  const current = (refundId: string): Refund => {
    const refund = ledger.getRefund(refundId);
    if (!refund) throw new PosError('NOT_FOUND', 'No such refund.');
    return refund;
  };

  const transition = (refund: Refund, to: PaymentStatus, detail: Parameters<Ledger['transitionRefund']>[2] = {}): Refund => {
    if (refund.status === to) return refund;
    const next = ledger.transitionRefund(refund.id, to, detail);
    if (isFinal(to)) cancelTimer(refund.id);
    options.onChange?.(next);
    return next;
  };

  function serial<T>(refundId: string, step: () => Promise<T>): Promise<T> {
    const previous = queues.get(refundId) ?? Promise.resolve();
    const next = previous.then(step, step);
    const settled = next.catch(() => undefined);
    queues.set(refundId, settled);
    void settled.then(() => {
      if (queues.get(refundId) === settled) queues.delete(refundId);
    });
    return next;
  }

  const cancelTimer = (refundId: string) => {
    const timer = timers.get(refundId);
    if (timer) clearTimeout(timer);
    timers.delete(refundId);
  };

  const later = (refundId: string, delay: number, step: () => Promise<unknown>) => {
    if (!alive()) return;
    cancelTimer(refundId);
    const timer = setTimeout(() => {
      timers.delete(refundId);
      if (!alive()) return;
      void serial(refundId, step).catch((error) => log(`refund ${refundId}: ${String(error)}`));
    }, delay);
    timer.unref?.();
    timers.set(refundId, timer);
  };

  const elapsed = (refund: Refund) => now() - (sentAt.get(refund.id) ?? Date.parse(refund.createdAt));

  async function send(refundId: string): Promise<void> {
    let refund = current(refundId);
    if (refund.method !== 'momo' || (refund.status !== 'recorded' && refund.status !== 'unknown')) return;
    const sale = ledger.getSale(refund.saleId);
    const referenceId = refund.referenceId;
    if (!sale || !referenceId) return;
    refund = transition(refund, 'sending', { source: 'post' });
    sentAt.set(refundId, now());
    const amount = toDecimalString(refund.amountMinor, refund.currency as Currency);
    const { payerMessage, payeeNote } = refundTexts({ shopName: options.shopName(), receiptNumber: sale.receiptNumber });
    try {
      if (refund.via === 'transfer') {
        await options.disbursement().transfer({
          referenceId,
          amount,
          currency: refund.currency,
          externalId: sale.receiptNumber,
          payee: { partyIdType: 'MSISDN', partyId: refund.msisdn! },
          payerMessage,
          payeeNote,
        });
      } else {
        const paidBy = ledger.paymentsForSale(sale.id).find((payment) => payment.status === 'successful');
        if (!paidBy) {
          transition(current(refundId), 'failed', { source: 'post', reasonCode: 'NOT_PAID_BY_MOMO', reasonMessage: 'The sale has no successful MoMo payment to refund.' });
          return;
        }
        await options.disbursement().refund({
          referenceId,
          amount,
          currency: refund.currency,
          externalId: sale.receiptNumber,
          payerMessage,
          payeeNote,
          referenceIdToRefund: paidBy.referenceId,
        });
      }
      transition(current(refundId), 'pending', { source: 'post' });
      pollLater(refundId);
    } catch (error) {
      const momo = asMomoError(error);
      const outcome = afterSendFailure({ httpStatus: momo?.httpStatus, code: momo ? normaliseReasonCode(momo.code) : 'NETWORK', neverLeft: momo ? provablyNotSent(momo) : false });
      if (outcome.to === 'pending') {
        // MoMo already has this reference: it arrived before. Follow it.
        transition(current(refundId), 'pending', { source: 'post', note: 'reference already received (409)' });
        pollLater(refundId);
      } else if (outcome.to === 'failed') {
        // Refused on purpose, or it never left the machine (MTN unreachable, keys refused, no Disbursement keys).
        transition(current(refundId), 'failed', { source: 'post', reasonCode: outcome.reasonCode, ...(momo ? { reasonMessage: momo.message } : {}) });
      } else {
        transition(current(refundId), 'unknown', { source: 'post', reasonCode: outcome.reasonCode, note: momo?.message ?? String(error) });
        resolveLater(refundId, 0);
      }
    }
  }

  async function lookUp(refundId: string, source: string): Promise<{ refund: Refund; notReceived: boolean }> {
    let refund = current(refundId);
    if (isFinal(refund.status) || !refund.referenceId) return { refund, notReceived: false };
    try {
      const d = options.disbursement();
      const answer = refund.via === 'transfer' ? await d.getTransferStatus(refund.referenceId) : await d.getRefundStatus(refund.referenceId);
      refund = current(refundId);
      const to = statusFromMomo(answer.status, answer.reason?.code);
      if (to === 'pending') {
        if (refund.status === 'unknown' || refund.status === 'sending' || refund.status === 'timed_out') refund = transition(refund, 'pending', { source });
        return { refund, notReceived: false };
      }
      const detail: Parameters<Ledger['transitionRefund']>[2] = { source };
      if (answer.reason?.code) detail.reasonCode = answer.reason.code;
      if (answer.reason?.message) detail.reasonMessage = answer.reason.message;
      if (answer.financialTransactionId) detail.financialTransactionId = answer.financialTransactionId;
      if (to !== 'successful' && !detail.reasonCode) detail.reasonCode = 'UNSPECIFIED';
      return { refund: transition(refund, to, detail), notReceived: false };
    } catch (error) {
      const momo = asMomoError(error);
      if (momo?.httpStatus === 404) return { refund: current(refundId), notReceived: true };
      log(`status of refund ${refundId} not known yet: ${momo?.code ?? String(error)}`);
      return { refund: current(refundId), notReceived: false };
    }
  }

  function pollLater(refundId: string, previousDelay?: number): void {
    const refund = current(refundId);
    const delay = nextPollDelay(schedule, elapsed(refund), previousDelay);
    if (delay === undefined) {
      if (refund.status === 'pending' || refund.status === 'unknown') transition(refund, 'timed_out', { source: 'poll' });
      return;
    }
    later(refundId, delay, async () => {
      const { refund: after, notReceived } = await lookUp(refundId, 'poll');
      if (isFinal(after.status) || after.status === 'timed_out') return;
      if (notReceived && after.status === 'unknown') return resendOrGiveUp(refundId);
      pollLater(refundId, delay);
    });
  }

  function resolveLater(refundId: string, attempt: number): void {
    const refund = current(refundId);
    if (elapsed(refund) >= schedule.windowMs) {
      transition(refund, 'timed_out', { source: 'poll', note: 'outcome still unknown at the end of the window' });
      return;
    }
    later(refundId, attempt === 0 ? 0 : resolveRetryDelay(attempt), async () => {
      const { refund: after, notReceived } = await lookUp(refundId, 'resolve');
      if (isFinal(after.status)) return;
      if (notReceived) return resendOrGiveUp(refundId);
      if (after.status === 'pending') return pollLater(refundId, schedule.fastIntervalMs);
      resolveLater(refundId, attempt + 1);
    });
  }

  /** MoMo never received it: send it again, same reference. A refund has no customer waiting at a prompt, so no age limit, only the window. */
  async function resendOrGiveUp(refundId: string): Promise<void> {
    const refund = current(refundId);
    if (now() - Date.parse(refund.createdAt) > schedule.windowMs) {
      transition(refund, 'failed', { source: 'resolve', reasonCode: 'NOT_SENT', note: 'MoMo never received the refund' });
      return;
    }
    await send(refundId);
  }

  return {
    start(refundId) {
      void serial(refundId, () => send(refundId)).catch((error) => log(`refund ${refundId}: ${String(error)}`));
    },

    recheck(refundId) {
      current(refundId);
      return serial(refundId, async () => {
        const before = current(refundId);
        if (isFinal(before.status) || before.method !== 'momo') return before;
        if (before.status === 'recorded') {
          await send(refundId);
          return current(refundId);
        }
        const { refund, notReceived } = await lookUp(refundId, 'recheck');
        if (notReceived && refund.status === 'timed_out') {
          return transition(refund, 'failed', { source: 'recheck', reasonCode: 'NOT_SENT', note: 'MoMo has no record of this refund' });
        }
        if (notReceived && !isFinal(refund.status)) {
          if (refund.status === 'sending') transition(refund, 'unknown', { source: 'recheck', note: 'MoMo has no record of it yet' });
          await resendOrGiveUp(refundId);
        }
        return current(refundId);
      });
    },

    async recover() {
      for (const refund of ledger.unfinishedRefunds()) {
        if (refund.method !== 'momo') continue;
        await serial(refund.id, async () => {
          switch (refund.status) {
            case 'recorded':
              // The manager approved it and it never left: send it now, with its stored reference.
              return send(refund.id);
            case 'sending':
              transition(refund, 'unknown', { source: 'recovery', note: 'the app stopped while sending' });
              return resolveLater(refund.id, 0);
            case 'unknown':
              return resolveLater(refund.id, 0);
            case 'pending':
              return pollLater(refund.id, schedule.fastIntervalMs);
            case 'timed_out':
              await lookUp(refund.id, 'recovery');
              return;
            default:
              return;
          }
        });
      }
    },

    async idle() {
      for (let i = 0; i < 1000 && queues.size > 0; i++) await Promise.all([...queues.values()]);
    },

    stop() {
      stopped = true;
      for (const id of [...timers.keys()]) cancelTimer(id);
    },
  };
}

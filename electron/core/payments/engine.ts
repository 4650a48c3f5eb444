/**
 * The payment engine: from "cashier pressed Charge" to a final, recorded
 * outcome, through crashes, network cuts and MoMo's own failures.
 *
 * Invariants (DESIGN.md):
 * 1. The sale and its reference id are in the ledger before any request to pay leaves.
 * 2. One sale never has two live requests: a new reference only after the
 *    previous one is final (the ledger refuses otherwise).
 * 3. After a restart every unfinished payment resumes (recover()).
 * 4. Every status change goes through ledger.transitionPayment (event appended).
 *
 * A lost answer is never guessed: the SAME reference is looked up; only a 404
 * (MoMo never received it) leads to sending it again, with the same reference.
 */
import { randomUUID } from 'node:crypto';
import { toDecimalString, parseAmount, type Currency } from '../../../shared/money';
import { parsePayerNumber, type PhoneRules } from '../../../shared/phone';
import { isFinal, type PaymentStatus } from '../../../shared/payment-states';
import { PosError } from '../../../shared/errors';
import { normaliseReasonCode } from '../../../shared/momo-vocabulary';
import { requestToPayTexts } from '../../../shared/momo-text';
import type { Ledger, Payment, Sale } from '../ledger';
import type { MomoClient, MomoExchange } from '../momo';
import { DEFAULT_SCHEDULE, nextPollDelay, resolveRetryDelay, type PollSchedule } from './schedule';

type Collection = MomoClient['collection'];

export interface PaymentEngineOptions {
  ledger: Ledger;
  collection: Collection;
  currency: Currency;
  phoneRules: PhoneRules;
  /** The shop's name as the merchant typed it: shown on the customer's phone with the prompt (cleaned by shared/momo-text). */
  shopName: () => string;
  schedule?: PollSchedule;
  onChange?: (payment: Payment, sale: Sale) => void;
  log?: (line: string) => void;
  now?: () => number;
}

export interface ChargeInput {
  phone: string;
  amount: string;
  note?: string;
  cashier?: string;
  payerName?: string;
}

export interface PaymentEngine {
  charge(input: ChargeInput): { sale: Sale; payment: Payment; phoneWarning?: string };
  /** The cashier's "check now": one status call. */
  recheck(paymentId: string): Promise<Payment>;
  cancelWaiting(paymentId: string): { sale: Sale; payment: Payment };
  retry(saleId: string): { sale: Sale; payment: Payment };
  recover(): Promise<void>;
  /** Resolves when every payment in flight has settled its current step (tests, shutdown). */
  idle(): Promise<void>;
  stop(): void;
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

interface MomoErrorLike {
  name: string;
  code: string;
  httpStatus?: number;
  message: string;
}

function asMomoError(error: unknown): MomoErrorLike | undefined {
  return error && typeof error === 'object' && (error as { name?: unknown }).name === 'MomoError' ? (error as MomoErrorLike) : undefined;
}

/** A refusal MoMo gave on purpose: the request was answered and will not go through. */
function isDefiniteRefusal(error: MomoErrorLike): boolean {
  const status = error.httpStatus;
  return status !== undefined && status >= 400 && status < 500 && ![401, 404, 408, 409, 429].includes(status);
}

export function createPaymentEngine(options: PaymentEngineOptions): PaymentEngine {
  const { ledger, collection } = options;
  const schedule = options.schedule ?? DEFAULT_SCHEDULE;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const timers = new Map<string, { timer: NodeJS.Timeout; delay?: number }>();
  const queues = new Map<string, Promise<unknown>>();
  /** When each payment's request to pay was last sent (for the polling window). */
  const sentAt = new Map<string, number>();
  let stopped = false;

  // Token exchanges are shared by all payments; the transcript of a payment
  // shows the token call that produced the token it used.
  let lastTokenExchange: MomoExchange | undefined;

  const notify = (payment: Payment) => {
    const sale = ledger.getSale(payment.saleId);
    if (sale) options.onChange?.(payment, sale);
  };

  const transition = (payment: Payment, to: PaymentStatus, detail: Parameters<Ledger['transitionPayment']>[2] = {}): Payment => {
    if (payment.status === to) return payment;
    const next = ledger.transitionPayment(payment.id, to, detail);
    notify(next);
    if (isFinal(to)) {
      cancelTimer(payment.id);
      sentAt.delete(payment.id);
    }
    return next;
  };

  /** One step at a time per payment: no two calls race on the same payment's state. */
  function serial<T>(paymentId: string, step: () => Promise<T>): Promise<T> {
    const previous = queues.get(paymentId) ?? Promise.resolve();
    const next = previous.then(step, step);
    const settled = next.catch(() => undefined);
    queues.set(paymentId, settled);
    void settled.then(() => {
      if (queues.get(paymentId) === settled) queues.delete(paymentId);
    });
    return next;
  }

  const recorder = (paymentId: string) => (exchange: MomoExchange) => {
    if (exchange.operation === 'token') lastTokenExchange = exchange;
    try {
      ledger.recordExchange(paymentId, exchange);
    } catch (error) {
      log(`could not record exchange for payment ${paymentId}: ${String(error)}`);
    }
  };

  const cancelTimer = (paymentId: string) => {
    const entry = timers.get(paymentId);
    if (entry) clearTimeout(entry.timer);
    timers.delete(paymentId);
  };

  const later = (paymentId: string, delay: number, step: () => Promise<unknown>) => {
    if (stopped) return;
    cancelTimer(paymentId);
    const timer = setTimeout(() => {
      timers.delete(paymentId);
      void serial(paymentId, step).catch((error) => log(`payment ${paymentId}: ${String(error)}`));
    }, delay);
    timers.set(paymentId, { timer, delay });
  };

  const current = (paymentId: string): Payment => {
    const payment = ledger.getPayment(paymentId);
    if (!payment) throw new PosError('NOT_FOUND', 'No such payment.');
    return payment;
  };

  // ---- sending ----------------------------------------------------------

  /**
   * Marks the payment `sending` (durably) and posts the request to pay.
   * A fresh charge arrives here already `sending`: it was recorded and
   * marked in one commit (one disk flush fewer before the prompt leaves).
   */
  async function send(paymentId: string): Promise<void> {
    let payment = current(paymentId);
    if (payment.status === 'recorded' || payment.status === 'unknown') payment = transition(payment, 'sending', { source: 'post' });
    else if (payment.status !== 'sending' || sentAt.has(paymentId)) return;
    const sale = ledger.getSale(payment.saleId)!;
    sentAt.set(paymentId, now());
    const record = recorder(paymentId);
    let tokenSeen = false;
    try {
      await collection.requestToPay(
        {
          referenceId: payment.referenceId,
          amount: toDecimalString(payment.amountMinor, payment.currency as Currency),
          currency: payment.currency,
          externalId: payment.externalId,
          payer: { partyIdType: 'MSISDN', partyId: payment.msisdn },
          ...requestToPayTexts({ shopName: options.shopName(), receiptNumber: sale.receiptNumber, note: sale.note }),
        },
        {
          onExchange: (exchange: MomoExchange) => {
            if (exchange.operation === 'token') tokenSeen = true;
            else if (!tokenSeen && lastTokenExchange) {
              tokenSeen = true;
              record(lastTokenExchange);
            }
            record(exchange);
          },
        },
      );
      payment = transition(current(paymentId), 'pending', { source: 'post' });
      pollLater(paymentId);
    } catch (error) {
      const momo = asMomoError(error);
      if (momo?.httpStatus === 409) {
        // MoMo already has this reference: it was received before. Follow it.
        transition(current(paymentId), 'pending', { source: 'post', note: 'reference already received (409)' });
        pollLater(paymentId);
      } else if (momo && isDefiniteRefusal(momo)) {
        transition(current(paymentId), 'failed', { source: 'post', reasonCode: normaliseReasonCode(momo.code), reasonMessage: momo.message });
      } else {
        // No answer, a timeout or a server error: MoMo may or may not have it.
        transition(current(paymentId), 'unknown', {
          source: 'post',
          reasonCode: momo ? normaliseReasonCode(momo.code) : 'NETWORK',
          note: momo?.message ?? String(error),
        });
        resolveLater(paymentId, 0);
      }
    }
  }

  // ---- looking up ---------------------------------------------------------

  /** One status call; applies what MoMo says. Returns whether MoMo had never received the request. */
  async function lookUp(paymentId: string, source: string): Promise<{ payment: Payment; notReceived: boolean; failed: boolean }> {
    let payment = current(paymentId);
    if (isFinal(payment.status)) return { payment, notReceived: false, failed: false };
    try {
      const answer = await collection.getRequestToPayStatus(payment.referenceId, { onExchange: recorder(paymentId) });
      ledger.touchPaymentCheck(paymentId);
      payment = current(paymentId);
      const to = statusFromMomo(answer.status, answer.reason?.code);
      if (to === 'pending') {
        if (payment.status === 'unknown' || payment.status === 'sending') payment = transition(payment, 'pending', { source });
        return { payment, notReceived: false, failed: false };
      }
      const detail: Parameters<Ledger['transitionPayment']>[2] = { source };
      if (answer.reason?.code) detail.reasonCode = answer.reason.code;
      if (answer.reason?.message) detail.reasonMessage = answer.reason.message;
      if (answer.financialTransactionId) detail.financialTransactionId = answer.financialTransactionId;
      if (to === 'failed' && !detail.reasonCode) detail.reasonCode = 'UNSPECIFIED';
      payment = transition(payment, to, detail);
      return { payment, notReceived: false, failed: false };
    } catch (error) {
      const momo = asMomoError(error);
      ledger.touchPaymentCheck(paymentId);
      if (momo?.httpStatus === 404) return { payment: current(paymentId), notReceived: true, failed: false };
      log(`status of payment ${paymentId} not known yet: ${momo?.code ?? String(error)}`);
      return { payment: current(paymentId), notReceived: false, failed: true };
    }
  }

  const elapsedSinceSent = (payment: Payment) => now() - (sentAt.get(payment.id) ?? Date.parse(payment.createdAt));

  function pollLater(paymentId: string, previousDelay?: number): void {
    const payment = current(paymentId);
    const delay = nextPollDelay(schedule, elapsedSinceSent(payment), previousDelay);
    if (delay === undefined) {
      if (payment.status === 'pending' || payment.status === 'unknown') transition(payment, 'timed_out', { source: 'poll' });
      return;
    }
    later(paymentId, delay, async () => {
      const { payment: after, notReceived } = await lookUp(paymentId, 'poll');
      if (isFinal(after.status) || after.status === 'timed_out') return;
      if (notReceived && after.status === 'unknown') return resendOrGiveUp(paymentId);
      pollLater(paymentId, delay);
    });
  }

  /** Unknown outcome: ask about the same reference until MoMo says something. */
  function resolveLater(paymentId: string, attempt: number): void {
    const payment = current(paymentId);
    if (elapsedSinceSent(payment) >= schedule.windowMs) {
      transition(payment, 'timed_out', { source: 'poll', note: 'outcome still unknown at the end of the window' });
      return;
    }
    later(paymentId, attempt === 0 ? 0 : resolveRetryDelay(attempt), async () => {
      const { payment: after, notReceived } = await lookUp(paymentId, 'resolve');
      if (isFinal(after.status)) return;
      if (notReceived) return resendOrGiveUp(paymentId);
      if (after.status === 'pending') return pollLater(paymentId, schedule.fastIntervalMs);
      resolveLater(paymentId, attempt + 1);
    });
  }

  /** MoMo never received it: send it again with the same reference, unless the customer has surely left. */
  async function resendOrGiveUp(paymentId: string): Promise<void> {
    const payment = current(paymentId);
    const age = now() - Date.parse(payment.createdAt);
    if (age > schedule.fastPhaseMs) {
      transition(payment, 'failed', { source: 'resolve', reasonCode: 'NOT_SENT', note: 'MoMo never received the request and the customer has likely left' });
      return;
    }
    await send(paymentId);
  }

  // ---- the public face -----------------------------------------------------

  return {
    charge(input) {
      const payer = parsePayerNumber(input.phone, options.phoneRules);
      const amountMinor = parseAmount(input.amount, options.currency);
      // Invariant 1: sale, reference and `sending` are on disk (one commit) before the request leaves.
      const { sale, payment } = ledger.db.transaction(() => {
        const recorded = ledger.createMomoSale({
          amountMinor,
          currency: options.currency,
          msisdn: payer.msisdn,
          referenceId: randomUUID(),
          ...(input.note ? { note: input.note } : {}),
          ...(input.cashier ? { cashier: input.cashier } : {}),
          ...(input.payerName ? { payerName: input.payerName } : {}),
        });
        return { sale: recorded.sale, payment: ledger.transitionPayment(recorded.payment.id, 'sending', { source: 'post' }) };
      })();
      notify(payment);
      void serial(payment.id, () => send(payment.id)).catch((error) => log(`charge ${payment.id}: ${String(error)}`));
      return payer.warning ? { sale, payment, phoneWarning: payer.warning } : { sale, payment };
    },

    recheck(paymentId) {
      current(paymentId);
      return serial(paymentId, async () => {
        const before = current(paymentId);
        if (isFinal(before.status)) return before;
        const { payment, notReceived } = await lookUp(paymentId, 'recheck');
        if (notReceived && (payment.status === 'unknown' || payment.status === 'timed_out' || payment.status === 'sending')) {
          if (payment.status === 'timed_out') {
            return transition(payment, 'failed', { source: 'recheck', reasonCode: 'NOT_SENT', note: 'MoMo has no record of this request' });
          }
          await resendOrGiveUp(paymentId);
        }
        return current(paymentId);
      });
    },

    cancelWaiting(paymentId) {
      const payment = current(paymentId);
      const sale = ledger.setSaleWaitingCancelled(payment.saleId);
      notify(payment);
      return { sale, payment };
    },

    retry(saleId) {
      const payment = ledger.db.transaction(() => ledger.transitionPayment(ledger.addPaymentAttempt(saleId, randomUUID()).id, 'sending', { source: 'post' }))();
      notify(payment);
      void serial(payment.id, () => send(payment.id)).catch((error) => log(`retry ${payment.id}: ${String(error)}`));
      return { sale: ledger.getSale(saleId)!, payment };
    },

    async recover() {
      for (const payment of ledger.unfinishedPayments()) {
        const age = now() - Date.parse(payment.createdAt);
        await serial(payment.id, async () => {
          switch (payment.status) {
            case 'recorded':
              // Never sent. Send now only if the customer can still be at the counter.
              if (age <= schedule.fastPhaseMs) return send(payment.id);
              transition(payment, 'failed', { source: 'recovery', reasonCode: 'NOT_SENT', note: 'the app stopped before the prompt was sent' });
              return;
            case 'sending':
              // The POST may or may not have left: never resend blindly, look it up.
              transition(payment, 'unknown', { source: 'recovery', note: 'the app stopped while sending' });
              return resolveLater(payment.id, 0);
            case 'unknown':
              return resolveLater(payment.id, 0);
            case 'pending':
              return pollLater(payment.id, schedule.fastIntervalMs);
            case 'timed_out': {
              await lookUp(payment.id, 'recovery');
              return;
            }
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

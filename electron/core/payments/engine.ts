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
import { afterSendFailure, isFinal, type PaymentStatus } from '../../../shared/payment-states';
import { PosError, ValidationError } from '../../../shared/errors';
import { normaliseReasonCode } from '../../../shared/momo-vocabulary';
import { requestToPayTexts, saleMessageText } from '../../../shared/momo-text';
import type { Ledger, Payment, Sale } from '../ledger';
import { provablyNotSent, type MomoClient, type MomoExchange } from '../momo';
import type { TextReceipts } from './text-receipts';
import { DEFAULT_SCHEDULE, INVOICE_GRACE_MS, INVOICE_SCHEDULE, nextPollDelay, resolveRetryDelay, type PollSchedule } from './schedule';

type Collection = MomoClient['collection'];

export interface PaymentEngineOptions {
  ledger: Ledger;
  collection: Collection;
  currency: Currency;
  phoneRules: PhoneRules;
  /** The shop's name as the merchant typed it: shown on the customer's phone with the prompt (cleaned by shared/momo-text). */
  shopName: () => string;
  schedule?: PollSchedule;
  /** Pay later: the slow schedule (default INVOICE_SCHEDULE; its window is each invoice's own validity). */
  invoiceSchedule?: PollSchedule;
  /** The shop's own MoMo number (E.164 digits): invoices are paid to it. */
  merchantMsisdn?: () => string | undefined;
  /** After a prompt is paid: its one text receipt (never waited for). */
  textReceipts?: TextReceipts;
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

export interface PayLaterInput extends ChargeInput {
  /** How long the customer may pay (default 24 hours, at most 30 days). */
  validHours?: number;
}

export const DEFAULT_INVOICE_HOURS = 24;
export const MAX_INVOICE_HOURS = 30 * 24;

export interface PaymentEngine {
  charge(input: ChargeInput): { sale: Sale; payment: Payment; phoneWarning?: string };
  /** Pay later: records the sale and the invoice's reference, then sends a MoMo invoice the customer pays from their phone. */
  payLater(input: PayLaterInput): { sale: Sale; payment: Payment; phoneWarning?: string };
  /** Cancels an open invoice at MoMo; a paid one stays paid (and is returned as such). */
  cancelInvoice(paymentId: string): Promise<Payment>;
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
  operation?: string;
  notSent?: boolean;
  message: string;
}

function asMomoError(error: unknown): MomoErrorLike | undefined {
  return error && typeof error === 'object' && (error as { name?: unknown }).name === 'MomoError' ? (error as MomoErrorLike) : undefined;
}

/**
 * Status checks in a row that MoMo answered 404 for a request it had taken
 * (202) before the payment ends RESOURCE_NOT_FOUND — and never before the
 * fast phase is over, so a status store that lags a few seconds behind the
 * 202 cannot end a payment the customer is about to approve.
 */
export const NOT_FOUND_CHECKS_LIMIT = 5;

export function createPaymentEngine(options: PaymentEngineOptions): PaymentEngine {
  const { ledger, collection } = options;
  const schedule = options.schedule ?? DEFAULT_SCHEDULE;
  const invoiceSchedule = options.invoiceSchedule ?? INVOICE_SCHEDULE;
  /** A prompt follows the counter's schedule; an invoice the slow one, its window ending a grace period after its validity. */
  const scheduleOf = (payment: Payment): PollSchedule =>
    payment.kind === 'invoice' && payment.validUntil
      ? { ...invoiceSchedule, windowMs: Date.parse(payment.validUntil) - Date.parse(payment.createdAt) + INVOICE_GRACE_MS }
      : schedule;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const timers = new Map<string, { timer: NodeJS.Timeout; delay?: number }>();
  const queues = new Map<string, Promise<unknown>>();
  /** When each payment's request to pay was last sent (for the polling window). */
  const sentAt = new Map<string, number>();
  /** Status checks in a row answered 404, per payment. */
  const notFoundStreak = new Map<string, number>();
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
    if (to === 'successful') options.textReceipts?.afterPaid(next);
    if (isFinal(to)) {
      cancelTimer(payment.id);
      sentAt.delete(payment.id);
      notFoundStreak.delete(payment.id);
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
    const callOptions = {
      onExchange: (exchange: MomoExchange) => {
        if (exchange.operation === 'token') tokenSeen = true;
        else if (!tokenSeen && lastTokenExchange) {
          tokenSeen = true;
          record(lastTokenExchange);
        }
        record(exchange);
      },
    };
    const amount = toDecimalString(payment.amountMinor, payment.currency as Currency);
    try {
      if (payment.kind === 'invoice') {
        const merchant = options.merchantMsisdn?.();
        if (!merchant) {
          transition(payment, 'failed', { source: 'post', reasonCode: 'NO_MERCHANT_NUMBER', note: "the shop's own MoMo number is not set" });
          return;
        }
        await collection.createInvoice(
          {
            referenceId: payment.referenceId,
            externalId: payment.externalId,
            amount,
            currency: payment.currency,
            // What is left of its validity: a resend (same reference) does not extend it.
            validityDuration: Math.max(60, Math.round((Date.parse(payment.validUntil!) - now()) / 1000)),
            intendedPayer: { partyIdType: 'MSISDN', partyId: payment.msisdn },
            payee: { partyIdType: 'MSISDN', partyId: merchant },
            description: saleMessageText({ shopName: options.shopName(), receiptNumber: sale.receiptNumber, note: sale.note }),
          },
          callOptions,
        );
      } else {
        await collection.requestToPay(
          {
            referenceId: payment.referenceId,
            amount,
            currency: payment.currency,
            externalId: payment.externalId,
            payer: { partyIdType: 'MSISDN', partyId: payment.msisdn },
            ...requestToPayTexts({ shopName: options.shopName(), receiptNumber: sale.receiptNumber, note: sale.note }),
          },
          callOptions,
        );
      }
      payment = transition(current(paymentId), 'pending', { source: 'post' });
      pollLater(paymentId);
    } catch (error) {
      const momo = asMomoError(error);
      const outcome = afterSendFailure({ httpStatus: momo?.httpStatus, code: momo ? normaliseReasonCode(momo.code) : 'NETWORK', neverLeft: momo ? provablyNotSent(momo) : false });
      if (outcome.to === 'pending') {
        // MoMo already has this reference: it was received before. Follow it.
        transition(current(paymentId), 'pending', { source: 'post', note: 'reference already received (409)' });
        pollLater(paymentId);
      } else if (outcome.to === 'failed') {
        // Refused on purpose, or it never left the machine: no prompt is on the phone, the cashier can retry or take cash now.
        transition(current(paymentId), 'failed', { source: 'post', reasonCode: outcome.reasonCode, ...(momo ? { reasonMessage: momo.message } : {}) });
      } else {
        // No answer, a timeout or a server error: MoMo may or may not have it.
        transition(current(paymentId), 'unknown', { source: 'post', reasonCode: outcome.reasonCode, note: momo?.message ?? String(error) });
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
      const answer =
        payment.kind === 'invoice'
          ? await collection.getInvoiceStatus(payment.referenceId, { onExchange: recorder(paymentId) })
          : await collection.getRequestToPayStatus(payment.referenceId, { onExchange: recorder(paymentId) });
      ledger.touchPaymentCheck(paymentId);
      notFoundStreak.delete(paymentId);
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
      if (momo?.httpStatus === 404) {
        notFoundStreak.set(paymentId, (notFoundStreak.get(paymentId) ?? 0) + 1);
        return { payment: current(paymentId), notReceived: true, failed: false };
      }
      notFoundStreak.delete(paymentId);
      log(`status of payment ${paymentId} not known yet: ${momo?.code ?? String(error)}`);
      return { payment: current(paymentId), notReceived: false, failed: true };
    }
  }

  // An invoice's window runs from when it was recorded (its validity does); a prompt's from when it was last sent.
  const elapsedSinceSent = (payment: Payment) =>
    now() - (payment.kind === 'invoice' ? Date.parse(payment.createdAt) : (sentAt.get(payment.id) ?? Date.parse(payment.createdAt)));

  function pollLater(paymentId: string, previousDelay?: number): void {
    const payment = current(paymentId);
    const delay = nextPollDelay(scheduleOf(payment), elapsedSinceSent(payment), previousDelay);
    if (delay === undefined) {
      if (payment.kind === 'invoice' && payment.status === 'pending') {
        // MoMo still says pending after the validity and its grace: the customer can no longer pay it.
        transition(payment, 'expired', { source: 'poll', reasonCode: 'EXPIRED', note: 'past its validity' });
      } else if (payment.status === 'pending' || payment.status === 'unknown') transition(payment, 'timed_out', { source: 'poll' });
      return;
    }
    later(paymentId, delay, async () => {
      const { payment: after, notReceived } = await lookUp(paymentId, 'poll');
      if (isFinal(after.status) || after.status === 'timed_out') return;
      if (notReceived && after.status === 'unknown') return resendOrGiveUp(paymentId);
      if (notReceived && isLostAtMomo(after)) return void lostAtMomo(after, 'poll');
      pollLater(paymentId, delay);
    });
  }

  /** Unknown outcome: ask about the same reference until MoMo says something. */
  function resolveLater(paymentId: string, attempt: number): void {
    const payment = current(paymentId);
    if (elapsedSinceSent(payment) >= scheduleOf(payment).windowMs) {
      transition(payment, 'timed_out', { source: 'poll', note: 'outcome still unknown at the end of the window' });
      return;
    }
    later(paymentId, attempt === 0 ? 0 : resolveRetryDelay(attempt), async () => {
      const { payment: after, notReceived } = await lookUp(paymentId, 'resolve');
      if (isFinal(after.status)) return;
      if (notReceived) return resendOrGiveUp(paymentId);
      if (after.status === 'pending') return pollLater(paymentId, scheduleOf(after).fastIntervalMs);
      resolveLater(paymentId, attempt + 1);
    });
  }

  /** Whether a request MoMo never received may still go: a prompt while the customer can be at the counter, an invoice while it is valid. */
  const maySend = (payment: Payment): boolean =>
    payment.kind === 'invoice' && payment.validUntil ? now() < Date.parse(payment.validUntil) : now() - Date.parse(payment.createdAt) <= schedule.fastPhaseMs;

  /**
   * MoMo took the request (202) but keeps answering 404 for it (it lost it,
   * or a training simulator restarted): no money can move on it. Final, with
   * that reason, so the screen and the transcript say the same.
   */
  const isLostAtMomo = (payment: Payment) => (notFoundStreak.get(payment.id) ?? 0) >= NOT_FOUND_CHECKS_LIMIT && elapsedSinceSent(payment) >= scheduleOf(payment).fastPhaseMs;

  function lostAtMomo(payment: Payment, source: string): Payment {
    return transition(payment, 'failed', { source, reasonCode: 'RESOURCE_NOT_FOUND', note: `MoMo answered 404 to ${notFoundStreak.get(payment.id) ?? 1} status checks in a row` });
  }

  /** MoMo never received it: send it again with the same reference, unless the customer has surely left. */
  async function resendOrGiveUp(paymentId: string): Promise<void> {
    const payment = current(paymentId);
    if (!maySend(payment)) {
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

    payLater(input) {
      const merchant = options.merchantMsisdn?.();
      if (!merchant) throw new PosError('CONFLICT', "Set the shop's own MoMo number in Settings first: invoices are paid to it.", 'phone');
      const payer = parsePayerNumber(input.phone, options.phoneRules);
      const amountMinor = parseAmount(input.amount, options.currency);
      const hours = input.validHours ?? DEFAULT_INVOICE_HOURS;
      if (!Number.isInteger(hours) || hours < 1 || hours > MAX_INVOICE_HOURS) {
        throw new ValidationError('validHours', `An invoice is valid for 1 to ${MAX_INVOICE_HOURS} hours.`);
      }
      if (payer.msisdn === merchant) throw new ValidationError('phone', "That is the shop's own MoMo number: type the customer's.");
      const validUntil = new Date(now() + hours * 3_600_000).toISOString();
      // Invariant 1 as for a charge: sale, reference and `sending` on disk (one commit) before the invoice leaves.
      const { sale, payment } = ledger.db.transaction(() => {
        const recorded = ledger.createMomoSale({
          amountMinor,
          currency: options.currency,
          msisdn: payer.msisdn,
          referenceId: randomUUID(),
          invoice: { validUntil },
          ...(input.note ? { note: input.note } : {}),
          ...(input.cashier ? { cashier: input.cashier } : {}),
        });
        return { sale: recorded.sale, payment: ledger.transitionPayment(recorded.payment.id, 'sending', { source: 'post' }) };
      })();
      notify(payment);
      void serial(payment.id, () => send(payment.id)).catch((error) => log(`invoice ${payment.id}: ${String(error)}`));
      return payer.warning ? { sale, payment, phoneWarning: payer.warning } : { sale, payment };
    },

    cancelInvoice(paymentId) {
      const first = current(paymentId);
      if (first.kind !== 'invoice') throw new PosError('CONFLICT', "Only an invoice can be cancelled: a prompt ends on the customer's phone.", 'paymentId');
      return serial(paymentId, async () => {
        const before = current(paymentId);
        if (isFinal(before.status)) return before;
        try {
          await collection.cancelInvoice(before.referenceId, { externalId: before.externalId }, { onExchange: recorder(paymentId) });
        } catch (error) {
          const momo = asMomoError(error);
          // 404: MoMo never had it, so nobody can pay it. Anything else: it may have been paid meanwhile — ask.
          if (momo?.httpStatus !== 404) {
            const { payment } = await lookUp(paymentId, 'cancel');
            if (isFinal(payment.status)) return payment;
            throw new PosError('MOMO', `MoMo did not cancel the invoice (${momo?.code ?? 'no answer'}). Try again in a moment.`);
          }
        }
        return transition(current(paymentId), 'rejected', { source: 'cancel', reasonCode: 'TRANSACTION_CANCELED', note: 'cancelled by the shop' });
      });
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
        await serial(payment.id, async () => {
          switch (payment.status) {
            case 'recorded':
              // Never sent. Send now only if the customer can still be at the counter (an invoice: while it is valid).
              if (maySend(payment)) return send(payment.id);
              transition(payment, 'failed', { source: 'recovery', reasonCode: 'NOT_SENT', note: 'the app stopped before the prompt was sent' });
              return;
            case 'sending':
              // The POST may or may not have left: never resend blindly, look it up.
              transition(payment, 'unknown', { source: 'recovery', note: 'the app stopped while sending' });
              return resolveLater(payment.id, 0);
            case 'unknown':
              return resolveLater(payment.id, 0);
            case 'pending':
              return pollLater(payment.id, scheduleOf(payment).fastIntervalMs);
            case 'timed_out': {
              // After the window, a 404 is MoMo's last word (as "Check now" treats it).
              const { payment: after, notReceived } = await lookUp(payment.id, 'recovery');
              if (notReceived && after.status === 'timed_out') transition(after, 'failed', { source: 'recovery', reasonCode: 'NOT_SENT', note: 'MoMo has no record of this request' });
              return;
            }
            default:
              return;
          }
        });
      }
      // Texts after the payments: recovery above may have just found some paid. Never waited on by a sale.
      void options.textReceipts?.recover().catch((error: unknown) => log(`text receipt recovery: ${String(error)}`));
    },

    async idle() {
      for (let i = 0; i < 1000 && queues.size > 0; i++) await Promise.all([...queues.values()]);
      await options.textReceipts?.idle();
    },

    stop() {
      stopped = true;
      for (const id of [...timers.keys()]) cancelTimer(id);
    },
  };
}

/**
 * The payment engine: from "cashier pressed Charge" to a final, recorded
 * outcome, through crashes, network cuts and MoMo's own failures.
 *
 * Invariants (docs/payment-states.md, "The promises"):
 * 1. The sale and its reference id are in the ledger before any request to pay leaves.
 * 2. One sale never has two live requests: a new reference only after the
 *    previous one is final (the ledger refuses otherwise).
 * 3. After a restart every unfinished payment resumes (recover()).
 * 4. Every status change goes through ledger.transitionPayment (event appended).
 *
 * A lost answer is never guessed: the SAME reference is looked up; only a 404
 * (MoMo never received it) leads to sending it again, with the same reference.
 * The loop that does so is the one money-movement driver (electron/core/movements);
 * this file says what a payment is to it: its ledger calls, its MoMo calls
 * (a request to pay, or an invoice for pay later), its schedule and its
 * resend policy (a prompt is not resent once the customer has surely left).
 */
import { randomUUID } from 'node:crypto';
import { toDecimalString, parseAmount, type Currency } from '../../../shared/money';
import { assertWithinLimit, type SaleLimit } from '../../../shared/limits';
import { parsePayerNumber, type PhoneRules } from '../../../shared/phone';
import { isFinal } from '../../../shared/payment-states';
import { latestPayment } from '../../../shared/messages';
import { PosError, ValidationError, type Notice } from '../../../shared/errors';
import { requestToPayTexts, saleMessageText } from '../../../shared/momo-text';
import type { Ledger, Payment, Sale } from '../ledger';
import type { MomoClient, MomoExchange } from '../momo';
import { asMomoError, createMovementDriver, DEFAULT_SCHEDULE, INVOICE_GRACE_MS, INVOICE_SCHEDULE, INVOICE_SCHEDULE_WITH_CALLBACKS, type DriverCallbacks, type MovementKind, type PollSchedule } from '../movements';
import type { TextReceipts } from './text-receipts';

type Collection = MomoClient['collection'];

export interface PaymentEngineOptions {
  ledger: Ledger;
  collection: Collection;
  currency: Currency;
  phoneRules: PhoneRules;
  /** The most one payment may be (shared/limits.ts); read at each charge, as a getter may change. None: only the ledger's bound. */
  saleLimit?: SaleLimit;
  /** The shop's name as the merchant typed it: shown on the customer's phone with the prompt (cleaned by shared/momo-text). */
  shopName: () => string;
  schedule?: PollSchedule;
  /** Pay later: the invoice schedule (default INVOICE_SCHEDULE; its window is each invoice's own validity). */
  invoiceSchedule?: PollSchedule;
  /** Pay later while callbacks are trusted: only the safety net (default INVOICE_SCHEDULE_WITH_CALLBACKS; a callback's hint asks at once). */
  invoiceScheduleWithCallbacks?: PollSchedule;
  /** The shop's own MoMo number (E.164 digits): invoices are paid to it. */
  merchantMsisdn?: () => string | undefined;
  /** After a prompt is paid: its one text receipt (never waited for). */
  textReceipts?: TextReceipts;
  onChange?: (payment: Payment, sale: Sale) => void;
  log?: (line: string) => void;
  now?: () => number;
  /** Callbacks relayed by head office: the URL put on each request, and whether polling may slow (see movements/driver.ts). */
  callbacks?: PaymentCallbacks;
}

export interface PaymentCallbacks extends DriverCallbacks {
  /** This till's callback URL for a reference; undefined while head office has not told the till its key. */
  urlFor(referenceId: string): string | undefined;
}

export interface ChargeInput {
  phone: string;
  amount: string;
  note?: string;
  cashier?: string;
  payerName?: string;
  /** The screen's id for this press of Charge: the same id answers the same sale and sends no second prompt. */
  requestId?: string;
  /** Go on although the same number has a payment of the same amount still waiting (the cashier was asked). */
  confirmDuplicate?: boolean;
}

export interface PayLaterInput extends ChargeInput {
  /** How long the customer may pay (default 24 hours, at most 30 days). */
  validHours?: number;
}

export const DEFAULT_INVOICE_HOURS = 24;
export const MAX_INVOICE_HOURS = 30 * 24;

/** How long an invoice stays payable: whole hours, 1 to 30 days (24 when not said). */
function invoiceHours(given: number | undefined): number {
  const hours = given ?? DEFAULT_INVOICE_HOURS;
  if (!Number.isInteger(hours) || hours < 1 || hours > MAX_INVOICE_HOURS) throw new ValidationError('validHours', 'error.payments.invoiceValid1Hours', { MAX_INVOICE_HOURS });
  return hours;
}

export interface PaymentEngine {
  charge(input: ChargeInput): { sale: Sale; payment: Payment; phoneWarning?: Notice };
  /** Pay later: records the sale and the invoice's reference, then sends a MoMo invoice the customer pays from their phone. */
  payLater(input: PayLaterInput): { sale: Sale; payment: Payment; phoneWarning?: Notice };
  /** Cancels an open invoice at MoMo; a paid one stays paid (and is returned as such). */
  cancelInvoice(paymentId: string): Promise<Payment>;
  /** The cashier's "check now": one status call. */
  recheck(paymentId: string): Promise<Payment>;
  cancelWaiting(paymentId: string): { sale: Sale; payment: Payment };
  /** A new attempt of the same kind as the last: a prompt again, or a new invoice (valid validHours, default 24) — never a prompt to a customer paying later. */
  retry(saleId: string, validHours?: number): { sale: Sale; payment: Payment };
  recover(): Promise<void>;
  /** Resolves when every payment in flight has settled its current step (tests, shutdown). */
  idle(): Promise<void>;
  stop(): void;
  /** A callback named this reference: one status call if it is a payment in flight; the callback's body is never used. */
  hint(referenceId: string): Promise<boolean>;
  /**
   * One status call for every payment MoMo has and has not given a final word on (waiting prompts,
   * open invoices, timed out or unknown ones), at most `timeoutMs` long: before a shift's opening
   * balance is read, so money MoMo settled while the app was closed is known before the reading.
   * Nothing is sent. Returns how many were asked.
   */
  checkUnfinished(timeoutMs?: number): Promise<number>;
}

/** How long a shift's opening may wait for checkUnfinished (the balance read itself is bounded apart). */
export const CHECK_UNFINISHED_TIMEOUT_MS = 6_000;
/** Statuses MoMo has the reference of (a recorded one never left; a sending one is being sent). */
const ASKABLE = new Set(['pending', 'unknown', 'timed_out']);

export { statusFromMomo } from '../movements';

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
  // Without callbacks, an invoice paid at once is seen within seconds; with them heard, the hint does that and polling slows.
  const invoiceSchedule = () => (options.callbacks?.trusted() ? (options.invoiceScheduleWithCallbacks ?? INVOICE_SCHEDULE_WITH_CALLBACKS) : (options.invoiceSchedule ?? INVOICE_SCHEDULE));
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const callbackUrlOf = (referenceId: string): { callbackUrl?: string } => {
    const url = options.callbacks?.urlFor(referenceId);
    return url ? { callbackUrl: url } : {};
  };

  // Token exchanges are shared by all payments; the transcript of a payment
  // shows the token call that produced the token it used.
  let lastTokenExchange: MomoExchange | undefined;

  const notify = (payment: Payment) => {
    const sale = ledger.getSale(payment.saleId);
    if (sale) options.onChange?.(payment, sale);
  };

  const recorder = (paymentId: string) => (exchange: MomoExchange) => {
    if (exchange.operation === 'token') lastTokenExchange = exchange;
    try {
      ledger.recordExchange(paymentId, exchange);
    } catch (error) {
      log(`could not record exchange for payment ${paymentId}: ${String(error)}`);
    }
  };

  /** A request's exchanges, with the token call behind the token it used when it made none itself. */
  const exchangesOf = (paymentId: string) => {
    const record = recorder(paymentId);
    let tokenSeen = false;
    return {
      onExchange: (exchange: MomoExchange) => {
        if (exchange.operation === 'token') tokenSeen = true;
        else if (!tokenSeen && lastTokenExchange) {
          tokenSeen = true;
          record(lastTokenExchange);
        }
        record(exchange);
      },
    };
  };

  /** What a payment is to the driver. */
  const kind: MovementKind<Payment> = {
    noun: 'payment',
    get: (id) => ledger.getPayment(id),
    transition: (payment, to, detail) => ledger.transitionPayment(payment.id, to, detail),
    unfinished: () => ledger.unfinishedPayments().filter((payment) => payment.kind === 'prompt'),
    touchCheck: (id) => ledger.touchPaymentCheck(id),
    callOptions: (payment) => ({ onExchange: recorder(payment.id) }),

    async send(payment) {
      const sale = ledger.getSale(payment.saleId)!;
      const amount = toDecimalString(payment.amountMinor, payment.currency as Currency);
      const callOptions = exchangesOf(payment.id);
      if (payment.kind === 'invoice') {
        const merchant = options.merchantMsisdn?.();
        if (!merchant) return { reasonCode: 'NO_MERCHANT_NUMBER', note: "the shop's own MoMo number is not set" };
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
            ...callbackUrlOf(payment.referenceId),
          },
          callOptions,
        );
        return undefined;
      }
      await collection.requestToPay(
        {
          referenceId: payment.referenceId,
          amount,
          currency: payment.currency,
          externalId: payment.externalId,
          payer: { partyIdType: 'MSISDN', partyId: payment.msisdn },
          ...requestToPayTexts({ shopName: options.shopName(), receiptNumber: sale.receiptNumber, note: sale.note }),
          ...callbackUrlOf(payment.referenceId),
        },
        callOptions,
      );
      return undefined;
    },

    status: (payment, callOptions) =>
      payment.kind === 'invoice' ? collection.getInvoiceStatus(payment.referenceId, callOptions) : collection.getRequestToPayStatus(payment.referenceId, callOptions),

    // A prompt follows the counter's schedule; an invoice its own, its window ending a grace period after its validity.
    schedule: (payment) =>
      payment.kind === 'invoice' && payment.validUntil
        ? { ...invoiceSchedule(), windowMs: Date.parse(payment.validUntil) - Date.parse(payment.createdAt) + INVOICE_GRACE_MS }
        : schedule,
    // Prompt: while the customer can still be at the counter. Invoice: while it is valid.
    maySend: (payment) =>
      payment.kind === 'invoice' && payment.validUntil ? now() < Date.parse(payment.validUntil) : now() - Date.parse(payment.createdAt) <= schedule.fastPhaseMs,
    notSentNote: 'MoMo never received the request and the customer has likely left',
    lostAfterNotFound: NOT_FOUND_CHECKS_LIMIT,

    onChange(payment) {
      notify(payment);
      if (payment.status === 'successful') options.textReceipts?.afterPaid(payment);
    },
  };
  // An invoice's window runs from when it was recorded and ends expired; the driver reads these per movement.
  const invoiceKind: MovementKind<Payment> = {
    ...kind,
    unfinished: () => ledger.unfinishedPayments().filter((payment) => payment.kind === 'invoice'),
    windowFrom: 'created',
    atWindowEnd: 'expired',
  };
  const driverCallbacks = options.callbacks ? { callbacks: options.callbacks } : {};
  const prompts = createMovementDriver(kind, { now, log, ...driverCallbacks });
  const invoices = createMovementDriver(invoiceKind, { now, log, ...driverCallbacks });
  const driverOf = (payment: Pick<Payment, 'kind'>) => (payment.kind === 'invoice' ? invoices : prompts);
  const driverFor = (paymentId: string) => {
    const payment = ledger.getPayment(paymentId);
    if (!payment) throw new PosError('NOT_FOUND', 'error.common.noSuchPayment');
    return driverOf(payment);
  };

  /**
   * Sale, reference and `sending` on disk in one commit before the request
   * leaves (invariant 1; one disk flush fewer), then sent in the background.
   */
  const sell = (payer: ReturnType<typeof parsePayerNumber>, input: ChargeInput, invoice?: { validUntil: string }) => {
    const amountMinor = parseAmount(input.amount, options.currency);
    // Above the limit nothing is recorded and nothing goes to MoMo (a prompt or an invoice alike).
    const limit = options.saleLimit;
    if (limit) assertWithinLimit(amountMinor, limit);
    const { sale, payment, replayed } = ledger.db.transaction(() => {
      const recorded = ledger.createMomoSale({
        amountMinor,
        currency: options.currency,
        msisdn: payer.msisdn,
        referenceId: randomUUID(),
        ...(invoice ? { invoice } : {}),
        ...(input.note ? { note: input.note } : {}),
        ...(input.cashier ? { cashier: input.cashier } : {}),
        ...(input.payerName ? { payerName: input.payerName } : {}),
        ...(input.requestId ? { requestId: input.requestId } : {}),
        refuseWhileWaiting: input.confirmDuplicate !== true,
      });
      // The same request again: the sale it already made, as it stands; nothing is sent a second time.
      if (recorded.replayed) return { sale: recorded.sale, payment: recorded.payment, replayed: true };
      return { sale: recorded.sale, payment: ledger.transitionPayment(recorded.payment.id, 'sending', { source: 'post' }), replayed: false };
    })();
    if (replayed) return payer.warning ? { sale, payment, phoneWarning: payer.warning } : { sale, payment };
    notify(payment);
    driverOf(payment).start(payment.id);
    return payer.warning ? { sale, payment, phoneWarning: payer.warning } : { sale, payment };
  };

  return {
    charge: (input) => sell(parsePayerNumber(input.phone, options.phoneRules), input),

    payLater(input) {
      const merchant = options.merchantMsisdn?.();
      if (!merchant) throw new PosError('CONFLICT', 'error.payments.setShopSOwn', {}, 'merchantMomoNumber');
      const payer = parsePayerNumber(input.phone, options.phoneRules);
      const hours = invoiceHours(input.validHours);
      if (payer.msisdn === merchant) throw new ValidationError('phone', 'error.payments.shopSOwnMomo');
      return sell(payer, input, { validUntil: new Date(now() + hours * 3_600_000).toISOString() });
    },

    cancelInvoice(paymentId) {
      const first = invoices.current(paymentId);
      if (first.kind !== 'invoice') throw new PosError('CONFLICT', 'error.payments.onlyInvoiceCanCancelled', {}, 'paymentId');
      return invoices.serial(paymentId, async () => {
        const before = invoices.current(paymentId);
        if (isFinal(before.status)) return before;
        try {
          await collection.cancelInvoice(before.referenceId, { externalId: before.externalId }, { onExchange: recorder(paymentId) });
        } catch (error) {
          const momo = asMomoError(error);
          // 404: MoMo never had it, so nobody can pay it. Anything else: it may have been paid meanwhile — ask.
          if (momo?.httpStatus !== 404) {
            const { movement } = await invoices.lookUp(paymentId, 'cancel');
            if (isFinal(movement.status)) return movement;
            throw new PosError('MOMO', 'error.payments.moMoDidNotCancel', { value: momo?.code ?? 'no answer' });
          }
        }
        return invoices.transition(invoices.current(paymentId), 'rejected', { source: 'cancel', reasonCode: 'TRANSACTION_CANCELED', note: 'cancelled by the shop' });
      });
    },

    recheck: (paymentId) => driverFor(paymentId).recheck(paymentId),

    cancelWaiting(paymentId) {
      const payment = prompts.current(paymentId);
      const sale = ledger.setSaleWaitingCancelled(payment.saleId);
      notify(payment);
      return { sale, payment };
    },

    retry(saleId, validHours) {
      const last = latestPayment(ledger.paymentsForSale(saleId));
      const invoice = last?.kind === 'invoice';
      if (invoice && !options.merchantMsisdn?.()) throw new PosError('CONFLICT', 'error.payments.setShopSOwn', {}, 'merchantMomoNumber');
      const attemptOptions = invoice ? { validUntil: new Date(now() + invoiceHours(validHours) * 3_600_000).toISOString() } : {};
      const payment = ledger.db.transaction(() => ledger.transitionPayment(ledger.addPaymentAttempt(saleId, randomUUID(), undefined, attemptOptions).id, 'sending', { source: 'post' }))();
      notify(payment);
      driverOf(payment).start(payment.id);
      return { sale: ledger.getSale(saleId)!, payment };
    },

    async recover() {
      await prompts.recover();
      await invoices.recover();
      // Texts after the payments: recovery above may have just found some paid. Never waited on by a sale.
      void options.textReceipts?.recover().catch((error: unknown) => log(`text receipt recovery: ${String(error)}`));
    },

    async hint(referenceId) {
      return (await prompts.hint(referenceId)) || (await invoices.hint(referenceId));
    },

    async checkUnfinished(timeoutMs = CHECK_UNFINISHED_TIMEOUT_MS) {
      const askable = ledger.unfinishedPayments().filter((payment) => ASKABLE.has(payment.status) && payment.referenceId);
      // Only looked up (serialised with the payment's own steps): a final answer ends its polling as a poll's would.
      const asked = Promise.allSettled(askable.map((payment) => driverOf(payment).serial(payment.id, () => driverOf(payment).lookUp(payment.id, 'before-reading'))));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([asked, late]);
      clearTimeout(timer);
      return askable.length;
    },

    async idle() {
      await Promise.all([prompts.idle(), invoices.idle()]);
      await options.textReceipts?.idle();
    },

    stop() {
      prompts.stop();
      invoices.stop();
    },
  };
}

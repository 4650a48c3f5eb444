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
 * The loop is the one money-movement driver (electron/core/movements); this
 * file says what a refund is to it. Its resend policy: a refund MoMo never
 * received goes again (same reference) within its window — nobody stands at
 * a prompt — and one recorded before a restart is always sent.
 *
 * `via: 'refund'` refunds the original request to pay (referenceIdToRefund);
 * `via: 'transfer'` pays the payer back by transfer, where the market's
 * subscription does not offer refunds (docs/momo.md "Disbursement").
 */
import { toDecimalString, type Currency } from '../../../shared/money';
import { refundTexts } from '../../../shared/momo-text';
import type { Ledger, Refund } from '../ledger';
import type { DisbursementOperations } from '../momo';
import type { PaymentCallbacks } from '../payments';
import { createMovementDriver, DEFAULT_SCHEDULE, type MovementKind, type PollSchedule } from '../movements';

export interface RefundEngineOptions {
  ledger: Ledger;
  disbursement: () => DisbursementOperations;
  /** The shop's name as the merchant typed it: the customer sees who pays back (cleaned by shared/momo-text). */
  shopName: () => string;
  schedule?: PollSchedule;
  onChange?: (refund: Refund) => void;
  log?: (line: string) => void;
  now?: () => number;
  /** Callbacks relayed by head office (live tills): the URL put on each refund or transfer, and whether polling may slow. */
  callbacks?: PaymentCallbacks;
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
  /** A callback named this reference: one status call if it is a refund in flight here; anything else changes nothing. */
  hint(referenceId: string): Promise<boolean>;
}

export function createRefundEngine(options: RefundEngineOptions): RefundEngine {
  const { ledger } = options;
  const schedule = options.schedule ?? DEFAULT_SCHEDULE;
  const now = options.now ?? Date.now;
  const callbackUrlOf = (referenceId: string): { callbackUrl?: string } => {
    const url = options.callbacks?.urlFor(referenceId);
    return url ? { callbackUrl: url } : {};
  };

  const kind: MovementKind<Refund> = {
    noun: 'refund',
    get: (id) => ledger.getRefund(id),
    transition: (refund, to, detail) => ledger.transitionRefund(refund.id, to, detail),
    unfinished: () => ledger.unfinishedRefunds().filter((refund) => refund.method === 'momo'),

    async send(refund) {
      const sale = ledger.getSale(refund.saleId);
      if (!sale) return { reasonCode: 'NOT_FOUND', note: 'the refunded sale is missing' };
      const amount = toDecimalString(refund.amountMinor, refund.currency as Currency);
      const { payerMessage, payeeNote } = refundTexts({ shopName: options.shopName(), receiptNumber: sale.receiptNumber });
      if (refund.via === 'transfer') {
        await options.disbursement().transfer({
          referenceId: refund.referenceId!,
          amount,
          currency: refund.currency,
          externalId: sale.receiptNumber,
          payee: { partyIdType: 'MSISDN', partyId: refund.msisdn! },
          payerMessage,
          payeeNote,
          ...callbackUrlOf(refund.referenceId!),
        });
        return undefined;
      }
      const paidBy = ledger.paymentsForSale(sale.id).find((payment) => payment.status === 'successful');
      if (!paidBy) return { reasonCode: 'NOT_PAID_BY_MOMO', reasonMessage: 'The sale has no successful MoMo payment to refund.' };
      await options.disbursement().refund({
        referenceId: refund.referenceId!,
        amount,
        currency: refund.currency,
        externalId: sale.receiptNumber,
        payerMessage,
        payeeNote,
        referenceIdToRefund: paidBy.referenceId,
        ...callbackUrlOf(refund.referenceId!),
      });
      return undefined;
    },

    status: (refund, callOptions) =>
      refund.via === 'transfer' ? options.disbursement().getTransferStatus(refund.referenceId!, callOptions) : options.disbursement().getRefundStatus(refund.referenceId!, callOptions),

    schedule: () => schedule,
    // No customer waits at a prompt: resent within the window; one recorded before a restart always goes.
    maySend: (refund, when) => when === 'recovery' || now() - Date.parse(refund.createdAt) <= schedule.windowMs,
    notSentNote: 'MoMo never received the refund',
    reopenTimedOut: true,
    unrefTimers: true,
    onChange: (refund) => options.onChange?.(refund),
  };
  const driver = createMovementDriver(kind, { now, ...(options.log ? { log: options.log } : {}), ...(options.callbacks ? { callbacks: options.callbacks } : {}), alive: () => ledger.db.open });

  return {
    start: (refundId) => driver.start(refundId),
    recheck: (refundId) => driver.recheck(refundId),
    recover: () => driver.recover(),
    idle: () => driver.idle(),
    stop: () => driver.stop(),
    hint: (referenceId) => driver.hint(referenceId),
  };
}

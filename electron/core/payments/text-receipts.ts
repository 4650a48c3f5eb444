/**
 * Text receipts: after a request to pay succeeds, exactly one delivery
 * notification (docs/momo.md: POST /collection/v1_0/requesttopay/{referenceId}/
 * deliverynotification, ≤ 160 characters, only after success) naming the
 * shop, the amount and the receipt number, cleaned as every text MoMo gets.
 *
 * Written to the ledger ('sending') before it leaves, keyed by the payment:
 * it goes at most once across crashes and restarts, and a paid prompt the
 * app stopped before texting gets its text at start-up. It never delays a
 * sale (nothing waits for it) and a failure is logged, never shown as a
 * problem with the sale.
 */
import { momoText } from '../../../shared/momo-text';
import { toDecimalString, type Currency } from '../../../shared/money';
import type { Ledger, Payment } from '../ledger';
import type { CollectionOperations } from '../momo';

/** Paid prompts older than this at start-up get no late text: the customer has long gone. */
export const TEXT_RECEIPT_RECOVERY_MS = 24 * 3_600_000;

export interface TextReceiptsOptions {
  ledger: Ledger;
  collection: Pick<CollectionOperations, 'requestToPayDeliveryNotification'>;
  /** Settings: text receipts on or off (read at each payment). */
  enabled: () => boolean;
  shopName: () => string;
  log?: (line: string) => void;
  now?: () => number;
}

export interface TextReceipts {
  /** Called when a payment turns successful: starts the text and returns at once. */
  afterPaid(payment: Payment): void;
  /** Start-up: texts cut off mid-send are never resent; paid prompts with no text yet get theirs. */
  recover(): Promise<void>;
  idle(): Promise<void>;
}

export function textReceiptMessage(input: { shopName: string; amountMinor: number; currency: Currency; receiptNumber: string }): string {
  const amount = `${toDecimalString(input.amountMinor, input.currency)} ${input.currency}`;
  return momoText(`${input.shopName}: paid ${amount}, receipt ${input.receiptNumber}. Thank you`, [`Paid ${amount}, receipt ${input.receiptNumber}`]);
}

export function createTextReceipts(options: TextReceiptsOptions): TextReceipts {
  const { ledger } = options;
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  const inFlight = new Set<Promise<void>>();

  async function deliver(paymentId: string): Promise<void> {
    const payment = ledger.getPayment(paymentId);
    const sale = payment && ledger.getSale(payment.saleId);
    if (!payment || !sale || payment.kind !== 'prompt' || payment.status !== 'successful') return;
    const message = textReceiptMessage({ shopName: options.shopName(), amountMinor: payment.amountMinor, currency: payment.currency, receiptNumber: sale.receiptNumber });
    if (!ledger.claimTextReceipt({ paymentId, message })) return;
    try {
      await options.collection.requestToPayDeliveryNotification(payment.referenceId, { notificationMessage: message });
      ledger.finishTextReceipt({ paymentId, status: 'sent' });
    } catch (error) {
      const momo = error as { name?: string; code?: string; httpStatus?: number; message?: string };
      // MoMo answered no: it did not go. No answer: it may have; either way never a second text.
      const answered = momo?.name === 'MomoError' && momo.httpStatus !== undefined;
      const reason = momo?.code ?? String(error);
      ledger.finishTextReceipt({ paymentId, status: answered ? 'failed' : 'unknown', error: reason });
      log(`text receipt for payment ${paymentId} not sent: ${reason}`);
    }
  }

  const start = (paymentId: string) => {
    const running: Promise<void> = deliver(paymentId)
      .catch((error: unknown) => log(`text receipt for payment ${paymentId}: ${String(error)}`))
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
    return running;
  };

  return {
    afterPaid(payment) {
      if (payment.kind !== 'prompt' || !options.enabled()) return;
      void start(payment.id);
    },

    async recover() {
      if (!options.enabled()) {
        ledger.recoverTextReceipts(new Date(now()).toISOString());
        return;
      }
      const missing = ledger.recoverTextReceipts(new Date(now() - TEXT_RECEIPT_RECOVERY_MS).toISOString());
      await Promise.all(missing.map((paymentId) => start(paymentId)));
    },

    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

/** What the ledger hands out: plain objects, camelCase, money in minor units beside its currency. */
import type { Currency } from '../../../shared/money';
import type { PaymentStatus } from '../../../shared/payment-states';
import type { VerifyText } from './verify-text';

export const SALE_STATUSES = ['awaiting_payment', 'paid', 'not_paid', 'paid_twice'] as const;
/** paid_twice: MoMo succeeded after the customer had already paid cash — refund one of them. */
export type SaleStatus = (typeof SALE_STATUSES)[number];

export type SaleMethod = 'momo' | 'cash';

export interface Sale {
  id: string;
  /** `${deviceId}-${seq padded to 6}`, gap-free per device, e.g. POS1-000042. */
  receiptNumber: string;
  receiptSeq: number;
  deviceId: string;
  createdAt: string;
  /** Local calendar day the sale counts for (YYYY-MM-DD), shifted by the dayStartsAtHour setting. */
  businessDay: string;
  amountMinor: number;
  currency: Currency;
  /** How the sale was settled: 'momo' until the cashier takes cash instead. */
  method: SaleMethod;
  status: SaleStatus;
  msisdn?: string;
  payerName?: string;
  note?: string;
  cashier?: string;
  shiftId?: string;
  /** Cash handed over, when the cashier typed it; change = tendered - amount. */
  tenderedMinor?: number;
  changeMinor?: number;
  /** Set when cash settled the sale (a cash sale, or cash after MoMo failed). */
  paidCashAt?: string;
  paidCashBy?: string;
  /** The shift whose drawer took the cash. */
  paidCashShiftId?: string;
  /** When the cashier stopped waiting for the customer to approve. */
  waitingCancelledAt?: string;
}

export interface Payment {
  id: string;
  saleId: string;
  /** X-Reference-Id of the request to pay: UUID v4, stored before the request leaves. */
  referenceId: string;
  externalId: string;
  attempt: number;
  status: PaymentStatus;
  amountMinor: number;
  currency: Currency;
  msisdn: string;
  reasonCode?: string;
  reasonMessage?: string;
  financialTransactionId?: string;
  createdAt: string;
  updatedAt: string;
  /** Status calls made so far. */
  checks: number;
  lastCheckedAt?: string;
  /** A prompt at the counter (request to pay) or an invoice the customer pays later. */
  kind: PaymentKind;
  /** Invoices: the customer can pay until then. */
  validUntil?: string;
}

export type PaymentKind = 'prompt' | 'invoice';

/**
 * One step of a status trail: payments (payment_events) and refunds
 * (refund_events) follow the same state machine (shared/payment-states.ts)
 * and keep the same trail; only whose trail it is differs.
 */
export interface StatusEvent {
  seq: number;
  at: string;
  from: PaymentStatus | null;
  to: PaymentStatus;
  reasonCode?: string;
  reasonMessage?: string;
  source?: string;
  note?: string;
}

export interface PaymentEvent extends StatusEvent {
  paymentId: string;
}

export interface PaymentTransitionDetail {
  reasonCode?: string;
  reasonMessage?: string;
  financialTransactionId?: string;
  /** Who learned it: 'post' | 'poll' | 'recheck' | 'resolve' | 'recovery' | 'cashier' … */
  source?: string;
  note?: string;
}

export interface Shift {
  id: string;
  deviceId: string;
  openedAt: string;
  openedBy: string;
  openingFloatMinor: number;
  currency: Currency;
  status: 'open' | 'closed';
  closedAt?: string;
  closedBy?: string;
  countedCashMinor?: number;
  note?: string;
}

export type CashMovementKind = 'in' | 'out';

export interface CashMovement {
  id: string;
  shiftId: string;
  kind: CashMovementKind;
  amountMinor: number;
  currency: Currency;
  reason: string;
  by: string;
  at: string;
}

export type RefundMethod = 'momo' | 'cash';
export type RefundVia = 'refund' | 'transfer';

export interface RefundEvent extends StatusEvent {
  refundId: string;
}

export interface Refund {
  id: string;
  saleId: string;
  amountMinor: number;
  currency: Currency;
  method: RefundMethod;
  /** MoMo refunds (Disbursement transfer) follow the payment state machine; cash refunds are born successful. */
  status: PaymentStatus;
  /** MoMo refunds: sent as a refund of the payment, or as a transfer to the payer. */
  via?: RefundVia;
  referenceId?: string;
  msisdn?: string;
  reason: string;
  by: string;
  shiftId?: string;
  reasonCode?: string;
  reasonMessage?: string;
  financialTransactionId?: string;
  createdAt: string;
  updatedAt: string;
}

export interface BrokenEntry {
  /** The journal entry at fault; null when the fault is a row with no journal entry at all. */
  seq: number | null;
  kind: string;
  /** The entry at fault for people, e.g. "journal #17 (sale.created for receipt POS1-000017)"; '' when no entry is involved. */
  where: string;
  /** What is wrong, e.g. "sales row amount 5000 ≠ journaled 1000". */
  what: string;
  /** The whole sentence: `${where}: ${what}`, or `what` alone. */
  reason: string;
  /** `where` as a catalogue key and params, to say it in any language (null when no entry is involved). */
  whereText: VerifyText | null;
  /** `what` as a catalogue key and params. */
  whatText: VerifyText;
}

export type VerifyResult =
  | { ok: true; entries: number }
  | { ok: false; entries: number; firstBroken: BrokenEntry; problems: BrokenEntry[] };

/** Rows as SQLite returns them, and their shape for the rest of the app. */
import type { Currency } from '../../../shared/money';
import type { PaymentStatus } from '../../../shared/payment-states';
import type { CashMovement, Payment, PaymentEvent, PaymentKind, Refund, RefundEvent, Sale, SaleMethod, SaleStatus, Shift, StatusEvent } from './types';

type Nullable<T> = T | null;

export interface SaleRow {
  id: string;
  device_id: string;
  receipt_seq: number;
  receipt_number: string;
  created_at: string;
  business_day: string;
  amount_minor: number;
  currency: string;
  method: SaleMethod;
  status: SaleStatus;
  msisdn: Nullable<string>;
  payer_name: Nullable<string>;
  note: Nullable<string>;
  cashier: Nullable<string>;
  shift_id: Nullable<string>;
  tendered_minor: Nullable<number>;
  paid_cash_at: Nullable<string>;
  paid_cash_by: Nullable<string>;
  paid_cash_shift_id: Nullable<string>;
  waiting_cancelled_at: Nullable<string>;
}

export interface PaymentRow {
  id: string;
  sale_id: string;
  reference_id: string;
  external_id: string;
  attempt: number;
  status: PaymentStatus;
  amount_minor: number;
  currency: string;
  msisdn: string;
  reason_code: Nullable<string>;
  reason_message: Nullable<string>;
  financial_transaction_id: Nullable<string>;
  created_at: string;
  updated_at: string;
  checks: number;
  last_checked_at: Nullable<string>;
  kind: PaymentKind;
  valid_until: Nullable<string>;
}

/** A row of a status trail (payment_events, refund_events: the same columns but the owner's id). */
export interface StatusEventRow {
  seq: number;
  at: string;
  from_status: Nullable<PaymentStatus>;
  to_status: PaymentStatus;
  reason_code: Nullable<string>;
  reason_message: Nullable<string>;
  source: Nullable<string>;
  note: Nullable<string>;
}

export interface PaymentEventRow extends StatusEventRow {
  payment_id: string;
}

export interface ShiftRow {
  id: string;
  device_id: string;
  opened_at: string;
  opened_by: string;
  opening_float_minor: number;
  currency: string;
  closed_at: Nullable<string>;
  closed_by: Nullable<string>;
  counted_cash_minor: Nullable<number>;
  note: Nullable<string>;
}

export interface CashMovementRow {
  id: string;
  shift_id: string;
  kind: 'in' | 'out';
  amount_minor: number;
  currency: string;
  reason: string;
  by_whom: string;
  at: string;
}

export interface RefundRow {
  id: string;
  sale_id: string;
  amount_minor: number;
  currency: string;
  method: 'momo' | 'cash';
  status: PaymentStatus;
  via: Nullable<'refund' | 'transfer'>;
  reference_id: Nullable<string>;
  msisdn: Nullable<string>;
  reason: string;
  by_whom: string;
  shift_id: Nullable<string>;
  reason_code: Nullable<string>;
  reason_message: Nullable<string>;
  financial_transaction_id: Nullable<string>;
  created_at: string;
  updated_at: string;
}

/** Copies the optional fields that are set; absent stays absent (exactOptionalPropertyTypes-friendly). */
function optional<T extends object>(target: T, fields: Record<string, string | number | null>): T {
  for (const [key, value] of Object.entries(fields)) if (value !== null) (target as Record<string, unknown>)[key] = value;
  return target;
}

export function toSale(row: SaleRow): Sale {
  return optional<Sale>(
    {
      id: row.id,
      receiptNumber: row.receipt_number,
      receiptSeq: row.receipt_seq,
      deviceId: row.device_id,
      createdAt: row.created_at,
      businessDay: row.business_day,
      amountMinor: row.amount_minor,
      currency: row.currency as Currency,
      method: row.method,
      status: row.status,
    },
    {
      msisdn: row.msisdn,
      payerName: row.payer_name,
      note: row.note,
      cashier: row.cashier,
      shiftId: row.shift_id,
      tenderedMinor: row.tendered_minor,
      changeMinor: row.tendered_minor === null ? null : row.tendered_minor - row.amount_minor,
      paidCashAt: row.paid_cash_at,
      paidCashBy: row.paid_cash_by,
      paidCashShiftId: row.paid_cash_shift_id,
      waitingCancelledAt: row.waiting_cancelled_at,
    },
  );
}

export function toPayment(row: PaymentRow): Payment {
  return optional<Payment>(
    {
      id: row.id,
      saleId: row.sale_id,
      referenceId: row.reference_id,
      externalId: row.external_id,
      attempt: row.attempt,
      status: row.status,
      amountMinor: row.amount_minor,
      currency: row.currency as Currency,
      msisdn: row.msisdn,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      checks: row.checks,
      kind: row.kind,
    },
    {
      reasonCode: row.reason_code,
      reasonMessage: row.reason_message,
      financialTransactionId: row.financial_transaction_id,
      lastCheckedAt: row.last_checked_at,
      validUntil: row.valid_until,
    },
  );
}

/** One step of a status trail, whoever's it is (owner: `{ paymentId }` or `{ refundId }`). */
function toStatusEvent<T extends StatusEvent>(row: StatusEventRow, owner: Omit<T, keyof StatusEvent>): T {
  return optional<T>(
    { seq: row.seq, ...owner, at: row.at, from: row.from_status, to: row.to_status } as T,
    { reasonCode: row.reason_code, reasonMessage: row.reason_message, source: row.source, note: row.note },
  );
}

export function toPaymentEvent(row: PaymentEventRow): PaymentEvent {
  return toStatusEvent<PaymentEvent>(row, { paymentId: row.payment_id });
}

export function toShift(row: ShiftRow): Shift {
  return optional<Shift>(
    {
      id: row.id,
      deviceId: row.device_id,
      openedAt: row.opened_at,
      openedBy: row.opened_by,
      openingFloatMinor: row.opening_float_minor,
      currency: row.currency as Currency,
      status: row.closed_at === null ? 'open' : 'closed',
    },
    { closedAt: row.closed_at, closedBy: row.closed_by, countedCashMinor: row.counted_cash_minor, note: row.note },
  );
}

export function toCashMovement(row: CashMovementRow): CashMovement {
  return {
    id: row.id,
    shiftId: row.shift_id,
    kind: row.kind,
    amountMinor: row.amount_minor,
    currency: row.currency as Currency,
    reason: row.reason,
    by: row.by_whom,
    at: row.at,
  };
}

export function toRefund(row: RefundRow): Refund {
  return optional<Refund>(
    {
      id: row.id,
      saleId: row.sale_id,
      amountMinor: row.amount_minor,
      currency: row.currency as Currency,
      method: row.method,
      status: row.status,
      reason: row.reason,
      by: row.by_whom,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    },
    {
      via: row.via ?? null,
      referenceId: row.reference_id,
      msisdn: row.msisdn,
      shiftId: row.shift_id,
      reasonCode: row.reason_code,
      reasonMessage: row.reason_message,
      financialTransactionId: row.financial_transaction_id,
    },
  );
}

export interface RefundEventRow extends StatusEventRow {
  refund_id: string;
}

export function toRefundEvent(row: RefundEventRow): RefundEvent {
  return toStatusEvent<RefundEvent>(row, { refundId: row.refund_id });
}

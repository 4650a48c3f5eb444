/**
 * MoMo status answers -> one normalised shape (docs/momo.md "Collection"):
 * PENDING | SUCCESSFUL | FAILED; ONGOING is pending; REJECTED, TIMEOUT and
 * EXPIRED are failed with that word as the reason when MoMo gave none; the
 * reason in either shape (string in production, {code, message} in the spec)
 * becomes {code, message?}. Anything else is BAD_RESPONSE.
 */
import { normaliseReason } from '../../../shared/momo-vocabulary';
import { badResponse } from './errors';
import type { DisbursementStatus, InvoiceStatus, Party, PaymentStatus, Reason, RequestToPayStatus, StatusName, TransactionStatus } from './types';

const STATUS_WORDS: Record<string, { status: StatusName; reason?: string }> = {
  PENDING: { status: 'PENDING' },
  ONGOING: { status: 'PENDING' },
  SUCCESSFUL: { status: 'SUCCESSFUL' },
  FAILED: { status: 'FAILED' },
  REJECTED: { status: 'FAILED', reason: 'REJECTED' },
  TIMEOUT: { status: 'FAILED', reason: 'TIMEOUT' },
  EXPIRED: { status: 'FAILED', reason: 'EXPIRED' },
};

/** Invoice words beyond those (API reference): created is not paid yet; a cancelled invoice never will be. */
const INVOICE_WORDS: Record<string, { status: StatusName; reason?: string }> = {
  CREATED: { status: 'PENDING' },
  CANCELLED: { status: 'FAILED', reason: 'TRANSACTION_CANCELED' },
  CANCELED: { status: 'FAILED', reason: 'TRANSACTION_CANCELED' },
};

interface Context {
  operation: string;
  referenceId?: string;
}

export function parseStatusBody(bodyText: string, context: Context): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(bodyText);
  } catch (error) {
    throw badResponse(`MoMo's ${context.operation} answer is not JSON.`, { ...context, httpStatus: 200, cause: error });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw badResponse(`MoMo's ${context.operation} answer is not a JSON object.`, { ...context, httpStatus: 200 });
  }
  return value as Record<string, unknown>;
}

export function normaliseTransactionStatus(raw: Record<string, unknown>, context: Context): TransactionStatus {
  const word = typeof raw.status === 'string' ? raw.status.trim().toUpperCase() : undefined;
  const known = word === undefined ? undefined : STATUS_WORDS[word];
  if (!known) {
    throw badResponse(`MoMo's ${context.operation} answer has an unknown status ${JSON.stringify(raw.status)}.`, { ...context, httpStatus: 200 });
  }
  let reason: Reason | undefined = known.status === 'SUCCESSFUL' ? undefined : normaliseReason(raw.reason);
  if (!reason && known.reason) reason = { code: known.reason };
  const result: TransactionStatus = { status: known.status, raw };
  if (reason) result.reason = reason;
  const financialTransactionId = textOf(raw.financialTransactionId);
  if (financialTransactionId) result.financialTransactionId = financialTransactionId;
  return result;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function partyOf(value: unknown): Party | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { partyIdType, partyId } = value as { partyIdType?: unknown; partyId?: unknown };
  const id = textOf(partyId);
  if (typeof partyIdType !== 'string' || id === undefined) return undefined;
  return { partyIdType: partyIdType as Party['partyIdType'], partyId: id };
}

function withNotes<T extends object>(target: T, raw: Record<string, unknown>): T {
  const payerMessage = textOf(raw.payerMessage);
  const payeeNote = textOf(raw.payeeNote);
  return Object.assign(target, payerMessage !== undefined ? { payerMessage } : {}, payeeNote !== undefined ? { payeeNote } : {});
}

export function requestToPayStatusFrom(raw: Record<string, unknown>, context: Context): RequestToPayStatus {
  const base = normaliseTransactionStatus(raw, context);
  return withNotes(
    {
      ...base,
      amount: textOf(raw.amount) ?? '',
      currency: textOf(raw.currency) ?? '',
      externalId: textOf(raw.externalId) ?? '',
      payer: partyOf(raw.payer) ?? { partyIdType: 'MSISDN', partyId: '' },
    },
    raw,
  );
}

export function disbursementStatusFrom(raw: Record<string, unknown>, context: Context): DisbursementStatus {
  const base = normaliseTransactionStatus(raw, context);
  const payee = partyOf(raw.payee);
  return withNotes(
    {
      ...base,
      amount: textOf(raw.amount) ?? '',
      currency: textOf(raw.currency) ?? '',
      externalId: textOf(raw.externalId) ?? '',
      ...(payee ? { payee } : {}),
    },
    raw,
  );
}

export function paymentStatusFrom(raw: Record<string, unknown>, context: Context): PaymentStatus {
  const base = normaliseTransactionStatus(raw, context);
  const referenceId = textOf(raw.referenceId);
  return referenceId !== undefined ? { ...base, referenceId } : base;
}

export function invoiceStatusFrom(raw: Record<string, unknown>, context: Context): InvoiceStatus {
  // Invoices carry their reason as errorReason in the API specification.
  const word = typeof raw.status === 'string' ? INVOICE_WORDS[raw.status.trim().toUpperCase()] : undefined;
  const asTransaction = {
    ...raw,
    ...(word ? { status: word.status, ...(word.reason && raw.reason === undefined && raw.errorReason === undefined ? { reason: word.reason } : {}) } : {}),
    ...(raw.reason === undefined && raw.errorReason !== undefined ? { reason: raw.errorReason } : {}),
  };
  const base = normaliseTransactionStatus(asTransaction, context);
  const out: InvoiceStatus = { ...base, raw };
  for (const field of ['referenceId', 'externalId', 'expiryDateTime', 'invoiceId', 'paymentReference'] as const) {
    const value = textOf(raw[field]);
    if (value !== undefined) out[field] = value;
  }
  return out;
}

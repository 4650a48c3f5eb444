/**
 * Request bodies in MoMo's own field names and order, and the checks made
 * before anything leaves the machine (a caller's mistake is a
 * ValidationError naming the field, never a request MoMo has to refuse).
 */
import { ValidationError } from '../../../shared/errors';
import { MOMO_TEXT_MAX_LENGTH, momoText } from '../../../shared/momo-text';
import type { DeliveryNotificationInput, InvoiceInput, Party, PaymentInput, RefundInput, RequestToPayInput, TransferInput } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^\d+(?:\.\d+)?$/;
const CURRENCY = /^[A-Z]{3}$/;
const PARTY_ID_TYPES = new Set(['MSISDN', 'EMAIL', 'PARTY_CODE']);
export const NOTIFICATION_MAX_LENGTH = MOMO_TEXT_MAX_LENGTH;

export function assertReferenceId(value: unknown, field = 'referenceId'): asserts value is string {
  if (typeof value !== 'string' || !UUID.test(value)) throw new ValidationError(field, 'error.momo.mustUuid', { field });
}

export function assertAmount(amount: unknown, currency: unknown): void {
  if (typeof amount !== 'string' || !DECIMAL.test(amount) || !/[1-9]/.test(amount)) {
    throw new ValidationError('amount', 'error.momo.amountMustPositiveDecimal');
  }
  if (typeof currency !== 'string' || !CURRENCY.test(currency)) throw new ValidationError('currency', 'error.momo.currencyMustIso4217');
}

function assertParty(party: unknown, field: string): asserts party is Party {
  const { partyIdType, partyId } = (party ?? {}) as Partial<Party>;
  if (typeof partyIdType !== 'string' || !PARTY_ID_TYPES.has(partyIdType)) throw new ValidationError(`${field}.partyIdType`, 'error.momo.partyIdTypeMustMsisdnEmail', { field });
  if (typeof partyId !== 'string' || !partyId.trim()) throw new ValidationError(`${field}.partyId`, 'error.momo.partyIdRequired', { field });
  if (partyIdType === 'MSISDN' && !/^\d{6,15}$/.test(partyId)) throw new ValidationError(`${field}.partyId`, 'error.momo.mSISDNDigitsOnlyCountry');
}

function assertText(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || !value.trim()) throw new ValidationError(field, 'error.momo.required', { field });
}

export function assertCallbackUrl(url: string | undefined): void {
  if (url === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError('callbackUrl', 'error.momo.callbackUrlMustAbsoluteUrl');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ValidationError('callbackUrl', 'error.momo.callbackUrlMustHttpS');
}

/**
 * The two notes every request to pay, transfer, deposit and refund carries,
 * always present and cleaned (shared/momo-text): production answers an
 * empty or missing note with a 500 and refuses `&`, apostrophes and long
 * texts. Callers build them with momo-text already; this is the last guard.
 */
function notes(input: { payerMessage?: string | undefined; payeeNote?: string | undefined; externalId: string }): { payerMessage: string; payeeNote: string } {
  return { payerMessage: momoText(input.payerMessage, [input.externalId]), payeeNote: momoText(input.payeeNote, [input.externalId]) };
}

/** Drops keys whose value is undefined (MoMo gets no `"senderNote": null`). */
function defined<T extends Record<string, unknown>>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as T;
}

export function requestToPayBody(input: RequestToPayInput): Record<string, unknown> {
  assertReferenceId(input.referenceId);
  assertAmount(input.amount, input.currency);
  assertText(input.externalId, 'externalId');
  assertParty(input.payer, 'payer');
  assertCallbackUrl(input.callbackUrl);
  return defined({
    amount: input.amount,
    currency: input.currency,
    externalId: input.externalId,
    payer: { partyIdType: input.payer.partyIdType, partyId: input.payer.partyId },
    ...notes(input),
  });
}

export function transferBody(input: TransferInput): Record<string, unknown> {
  assertReferenceId(input.referenceId);
  assertAmount(input.amount, input.currency);
  assertText(input.externalId, 'externalId');
  assertParty(input.payee, 'payee');
  assertCallbackUrl(input.callbackUrl);
  return defined({
    amount: input.amount,
    currency: input.currency,
    externalId: input.externalId,
    payee: { partyIdType: input.payee.partyIdType, partyId: input.payee.partyId },
    ...notes(input),
  });
}

export function refundBody(input: RefundInput): Record<string, unknown> {
  assertReferenceId(input.referenceId);
  assertAmount(input.amount, input.currency);
  assertText(input.externalId, 'externalId');
  assertReferenceId(input.referenceIdToRefund, 'referenceIdToRefund');
  assertCallbackUrl(input.callbackUrl);
  return defined({
    amount: input.amount,
    currency: input.currency,
    externalId: input.externalId,
    ...notes(input),
    referenceIdToRefund: input.referenceIdToRefund,
  });
}

export function paymentBody(input: PaymentInput): Record<string, unknown> {
  assertReferenceId(input.referenceId);
  assertAmount(input.money?.amount, input.money?.currency);
  assertText(input.externalTransactionId, 'externalTransactionId');
  assertText(input.customerReference, 'customerReference');
  assertText(input.serviceProviderUserName, 'serviceProviderUserName');
  assertCallbackUrl(input.callbackUrl);
  return defined({
    externalTransactionId: input.externalTransactionId,
    money: { amount: input.money.amount, currency: input.money.currency },
    customerReference: input.customerReference,
    serviceProviderUserName: input.serviceProviderUserName,
    couponId: input.couponId,
    productId: input.productId,
    productOfferingId: input.productOfferingId,
    receiverMessage: input.receiverMessage === undefined ? undefined : momoText(input.receiverMessage, [input.externalTransactionId]),
    senderNote: input.senderNote === undefined ? undefined : momoText(input.senderNote, [input.externalTransactionId]),
    maxNumberOfRetries: input.maxNumberOfRetries,
    includeSenderCharges: input.includeSenderCharges,
  });
}

/** The invoice body of MTN's second integration guide (docs/momo.md), in its field order; the description cleaned as every text MoMo receives. */
export function invoiceBody(input: InvoiceInput): Record<string, unknown> {
  assertReferenceId(input.referenceId);
  assertText(input.externalId, 'externalId');
  assertAmount(input.amount, input.currency);
  assertParty(input.intendedPayer, 'intendedPayer');
  assertParty(input.payee, 'payee');
  assertCallbackUrl(input.callbackUrl);
  if (!Number.isSafeInteger(input.validityDuration) || input.validityDuration < 60) throw new ValidationError('validityDuration', 'error.momo.validityDurationWholeSecondsLeast');
  return {
    externalId: input.externalId,
    amount: input.amount,
    currency: input.currency,
    validityDuration: String(input.validityDuration),
    intendedPayer: { partyIdType: input.intendedPayer.partyIdType, partyId: input.intendedPayer.partyId },
    payee: { partyIdType: input.payee.partyIdType, partyId: input.payee.partyId },
    description: momoText(input.description, [input.externalId]),
  };
}

export function deliveryNotificationBody(input: DeliveryNotificationInput): { notificationMessage: string } {
  assertText(input.notificationMessage, 'notificationMessage');
  if (input.notificationMessage.length > NOTIFICATION_MAX_LENGTH) {
    throw new ValidationError('notificationMessage', 'error.momo.notificationMessageMostCharacters', { NOTIFICATION_MAX_LENGTH });
  }
  return { notificationMessage: momoText(input.notificationMessage) };
}

/** HTTP header values must be Latin-1; a message outside it travels in the body only. */
export function isHeaderSafe(text: string): boolean {
  return /^[\x20-\x7e\xa0-\xff]*$/.test(text);
}

export function assertMsisdn(msisdn: unknown): asserts msisdn is string {
  if (typeof msisdn !== 'string' || !/^\d{6,15}$/.test(msisdn)) {
    throw new ValidationError('msisdn', 'error.momo.mSISDNDigitsOnlyCountry');
  }
}

/** The base URL with its path prefix kept and no trailing slash. */
export function normaliseBaseUrl(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new ValidationError('baseUrl', 'error.momo.baseUrlMustAbsoluteUrl');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ValidationError('baseUrl', 'error.momo.baseUrlMustHttpS');
  if (parsed.search || parsed.hash) throw new ValidationError('baseUrl', 'error.momo.baseUrlMustNotCarry');
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/**
 * Input checks for every repository function. They run before any write, so
 * a refused call leaves the file exactly as it was.
 */
import { ValidationError } from '../../../shared/errors';
import { assertAmountMinor, isCurrency, MAX_TOTAL_MINOR, type Currency } from '../../../shared/money';
import { isPaymentStatus, type PaymentStatus } from '../../../shared/payment-states';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function amount(value: unknown, field: string): number {
  assertAmountMinor(value, field);
  return value;
}

/** Zero allowed: an opening float or a counted drawer may be empty. */
export function amountOrZero(value: unknown, field: string): number {
  if (value === 0) return 0;
  return amount(value, field);
}

/** A sum of rows (a shift's sales, a grand total) or a counted drawer: zero or any whole number added exactly. */
export function totalOrZero(value: unknown, field: string): number {
  if (value === 0) return 0;
  assertAmountMinor(value, field, MAX_TOTAL_MINOR);
  return value;
}

export function currency(value: unknown, field = 'currency'): Currency {
  if (!isCurrency(value)) throw new ValidationError(field, 'error.ledger.unknownCurrency', { value: JSON.stringify(value) });
  return value;
}

export function id(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ValidationError(field, 'error.ledger.idNeeded');
  if (value.length > 100 || value !== value.trim()) throw new ValidationError(field, 'error.ledger.notValidId');
  return value;
}

export function referenceId(value: unknown, field = 'referenceId'): string {
  if (typeof value !== 'string' || !UUID_V4.test(value)) {
    throw new ValidationError(field, 'error.ledger.moMoReferenceIdMust');
  }
  return value.toLowerCase();
}

/** The screen's id for one press of Charge: 8 to 64 letters, digits, dashes or underscores. */
export function requestId(value: unknown, field = 'requestId'): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(value)) throw new ValidationError(field, 'error.ledger.requestId864');
  return value;
}

export function msisdn(value: unknown, field = 'msisdn'): string {
  if (typeof value !== 'string' || !/^\d{8,15}$/.test(value)) {
    throw new ValidationError(field, 'error.ledger.phoneNumberStoredAs');
  }
  return value;
}

/** Optional free text: absent or empty means none; otherwise a string within a length. */
export function optionalText(value: unknown, field: string, max = 200): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ValidationError(field, 'error.ledger.mustText');
  if (value.length > max) throw new ValidationError(field, 'error.ledger.mostCharacters', { max });
  return value;
}

export function requiredText(value: unknown, field: string, max = 200): string {
  const text = optionalText(value, field, max);
  if (text === undefined || text.trim() === '') throw new ValidationError(field, 'error.ledger.cannotEmpty');
  return text;
}

export function optionalAmount(value: unknown, field: string): number | undefined {
  return value === undefined || value === null ? undefined : amount(value, field);
}

export function paymentStatus(value: unknown, field = 'status'): PaymentStatus {
  if (!isPaymentStatus(value)) throw new ValidationError(field, 'error.ledger.unknownPaymentStatus', { value: JSON.stringify(value) });
  return value;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(field, 'error.ledger.mustOne', { value: allowed.join(', ') });
  }
  return value as T;
}

/**
 * Text that comes from MoMo (reason codes and messages) or our own notes: kept
 * even when odd or long (cut at `max`), because refusing it would lose a final
 * answer. Only a non-text value is refused.
 */
export function externalText(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ValidationError(field, 'error.ledger.mustText');
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** Short machine words of our own: event sources. */
export function optionalCode(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !/^[A-Za-z0-9_.:-]{1,64}$/.test(value)) {
    throw new ValidationError(field, 'error.ledger.mustShortCodeLetters');
  }
  return value;
}

export function isoDate(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '' || Number.isNaN(Date.parse(value))) {
    throw new ValidationError(field, 'error.ledger.mustDateTimeIso');
  }
  return new Date(value).toISOString();
}

export function businessDay(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new ValidationError(field, 'error.ledger.mustDayLike2025');
  }
  return value;
}

export function limit(value: unknown, field = 'limit', max = 100_000): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new ValidationError(field, 'error.ledger.mustWholeNumberFrom', { max });
  }
  return value;
}

/** A device id becomes part of every receipt number: short, letters and digits, kept upper-case. */
export function deviceId(value: unknown, field = 'deviceId'): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9]{1,16}$/.test(value)) {
    throw new ValidationError(field, 'error.ledger.deviceId116');
  }
  return value.toUpperCase();
}

export function object(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(field, 'error.ledger.expectedObject');
  }
  return value as Record<string, unknown>;
}


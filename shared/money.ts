/**
 * Money as integer minor units. No floats on the money path: user input is
 * parsed as text, MoMo gets a decimal string formatted here.
 */
import { ValidationError, type MoneyParam } from './errors';

/** ISO 4217 exponents for the currencies MoMo markets use. */
export const CURRENCY_EXPONENT = {
  RWF: 0,
  UGX: 0,
  XAF: 0,
  XOF: 0,
  GNF: 0,
  GHS: 2,
  ZMW: 2,
  ZAR: 2,
  EUR: 2,
  LRD: 2,
  SZL: 2,
} as const;

export type Currency = keyof typeof CURRENCY_EXPONENT;
export const CURRENCIES = Object.keys(CURRENCY_EXPONENT) as Currency[];

/**
 * Largest amount one ledger row may carry, in minor units: far above any market's
 * limit per payment (shared/limits.ts), and small enough that 9,000 such rows
 * still sum exactly (2^53). Totals (a shift's sales, a counted drawer) may be larger.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

/** Largest total (sums of rows, a counted drawer): any whole number JavaScript adds exactly. */
export const MAX_TOTAL_MINOR = Number.MAX_SAFE_INTEGER;

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && Object.hasOwn(CURRENCY_EXPONENT, value);
}

export function exponentOf(currency: Currency): number {
  return CURRENCY_EXPONENT[currency];
}

/** Throws unless `minor` is a positive whole number of minor units within bounds (`max`: MAX_AMOUNT_MINOR, or MAX_TOTAL_MINOR for totals). */
export function assertAmountMinor(minor: unknown, field = 'amount', max = MAX_AMOUNT_MINOR): asserts minor is number {
  if (typeof minor !== 'number' || !Number.isSafeInteger(minor)) {
    throw new ValidationError(field, 'error.money.amountMustWholeNumber');
  }
  if (minor <= 0) throw new ValidationError(field, 'error.money.amountMustMoreThan');
  if (minor > max) throw new ValidationError(field, 'error.money.amountTooLarge');
}

/** The example a cashier gets for a malformed amount: no decimals where the currency has none. */
export function amountExample(currency: Currency): string {
  const exponent = exponentOf(currency);
  return exponent === 0 ? 'like 1500' : `like 1500 or 12.${'5'.padEnd(exponent, '0')}`;
}

/**
 * Parses what a cashier typed ("1 500", "1,500", "12.50", "12,5" in
 * comma-decimal locales is not accepted: one decimal separator, the dot)
 * into minor units. Thousands separators: spaces, commas, apostrophes, underscores.
 */
export function parseAmount(text: string, currency: Currency, field = 'amount', max = MAX_AMOUNT_MINOR): number {
  const exponent = exponentOf(currency);
  const cleaned = text.trim().replace(/[\s,'_\u00a0\u202f]/g, '');
  if (cleaned === '') throw new ValidationError(field, 'error.money.enterAmount');
  if (/^-\d*(?:\.\d*)?$/.test(cleaned) && cleaned !== '-') throw new ValidationError(field, 'error.money.amountMustMoreThan');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) throw exponentOf(currency) === 0 ? new ValidationError(field, 'error.money.amountMustNumber') : new ValidationError(field, 'error.money.amountMustNumberDecimals', { example: `12.${'5'.padEnd(exponentOf(currency), '0')}` });
  const whole = match[1]!;
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) {
    throw new ValidationError(
      field,
      exponent === 0 ? 'error.money.hasNoDecimalsEnter' : 'error.money.hasMostDecimals', { currency, exponent },
    );
  }
  const digits = (whole + fraction.padEnd(exponent, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 16) throw new ValidationError(field, 'error.money.amountTooLarge');
  const minor = Number(digits);
  assertAmountMinor(minor, field, max);
  return minor;
}

/** Minor units to MoMo's decimal string: 1000 RWF -> "1000", 1250 GHS -> "12.50". */
export function toDecimalString(minor: number, currency: Currency): string {
  if (!Number.isSafeInteger(minor)) throw new ValidationError('amount', 'error.money.amountMustWholeMinor');
  const exponent = exponentOf(currency);
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const text = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return negative ? `-${text}` : text;
}

/** MoMo's decimal string back to minor units ("1000" RWF -> 1000, "12.5" GHS -> 1250). */
export function fromDecimalString(text: string, currency: Currency): number {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new ValidationError('amount', 'error.money.notDecimalAmount', { text: JSON.stringify(text) });
  const exponent = exponentOf(currency);
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) throw new ValidationError('amount', 'error.money.tooManyDecimals', { currency });
  const minor = Number(match[2]! + fraction.padEnd(exponent, '0'));
  return match[1] === '-' ? -minor : minor;
}

/** An amount as a sentence's parameter: each language writes it its own way. */
export function moneyParam(minor: number, currency: Currency): MoneyParam {
  return { money: toDecimalString(minor, currency), currency };
}

/**
 * Kinyarwanda amounts are written as English writes them ("RWF 6,000"): ICU's
 * own rw data ("RF 6.000") is in Node but not in Chromium, so the receipt and
 * the screen would disagree.
 */
function moneyLocale(locale: string): string {
  return locale === 'rw' || locale.startsWith('rw-') ? 'en' : locale;
}

/** For people: "RWF 1,500" / "GH₵12.50" in the given locale, through Intl. */
export function formatMoney(minor: number, currency: Currency, locale = 'en'): string {
  const exponent = exponentOf(currency);
  const major = toDecimalString(minor, currency);
  return new Intl.NumberFormat(moneyLocale(locale), {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(major as unknown as number); // Intl accepts decimal strings exactly (no float rounding)
}

/**
 * Phone numbers: parsed with libphonenumber-js, stored as E.164 digits
 * without "+" (MoMo's MSISDN), masked in logs and on receipts.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/mobile';
import { noticeOf, ValidationError, type Notice } from './errors';
import { MARKETS, marketFor } from './markets';

export interface PayerNumber {
  /** E.164 digits without "+", e.g. 250788123456 — what MoMo calls partyId. */
  msisdn: string;
  /** For the cashier: +250 788 123 456 */
  display: string;
  /** Present when the number is not on an MTN prefix of the country: warn, never block. */
  warning?: Notice;
}

/** The MTN sandbox's outcome-forcing numbers (docs/momo.md): accepted as typed in training. */
export function isSandboxTestNumber(digits: string): boolean {
  return /^467331234\d\d$/.test(digits);
}

export interface PhoneRules {
  country: CountryCode;
  mtnPrefixes: readonly string[];
  training?: boolean;
}

/**
 * The phone rules of the market a till runs in, the same for the engine and
 * the counter (what the cashier is told before sending is what the engine
 * answers): the market's country and MTN's prefixes; training also takes the
 * sandbox's test numbers. An unknown environment counts as Rwanda, as the
 * settings' market does.
 */
export function phoneRulesFor(targetEnvironment: string, training: boolean): PhoneRules {
  const market = marketFor(targetEnvironment) ?? MARKETS.mtnrwanda;
  return { country: market.country, mtnPrefixes: market.mtnPrefixes, training };
}

export function parsePayerNumber(input: string, rules: PhoneRules, field = 'phone'): PayerNumber {
  const typed = input.trim();
  if (typed === '') throw new ValidationError(field, 'error.phone.enterCustomerSPhone');
  if (!/^[+\d\s().\-/]+$/.test(typed)) {
    throw new ValidationError(field, 'error.phone.phoneNumberHasOnly');
  }
  const digitsOnly = typed.replace(/\D/g, '');
  if (rules.training && isSandboxTestNumber(digitsOnly)) {
    return { msisdn: digitsOnly, display: `+${digitsOnly} (sandbox test number)` };
  }
  // "250788123456" typed without + is international for the configured country.
  const parsed =
    parsePhoneNumberFromString(typed, rules.country) ??
    (typed.startsWith('+') ? undefined : parsePhoneNumberFromString(`+${digitsOnly}`));
  let phone = parsed;
  if (phone && !phone.isValid() && !typed.startsWith('+')) {
    const international = parsePhoneNumberFromString(`+${digitsOnly}`);
    if (international?.isValid()) phone = international;
  }
  if (!phone || !phone.isValid()) {
    throw new ValidationError(field, 'error.phone.notValidMobileNumber');
  }
  const msisdn = phone.number.slice(1);
  const result: PayerNumber = { msisdn, display: phone.formatInternational() };
  if (phone.country !== rules.country) {
    result.warning = noticeOf('error.phone.otherCountry', { country: phone.country ?? 'unknown' });
  } else if (!rules.mtnPrefixes.some((prefix) => phone.nationalNumber.startsWith(prefix))) {
    result.warning = noticeOf('error.phone.maybeNotMtn');
  }
  return result;
}

/** 250788123456 -> 2507******56 (keeps the country code and the last two digits). */
export function maskMsisdn(msisdn: string): string {
  const digits = msisdn.replace(/\D/g, '');
  if (digits.length <= 6) return '*'.repeat(digits.length);
  return digits.slice(0, 4) + '*'.repeat(digits.length - 6) + digits.slice(-2);
}

/**
 * Redaction of recorded exchanges, done before an exchange leaves the
 * client, with the same placeholders as MTN's production exchange (docs/momo.md).
 */
import { maskMsisdn } from '../../../shared/phone';

export const REDACTED = {
  subscriptionKey: '<subscription-key-redacted>',
  basic: '<base64(apiUser:apiKey)-redacted>',
  jwt: '<jwt-redacted>',
  apiKey: '<api-key-redacted>',
  other: '<redacted>',
} as const;

export type Secret = string | { value: string; placeholder: string };

/** Shorter strings are not scrubbed: they would eat ordinary text ("1000", "RWF"). */
export const MIN_SECRET_LENGTH = 8;

/**
 * Replaces every occurrence of each secret value in `text` (longest first,
 * so a secret containing another is replaced whole). A plain string secret
 * becomes `<redacted>`.
 */
export function redactSecrets(text: string, secrets: readonly Secret[]): string {
  const entries = secrets
    .map((secret) => (typeof secret === 'string' ? { value: secret, placeholder: REDACTED.other } : secret))
    .filter((secret) => secret.value.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.value.length - a.value.length);
  let result = text;
  for (const { value, placeholder } of entries) {
    if (result.includes(value)) result = result.split(value).join(placeholder);
  }
  return result;
}

/** Header values by name: subscription keys, Basic and Bearer credentials. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'ocp-apim-subscription-key') result[name] = REDACTED.subscriptionKey;
    else if (lower === 'authorization' || lower === 'proxy-authorization') result[name] = redactAuthorization(value);
    else result[name] = value;
  }
  return result;
}

function redactAuthorization(value: string): string {
  if (/^\s*basic\b/i.test(value)) return `Basic ${REDACTED.basic}`;
  if (/^\s*bearer\b/i.test(value)) return `Bearer ${REDACTED.jwt}`;
  return REDACTED.other;
}

const BODY_FIELDS: ReadonlyArray<{ pattern: RegExp; placeholder: string }> = [
  { pattern: /("access_token"\s*:\s*")(?:[^"\\]|\\.)*(")/g, placeholder: REDACTED.jwt },
  { pattern: /("refresh_token"\s*:\s*")(?:[^"\\]|\\.)*(")/g, placeholder: REDACTED.jwt },
  { pattern: /("apiKey"\s*:\s*")(?:[^"\\]|\\.)*(")/g, placeholder: REDACTED.apiKey },
];

/** Secret fields in JSON bodies (token answers, provisioning's apiKey), kept in place so the body still reads as sent. */
export function redactBody(body: string): string {
  let result = body;
  for (const { pattern, placeholder } of BODY_FIELDS) result = result.replace(pattern, `$1${placeholder}$2`);
  return result;
}

/** Free-text patterns that carry a secret whatever the source (a log line, a sentence from head office). */
const TEXT_PATTERNS: ReadonlyArray<{ pattern: RegExp; replace: string }> = [
  { pattern: /\bBearer\s+(?!<)[^\s"',;]+/gi, replace: `Bearer ${REDACTED.jwt}` },
  // Base64 credentials carry a digit, + / or =, which the word after "Basic" in a sentence does not.
  { pattern: /\bBasic\s+(?!<)(?=[A-Za-z]*[0-9+/=])[A-Za-z0-9+/=]{8,}/gi, replace: `Basic ${REDACTED.basic}` },
  { pattern: /\beyJ[\w-]{6,}\.[\w-]{6,}\.[\w-]*/g, replace: REDACTED.jwt },
  { pattern: /(Ocp-Apim-Subscription-Key["']?\s*[:=]\s*["']?)(?!<)[^\s"',;]+/gi, replace: `$1${REDACTED.subscriptionKey}` },
  // A password inside a connection string: postgres://till_1:secret@host/db.
  { pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, replace: `$1${REDACTED.other}@` },
  { pattern: /(["']?\b(?:password|passwd|pwd|pin|managerPin|currentPin|secret|apiKey|api_key|token|access_token)\b["']?\s*[:=]\s*["']?)(?!<)[^\s"',;}&]+/gi, replace: `$1${REDACTED.other}` },
];

/**
 * A phone number in free text: 9 to 15 digits standing alone (an MSISDN,
 * 0788…, +250…). Masked as receipts mask it, 2507******56.
 */
const PHONE_NUMBER = /(?<![\w.:-])\+?\d{9,15}(?![\w.:-]|\.\d)/g;

/**
 * Redacts text that is not an exchange (log lines, command output, head
 * office's words) by the same rules as exchanges: the given secret values,
 * credentials in headers, tokens and connection strings, secret JSON fields,
 * and every phone number masked.
 */
export function redactText(text: string, secrets: readonly Secret[] = []): string {
  let result = redactBody(redactSecrets(text, secrets));
  for (const { pattern, replace } of TEXT_PATTERNS) result = result.replace(pattern, replace);
  return result.replace(PHONE_NUMBER, (number) => maskMsisdn(number));
}

/**
 * Errors as values: a category (`code`, for the transports' status and the
 * screens' logic), a catalogue key and its parameters. The sentence comes
 * from the catalogue (shared/i18n) in the reader's language; `.message` is the
 * English one, for logs and the command line. No sentence is ever parsed back.
 */
import { en, type CatalogueKey } from './i18n/en';

export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHORIZED'
  | 'LEDGER_TOO_NEW'
  | 'LEDGER_TAMPERED'
  | 'KEYCHAIN_UNAVAILABLE'
  | 'MOMO'
  | 'INTERNAL'
  /** The ledger file failed its integrity check: refused, never written, never copied. */
  | 'LEDGER_DAMAGED'
  /** SQLITE_FULL / ENOSPC: the action was not saved. */
  | 'DISK_FULL'
  /** The computer's clock is behind the ledger's last entry: nothing was saved. */
  | 'CLOCK_BEHIND'
  /** Too many receipts wait for the fiscal device's signature (or one waited too long): no new sale until it signs. */
  | 'FISCAL_UNSIGNED_LIMIT'
  /** The fiscal device could not be reached or refused during set-up: nothing was stored. */
  | 'FISCAL_DEVICE';

/** A catalogue key of an engine sentence (the `// ---- engine errors` block of shared/i18n/en.ts). */
export type ErrorKey = Extract<CatalogueKey, `error.${string}` | `connection.${string}`>;

/** An amount inside a sentence: MoMo's decimal string and the currency; each language writes it its own way. */
export interface MoneyParam {
  money: string;
  currency: string;
}

/** A sentence inside a sentence ("Still in training: <why>"): said in the same language as the outer one. */
export interface SentenceParam {
  key: ErrorKey;
  params: ErrorParams;
}

export type ErrorParam = string | number | MoneyParam | SentenceParam;
export interface ErrorParams {
  [name: string]: ErrorParam;
}

/** A sentence not yet thrown: its key and parameters (a check that answers "why not" without throwing). */
export interface Keyed {
  key: ErrorKey;
  params: ErrorParams;
}

/** A keyed sentence that is no refusal (a warning under a field): what crosses the wire, with the English for logs. */
export interface Notice extends Keyed {
  message: string;
}

export function noticeOf(key: ErrorKey, params: ErrorParams = {}): Notice {
  return { key, params, message: englishSentence(key, params) };
}

/** What crosses IPC, HTTP and the command line: everything a screen needs to say it in its own language. */
export interface WireError {
  code: string;
  key?: ErrorKey;
  params?: ErrorParams;
  field?: string;
}

export function isMoneyParam(value: unknown): value is MoneyParam {
  return typeof value === 'object' && value !== null && typeof (value as MoneyParam).money === 'string' && typeof (value as MoneyParam).currency === 'string';
}

export function isSentenceParam(value: unknown): value is SentenceParam {
  return typeof value === 'object' && value !== null && isErrorKey((value as SentenceParam).key) && typeof (value as SentenceParam).params === 'object';
}

/** Whether a key names an engine sentence this build knows (a key from the wire is checked before use). */
export function isErrorKey(value: unknown): value is ErrorKey {
  return typeof value === 'string' && (value.startsWith('error.') || value.startsWith('connection.')) && Object.hasOwn(en, value);
}

/** Money inside an English sentence (logs, the command line): the code and grouped digits, "RWF 4,000,000", "EUR 0.05". */
function englishMoney(param: MoneyParam): string {
  const [whole, fraction] = param.money.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${param.currency} ${fraction === undefined ? grouped : `${grouped}.${fraction}`}`;
}

/** How one language writes the parts of a sentence: money, and a sentence inside it. */
export interface SentenceWriter {
  money(param: MoneyParam): string;
  sentence(param: SentenceParam): string;
}

/**
 * Fills `{name}` in a catalogue sentence; money and inner sentences through
 * the language's writer. A missing value leaves its `{name}` visible.
 */
export function fillSentence(text: string, params: ErrorParams | undefined, writer: SentenceWriter = ENGLISH): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name]!;
    if (isMoneyParam(value)) return writer.money(value);
    if (isSentenceParam(value)) return writer.sentence(value);
    return typeof value === 'object' ? whole : String(value);
  });
}

const ENGLISH: SentenceWriter = { money: englishMoney, sentence: (inner) => englishSentence(inner.key, inner.params) };

/** The English sentence of a key: `.message`, logs, the command line. */
export function englishSentence(key: ErrorKey, params?: ErrorParams): string {
  return fillSentence(en[key], params);
}

export class PosError extends Error {
  readonly code: ErrorCode;
  readonly key: ErrorKey;
  readonly params: ErrorParams;
  readonly field?: string;
  /** `new PosError('CONFLICT', 'error.till.noSuchRefund', {}, 'refundId')`. */
  constructor(code: ErrorCode, key: ErrorKey, params: ErrorParams = {}, field?: string) {
    super(englishSentence(key, params));
    this.name = 'PosError';
    this.code = code;
    this.key = key;
    this.params = params;
    if (field !== undefined) this.field = field;
  }
}

/** Bad input: names the field so the UI can point at it. `new ValidationError('amount', 'error.money.enterAmount')`. */
export class ValidationError extends PosError {
  constructor(field: string, key: ErrorKey, params: ErrorParams = {}) {
    super('VALIDATION', key, params, field);
    this.name = 'ValidationError';
  }
}

/**
 * MoMo could not be reached or refused, during set-up (provisioning, go
 * live): the sentence names why (`reason`, a connection-test reason code)
 * with its facts (host, environment) as parameters.
 */
export class MomoSetupError extends PosError {
  readonly reason: string;
  constructor(key: ErrorKey, params: ErrorParams, reason: string) {
    super('MOMO', key, params);
    this.name = 'MomoSetupError';
    this.reason = reason;
  }
}

/** The connection test's reason codes (MoMo's error codes and the test's own) to their sentences. */
const CONNECTION_KEYS: Record<string, ErrorKey> = {
  connected: 'connection.connected',
  connectedSandbox: 'connection.connectedSandbox',
  wrongCurrency: 'connection.wrongCurrency',
  keysNotForThisAddress: 'connection.keysElsewhere',
  missingKeys: 'connection.missingKeys',
  INVALID_SUBSCRIPTION_KEY: 'connection.INVALID_SUBSCRIPTION_KEY',
  LOGIN_FAILED: 'connection.LOGIN_FAILED',
  UNAUTHORIZED: 'connection.UNAUTHORIZED',
  NOT_ALLOWED_TARGET_ENVIRONMENT: 'connection.NOT_ALLOWED_TARGET_ENVIRONMENT',
  NETWORK: 'connection.NETWORK',
  TIMEOUT: 'connection.TIMEOUT',
  RESOURCE_NOT_FOUND: 'connection.notMomo',
  NOT_FOUND: 'connection.notMomo',
  BAD_RESPONSE: 'connection.notMomo',
  SERVICE_UNAVAILABLE: 'connection.momoDown',
  INTERNAL_PROCESSING_ERROR: 'connection.momoDown',
  TOO_MANY_REQUESTS: 'connection.momoDown',
  NOT_ALLOWED: 'connection.notAllowed',
  FORBIDDEN: 'connection.notAllowed',
};

/** The sentence for a connection test's reason ('connection.other' names an unknown code). */
export function connectionKeyOf(reason: string | undefined): ErrorKey {
  return (reason !== undefined && Object.hasOwn(CONNECTION_KEYS, reason) ? CONNECTION_KEYS[reason] : undefined) ?? 'connection.other';
}

/**
 * A refusal the plumbing answers under its own code (web/'s BAD_HOST or
 * METHOD_NOT_ALLOWED, the router's UNKNOWN_METHOD, the shell's unknown
 * sender): the wire shape of a PosError, a key and its parameters, the
 * English for logs.
 */
export function keyedFailure(code: string, key: ErrorKey, params: ErrorParams = {}, field?: string): { ok: false; code: string; key: ErrorKey; params: ErrorParams; message: string; field?: string } {
  return { ok: false, code, key, params, message: englishSentence(key, params), ...(field === undefined ? {} : { field }) };
}

/** The wire shape of any PosError. */
export function wireOf(error: PosError): WireError {
  return { code: error.code, key: error.key, params: error.params, ...(error.field === undefined ? {} : { field: error.field }) };
}

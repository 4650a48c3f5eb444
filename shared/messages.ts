/**
 * Which sentence a code gets (docs/style.md): payment statuses and MoMo
 * reason codes -> the catalogue keys (shared/i18n) of what the cashier reads
 * and what to do next, with the actions offered. Pure functions: runs in the
 * engine and in the renderer alike.
 */
import { MOMO_REASON_CODES, normaliseReasonCode, type MomoReasonCode } from './momo-vocabulary';
import type { PaymentStatus } from './payment-states';

import { isLanguage, LANGUAGES, type Language } from './i18n/languages';
import { isMessageKey, translate, type MessageKey, type MessageParams } from './i18n';

// The one list of languages lives in shared/i18n/languages; re-exported for older imports.
export { isLanguage, LANGUAGES, type Language };

export type Tone = 'waiting' | 'success' | 'failure' | 'attention';
export type PaymentAction = 'retry' | 'cash' | 'recheck' | 'transcript' | 'cancelWaiting' | 'print' | 'newInvoice';

/** What the cashier sees, as a stable key (styling, tests); the headline is its words. */
export type OutcomeKind =
  | 'sending'
  | 'waiting'
  | 'checking'
  | 'timed_out'
  | 'stopped'
  | 'paid'
  | 'paid_cash'
  | 'paid_twice'
  | 'declined'
  | 'expired'
  | 'failed'
  /** Nothing reached MoMo (MTN unreachable, the till's keys refused): no prompt went out, no money can move. */
  | 'not_sent'
  /** An invoice cancelled (by the shop, or at MoMo): nobody can pay it any more. */
  | 'cancelled';

export interface PaymentDescription {
  kind: OutcomeKind;
  /** 'Paid' | 'Declined' | 'Expired' | 'Failed' | 'Timed out' | 'Waiting for the customer' | 'Checking…' | … */
  headline: string;
  sentence: string;
  nextStep: string;
  tone: Tone;
  /** Offered in this order; the first is the one the cashier most likely wants. */
  actions: PaymentAction[];
}

export interface PaymentFacts {
  status: PaymentStatus;
  reasonCode?: string;
  /** The cashier stopped waiting; the engine still checks in the background. */
  waitingCancelled?: boolean;
  /** A prompt at the counter (default) or an invoice paid later. */
  kind?: 'prompt' | 'invoice';
}

interface Text {
  sentence: string;
  nextStep: string;
}

type SentenceBase<K> = K extends `${infer Base}.sentence` ? Base : never;
type NextStepBase<K> = K extends `${infer Base}.nextStep` ? Base : never;
/** A sentence and what to do next, stored in the catalogue as `<base>.sentence` and `<base>.nextStep`. */
type TextKey = SentenceBase<MessageKey> & NextStepBase<MessageKey>;

function says(language: Language, base: TextKey, params?: MessageParams): Text {
  return { sentence: translate(language, `${base}.sentence`, params), nextStep: translate(language, `${base}.nextStep`, params) };
}

const TONE: Record<OutcomeKind, Tone> = {
  sending: 'waiting',
  waiting: 'waiting',
  checking: 'waiting',
  timed_out: 'attention',
  stopped: 'attention',
  paid: 'success',
  paid_cash: 'success',
  paid_twice: 'attention',
  declined: 'failure',
  expired: 'failure',
  failed: 'failure',
  not_sent: 'failure',
  cancelled: 'attention',
};

// ---------- statuses that are not (yet) a MoMo answer --------------------

type StatusTextKey = Exclude<OutcomeKind, 'declined' | 'expired' | 'failed' | 'not_sent' | 'cancelled'> | 'failed_without_reason' | 'unknown_reason';

// ---------- MoMo reason codes --------------------------------------------

interface ReasonRule {
  kind: 'declined' | 'expired' | 'failed' | 'not_sent';
  actions: PaymentAction[];
}

const ASK_AGAIN: PaymentAction[] = ['retry', 'cash', 'transcript'];
const SETUP: PaymentAction[] = ['cash', 'transcript'];

/** Which headline and which actions each code gets. */
const REASON_RULES: Record<MomoReasonCode, ReasonRule> = {
  APPROVAL_REJECTED: { kind: 'declined', actions: ASK_AGAIN },
  REJECTED: { kind: 'declined', actions: ASK_AGAIN },
  PAYMENT_NOT_APPROVED: { kind: 'declined', actions: ASK_AGAIN },
  TRANSACTION_CANCELED: { kind: 'declined', actions: ASK_AGAIN },
  EXPIRED: { kind: 'expired', actions: ASK_AGAIN },
  TIMEOUT: { kind: 'expired', actions: ASK_AGAIN },
  NOT_ENOUGH_FUNDS: { kind: 'failed', actions: ASK_AGAIN },
  PAYER_LIMIT_REACHED: { kind: 'failed', actions: ['cash', 'retry', 'transcript'] },
  // The number itself is wrong: retrying the same number cannot help.
  PAYER_NOT_FOUND: { kind: 'failed', actions: ['cash', 'transcript'] },
  // MTN's production exchange (docs/momo.md): no prompt reached the phone; the app cannot tell why.
  INTERNAL_PROCESSING_ERROR: { kind: 'failed', actions: ['cash', 'transcript', 'retry'] },
  SERVICE_UNAVAILABLE: { kind: 'failed', actions: ASK_AGAIN },
  RESOURCE_NOT_FOUND: { kind: 'failed', actions: ASK_AGAIN },
  TRANSACTION_NOT_COMPLETED: { kind: 'failed', actions: ASK_AGAIN },
  TRANSACTION_NOT_FOUND: { kind: 'failed', actions: ASK_AGAIN },
  // docs/momo.md: usually the customer did not approve within MoMo's own window (about 5 minutes).
  COULD_NOT_PERFORM_TRANSACTION: { kind: 'expired', actions: ASK_AGAIN },
  PAYER_DELAYED: { kind: 'expired', actions: ASK_AGAIN },
  ONGOING: { kind: 'expired', actions: ASK_AGAIN },
  // The customer's balance or limit, or their wallet may not pay this shop: the app cannot tell which.
  LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED: { kind: 'failed', actions: ['cash', 'retry', 'transcript'] },
  SENDER_ACCOUNT_NOT_ACTIVE: { kind: 'failed', actions: ['cash', 'transcript'] },
  // The shop's account has reached what it may receive: the same request fails again today.
  PAYEE_LIMIT_REACHED: { kind: 'failed', actions: SETUP },
  NOT_FOUND: { kind: 'failed', actions: ASK_AGAIN },
  RESOURCE_ALREADY_EXIST: { kind: 'failed', actions: SETUP },
  // The shop's account or the app's settings: the same request will fail again.
  PAYEE_NOT_FOUND: { kind: 'failed', actions: SETUP },
  PAYEE_NOT_ALLOWED_TO_RECEIVE: { kind: 'failed', actions: SETUP },
  NOT_ALLOWED: { kind: 'failed', actions: SETUP },
  NOT_ALLOWED_TARGET_ENVIRONMENT: { kind: 'failed', actions: SETUP },
  INVALID_CALLBACK_URL_HOST: { kind: 'failed', actions: SETUP },
  INVALID_CURRENCY: { kind: 'failed', actions: SETUP },
  INFORMATIONAL_SCOPE_INSTRUCTION: { kind: 'failed', actions: SETUP },
  MISSING_SCOPE_INSTRUCTION: { kind: 'failed', actions: SETUP },
  MORE_THAN_ONE_FINANCIAL_SCOPE_NOT_SUPPORTED: { kind: 'failed', actions: SETUP },
  UNSUPPORTED_SCOPE_COMBINATION: { kind: 'failed', actions: SETUP },
  CONSENT_MISMATCH: { kind: 'failed', actions: SETUP },
  UNSUPPORTED_SCOPE: { kind: 'failed', actions: SETUP },
};

/**
 * Codes the app itself records on a payment or a refund (the engine and the
 * client, not MTN's list): a request MTN never received, MTN unreachable, the
 * till's keys refused before anything was sent, a refusal with no reason.
 */
export const APP_REASON_CODES = ['NOT_SENT', 'NETWORK', 'MTN_UNREACHABLE', 'LOGIN_FAILED', 'INVALID_SUBSCRIPTION_KEY', 'UNAUTHORIZED', 'NOT_CONFIGURED', 'FORBIDDEN', 'UNSPECIFIED'] as const;
export type AppReasonCode = (typeof APP_REASON_CODES)[number];
type DescribedAppReason = Exclude<AppReasonCode, 'UNSPECIFIED'>;

const KEYS_REFUSED: ReasonRule = { kind: 'not_sent', actions: ['cash', 'transcript', 'retry'] };
const APP_REASON_RULES: Record<DescribedAppReason, ReasonRule> = {
  NOT_SENT: { kind: 'failed', actions: ['retry', 'cash', 'transcript'] },
  NETWORK: { kind: 'failed', actions: ['retry', 'cash', 'transcript'] },
  // Retry first: MoMo never saw the request, so a new one cannot charge twice.
  MTN_UNREACHABLE: { kind: 'not_sent', actions: ['retry', 'cash', 'transcript'] },
  LOGIN_FAILED: KEYS_REFUSED,
  INVALID_SUBSCRIPTION_KEY: KEYS_REFUSED,
  UNAUTHORIZED: KEYS_REFUSED,
  NOT_CONFIGURED: KEYS_REFUSED,
  FORBIDDEN: { kind: 'failed', actions: ['cash', 'transcript'] },
};

function isAppReason(code: string): code is DescribedAppReason {
  return code !== 'UNSPECIFIED' && (APP_REASON_CODES as readonly string[]).includes(code);
}

function isKnownReason(code: string): code is MomoReasonCode {
  return (MOMO_REASON_CODES as readonly string[]).includes(code);
}

function build(kind: OutcomeKind, text: Text, actions: PaymentAction[], language: Language): PaymentDescription {
  return { kind, headline: translate(language, `payment.headline.${kind}`), sentence: text.sentence, nextStep: text.nextStep, tone: TONE[kind], actions: [...actions] };
}

/** A MoMo refusal (final status with a reason) in the cashier's words. */
function describeRefusal(status: 'failed' | 'rejected' | 'expired', reasonCode: string | undefined, language: Language): PaymentDescription {
  const given = reasonCode ? normaliseReasonCode(reasonCode) : '';
  const code = given === 'UNSPECIFIED' ? '' : given;
  if (isAppReason(code)) return build(APP_REASON_RULES[code].kind, says(language, `payment.appReason.${code}`), APP_REASON_RULES[code].actions, language);
  if (code && isKnownReason(code)) {
    const rule = REASON_RULES[code];
    return build(rule.kind, says(language, `payment.reason.${code}`), rule.actions, language);
  }
  if (!code) {
    // No reason given: the status alone says declined or expired.
    if (status === 'rejected') return build('declined', says(language, 'payment.reason.APPROVAL_REJECTED'), ASK_AGAIN, language);
    if (status === 'expired') return build('expired', says(language, 'payment.reason.EXPIRED'), ASK_AGAIN, language);
    return build('failed', says(language, 'payment.status.failed_without_reason'), ASK_AGAIN, language);
  }
  const kind = status === 'rejected' ? 'declined' : status === 'expired' ? 'expired' : 'failed';
  return build(kind, says(language, 'payment.status.unknown_reason', { code }), ['cash', 'transcript', 'retry'], language);
}

/** One payment attempt: its status (and MoMo's reason) in the cashier's words, with what to do next. */
export function describePayment(payment: PaymentFacts, language: Language = 'en'): PaymentDescription {
  const text = (key: StatusTextKey) => says(language, `payment.status.${key}`);
  const { status } = payment;
  if (status === 'successful') return build('paid', text('paid'), ['print'], language);
  if ((status === 'failed' || status === 'rejected' || status === 'expired') && payment.kind === 'invoice') return describeInvoiceEnd(status, payment.reasonCode, language);
  if (status === 'failed' || status === 'rejected' || status === 'expired') return describeRefusal(status, payment.reasonCode, language);
  if (payment.kind === 'invoice' && status !== 'timed_out') {
    // Pay later: the customer is not at the counter; nothing here waits for them.
    return { kind: 'waiting', headline: translate(language, 'payment.headline.invoiceSent'), ...describeOpenInvoice(language), tone: TONE.waiting, actions: ['recheck'] };
  }
  if (payment.waitingCancelled) return build('stopped', text('stopped'), ['cash', 'recheck', 'transcript'], language);
  switch (status) {
    case 'recorded':
    case 'sending':
      return build('sending', text('sending'), ['cancelWaiting'], language);
    case 'pending':
      return build('waiting', text('waiting'), ['recheck', 'cancelWaiting'], language);
    case 'unknown':
      // The app is resolving a lost answer on the same reference: never offer a retry here.
      return build('checking', text('checking'), ['recheck', 'cancelWaiting', 'transcript'], language);
    case 'timed_out':
      return build('timed_out', text('timed_out'), ['recheck', 'cash', 'transcript'], language);
  }
}

export interface SaleFacts {
  status: 'awaiting_payment' | 'paid' | 'not_paid' | 'paid_twice';
  method: 'momo' | 'cash';
  payments: Array<PaymentFacts & { attempt: number }>;
}

/** The latest attempt decides, unless the sale as a whole is settled (cash, paid twice). */
export function latestPayment<P extends { attempt: number }>(payments: readonly P[]): P | undefined {
  let latest: P | undefined;
  for (const payment of payments) if (!latest || payment.attempt > latest.attempt) latest = payment;
  return latest;
}

/** A whole sale, as its status line in the list and the status panel show it. */
export function describeSale(sale: SaleFacts, language: Language = 'en'): PaymentDescription {
  const text = (key: StatusTextKey) => says(language, `payment.status.${key}`);
  if (sale.status === 'paid_twice') return build('paid_twice', text('paid_twice'), ['print', 'transcript'], language);
  if (sale.status === 'paid') {
    return sale.method === 'cash' ? build('paid_cash', text('paid_cash'), ['print'], language) : build('paid', text('paid'), ['print'], language);
  }
  const latest = latestPayment(sale.payments);
  if (!latest) return sale.status === 'awaiting_payment' ? build('sending', text('sending'), [], language) : build('failed', text('failed_without_reason'), ['cash'], language);
  return describePayment(latest, language);
}

// ---------- errors from the PosApi envelope ------------------------------

export interface ErrorDescription {
  sentence: string;
  nextStep?: string;
}

/**
 * MoMo's reason for a refusal (a refund that failed, a MoMo call the engine
 * passed on as `MOMO_<code>`) in the cashier's words: MoMo's reason codes
 * and the app's own by their `payment.reason.` / `payment.appReason.` keys,
 * an unknown one named.
 */
export function describeReason(reasonCode: string, language: Language = 'en'): ErrorDescription {
  const reason = normaliseReasonCode(reasonCode);
  if (isKnownReason(reason)) return says(language, `payment.reason.${reason}`);
  if (isAppReason(reason)) return says(language, `payment.appReason.${reason}`);
  return says(language, 'payment.status.unknown_reason', { code: reason || reasonCode });
}

// ---------- pay later ----------------------------------------------------

/** An invoice not paid yet (pay later): the customer is not at the counter, so nothing here waits for them. */
export function describeOpenInvoice(language: Language = 'en'): Text {
  return says(language, 'payment.invoice.open');
}

// ---------- the ledger file under faults ---------------------------------

/**
 * Why the ledger file cannot be used or checked (damage, a newer schema, a
 * clock far ahead): start-up, `pos verify`, the clock banner. A full disk and
 * a clock behind refuse an action: the ledger's own error keys.
 */
export type LedgerFaultCause =
  | 'missing'
  | 'permission'
  | 'truncated'
  | 'damaged'
  | 'not-sqlite'
  | 'implausible-schema'
  | 'newer'
  | 'clock-ahead';

export interface LedgerFault {
  cause: LedgerFaultCause;
  /** The ledger file. */
  file?: string;
  /** What SQLite or the check found, as it said it (not translated). */
  detail?: string;
  /** The newest backup that passed its check, and the command that puts it back. */
  backup?: string;
  restore?: string;
  schemaVersion?: number;
  /** The schema this app knows. */
  known?: number;
  /** The computer's clock and the ledger's last entry (clock faults). */
  at?: string;
  lastAt?: string;
  /** Clock ahead: by how many days. */
  days?: number;
}

/** Faults whose next step is the newest good backup (or the word that there is none). */
const RESTORE_FROM_BACKUP: ReadonlySet<LedgerFaultCause> = new Set(['truncated', 'damaged', 'implausible-schema']);

/** The ledger's fault in the reader's language: at start-up, in `pos verify`, on the screen. */
export function describeLedgerFault(fault: LedgerFault, language: Language = 'en'): ErrorDescription {
  const { cause } = fault;
  // A newer ledger is the sentence the ledger itself refuses it with (one sentence, its next step inside).
  if (cause === 'newer') return { sentence: translate(language, 'error.ledger.tooNew', { found: `${fault.schemaVersion}`, known: `${fault.known}`, file: `${fault.file}` }) };
  const fallback = (key: string) => (isMessageKey(key) ? translate(language, key) : '');
  const sentence = translate(language, `fault.${cause}.sentence`, {
    file: `${fault.file}`,
    detail: fault.detail ?? fallback(`fault.${cause}.noDetail`),
    schemaVersion: `${fault.schemaVersion}`,
    known: `${fault.known}`,
    at: fault.at ? ` (${fault.at})` : '',
    lastAt: fault.lastAt ? ` (${fault.lastAt})` : '',
    days: fault.days ?? fallback(`fault.${cause}.manyDays`),
  });
  if (!RESTORE_FROM_BACKUP.has(cause)) return { sentence, nextStep: fallback(`fault.${cause}.nextStep`) };
  const nextStep = fault.backup && fault.restore ? translate(language, 'fault.backup.found', { backup: fault.backup, restore: fault.restore }) : translate(language, 'fault.backup.none');
  return { sentence, nextStep: nextStep.trim() };
}

/** An invoice that ended unpaid: the customer is not at the counter, so the next step is a new invoice (never a prompt) or cash. */
const INVOICE_AGAIN: PaymentAction[] = ['newInvoice', 'cash', 'transcript'];

/** Cancelled (by the shop, or at MoMo), expired, declined or failed: an invoice's own states, each with "Send a new invoice". */
function describeInvoiceEnd(status: 'failed' | 'rejected' | 'expired', reasonCode: string | undefined, language: Language): PaymentDescription {
  const code = reasonCode ? normaliseReasonCode(reasonCode) : '';
  if (code === 'TRANSACTION_CANCELED') return build('cancelled', says(language, 'payment.invoice.cancelled'), INVOICE_AGAIN, language);
  if (status === 'expired' || code === 'EXPIRED' || code === 'TIMEOUT') return { ...build('expired', says(language, 'payment.invoice.expired'), INVOICE_AGAIN, language), headline: translate(language, 'payment.headline.invoiceExpired') };
  const refusal = describeRefusal(status, reasonCode, language);
  if (refusal.kind === 'declined') return build('declined', says(language, 'payment.invoice.declined'), INVOICE_AGAIN, language);
  return { ...refusal, nextStep: translate(language, 'payment.invoice.failed.nextStep'), actions: [...INVOICE_AGAIN] };
}

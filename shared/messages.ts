/**
 * Which sentence a code gets (docs/style.md): payment statuses and MoMo
 * reason codes -> the catalogue keys (shared/i18n) of what the cashier reads
 * and what to do next, with the actions offered. Pure functions: runs in the
 * engine and in the renderer alike.
 */
import { MOMO_REASON_CODES, normaliseReasonCode, type MomoReasonCode } from './momo-vocabulary';
import type { PaymentStatus } from './payment-states';
import { formatMoney, fromDecimalString, isCurrency } from './money';

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

const ENVELOPE_CODES = ['OFFLINE', 'NOT_IMPLEMENTED', 'NOT_FOUND', 'FORBIDDEN', 'INTERNAL', 'CONFLICT', 'OTHER'] as const;

/** A sentence with its next step when the catalogue has one (`call.OTHER` has none). */
function callText(language: Language, base: 'managerMustUnlock' | (typeof ENVELOPE_CODES)[number]): ErrorDescription {
  const nextStep = `call.${base}.nextStep`;
  const sentence = translate(language, `call.${base}.sentence`);
  return isMessageKey(nextStep) ? { sentence, nextStep: translate(language, nextStep) } : { sentence };
}

const ERROR_TEXT = Object.fromEntries(LANGUAGES.map((language) => [language, Object.fromEntries(ENVELOPE_CODES.map((code) => [code, callText(language, code)]))])) as Record<
  Language,
  Record<(typeof ENVELOPE_CODES)[number], ErrorDescription>
>;

/** FORBIDDEN on field 'grant': a manager method without the manager's unlock (the router says it before anything runs). */
const MANAGER_MUST_UNLOCK_TEXT = Object.fromEntries(LANGUAGES.map((language) => [language, callText(language, 'managerMustUnlock')])) as Record<Language, ErrorDescription>;

/**
 * A failed PosApi call in the cashier's words. English keeps the engine's own
 * sentence where it is more precise; other languages get ours.
 */
export function describeError(code: string, message: string, language: Language = 'en', field?: string): ErrorDescription {
  const texts = ERROR_TEXT[language];
  if (code === 'VALIDATION') return { sentence: translateNotice(message, language, field) };
  if (code.startsWith('MOMO_')) {
    const reason = normaliseReasonCode(code.slice('MOMO_'.length));
    if (isKnownReason(reason)) return says(language, `payment.reason.${reason}`);
    if (isAppReason(reason)) return says(language, `payment.appReason.${reason}`);
    return says(language, 'payment.status.unknown_reason', { code: reason || code });
  }
  // The till's own refusals (a missing Z report, no shift for cash…) have sentences of their own.
  const known = (code === 'NOT_FOUND' || code === 'CONFLICT') && knownNotice(message, language);
  if (known) return { sentence: known };
  if (code === 'OFFLINE' || code === 'NOT_IMPLEMENTED' || code === 'NOT_FOUND') return texts[code];
  // The engine refused a manager action to a caller without the manager's grant.
  if (code === 'FORBIDDEN' && field === 'grant') return MANAGER_MUST_UNLOCK_TEXT[language];
  if (code === 'FORBIDDEN' || code === 'UNAUTHORIZED') return language === 'en' && message ? { sentence: message, nextStep: texts.FORBIDDEN.nextStep } : texts.FORBIDDEN;
  if (code === 'CONFLICT') return language === 'en' && message ? { sentence: message } : texts.CONFLICT;
  if (code === 'INTERNAL') return texts.INTERNAL;
  const fault = ledgerFaultOfCode(code);
  // The engine's English names the times and files; other languages say the same without them.
  if (fault) return language === 'en' && message ? { sentence: message } : describeLedgerFault({ cause: fault }, language);
  if (language === 'en' && message) return { sentence: message };
  return { sentence: texts.OTHER.sentence.replace('{code}', code) };
}

// ---------- input notices (shared/money, shared/phone) in other languages --

type NoticeRule = { match: RegExp; fr: string; rw: string };

/** The English sentences shared/money.ts, shared/phone.ts and the contract produce, with $1… groups. */
const NOTICES: NoticeRule[] = [
  { match: /^Enter an amount\.$/, fr: 'Saisissez un montant.', rw: 'Andika amafaranga.' },
  { match: /^Amount must be a number, like 1500 or 12\.50\.$/, fr: 'Le montant doit être un nombre, comme 1500 ou 12.50.', rw: 'Amafaranga agomba kuba umubare, nka 1500 cyangwa 12.50.' },
  { match: /^(\w{3}) has no decimals: enter a whole amount\.$/, fr: '$1 n’a pas de décimales : saisissez un montant entier.', rw: '$1 nta bice igira: andika umubare wuzuye.' },
  { match: /^(\w{3}) has at most (\d+) decimals\.$/, fr: '$1 a au plus $2 décimales.', rw: '$1 ntirenza imibare $2 nyuma y’akadomo.' },
  { match: /^Amount is too (large|long)\.$/, fr: 'Le montant est trop grand.', rw: 'Amafaranga ni menshi cyane.' },
  { match: /^Amount must be more than zero\.$/, fr: 'Le montant doit être supérieur à zéro.', rw: 'Amafaranga agomba kurenga zeru.' },
  { match: /^Enter the customer.s phone number\.$/, fr: 'Saisissez le numéro de téléphone du client.', rw: 'Andika nimero ya telefoni y’umukiriya.' },
  { match: /^A phone number has only digits, spaces and an optional \+\.$/, fr: 'Un numéro ne contient que des chiffres, des espaces et éventuellement un +.', rw: 'Nimero ya telefoni igizwe n’imibare, imyanya n’akamenyetso + gusa.' },
  { match: /^This is not a valid mobile number for this country\.$/, fr: 'Ce n’est pas un numéro mobile valide pour ce pays.', rw: 'Iyi si nimero ya telefoni igendanwa yemewe muri iki gihugu.' },
  { match: /^Phone number is too long\.$/, fr: 'Le numéro est trop long.', rw: 'Nimero ni ndende cyane.' },
  { match: /^This number is from another country \((.+)\)\. Check it with the customer\.$/, fr: 'Ce numéro est d’un autre pays ($1). Vérifiez-le avec le client.', rw: 'Iyi nimero ni iyo mu kindi gihugu ($1). Yigenzure n’umukiriya.' },
  {
    match: /^This number may not be on MTN\. It can still work if the customer moved their number to MTN\.$/,
    fr: 'Ce numéro n’est peut-être pas chez MTN. Cela peut marcher si le client a transféré son numéro chez MTN.',
    rw: 'Iyi nimero ishobora kutaba iya MTN. Bishobora gukunda niba umukiriya yimuriye nimero ye kuri MTN.',
  },
  { match: /^A note has at most 140 characters\.$/, fr: 'Une note fait au plus 140 caractères.', rw: 'Icyitonderwa ntikirenza inyuguti 140.' },
  {
    match: /^This PIN is too easy to guess \(.*\)\. Choose another\.$/,
    fr: 'Ce code est trop facile à deviner (un chiffre répété, une suite comme 1234 ou 9876, ou une paire répétée comme 1212). Choisissez-en un autre.',
    rw: 'Iyi PIN iroroshye gukekwa (umubare umwe usubiramo, ikurikirana nka 1234 cyangwa 9876, cyangwa babiri basubiramo nka 1212). Hitamo indi.',
  },
  {
    match: /^A payment of the same amount to this number is still waiting: receipt (\S+)\. Charge again only if the customer is really paying twice\.$/,
    fr: 'Un paiement du même montant vers ce numéro attend encore : reçu $1. Ne relancez que si le client paie vraiment deux fois.',
    rw: 'Ubwishyu bw’amafaranga angana atyo kuri iyi nimero buracyategereje: inyemezabwishyu $1. Ongera wishyuze gusa niba umukiriya yishyura kabiri koko.',
  },
  { match: /^This charge request was already used for another sale\.$/, fr: 'Cette demande d’encaissement a déjà servi pour une autre vente.', rw: 'Iki gisabwa cyo kwishyuza cyamaze gukoreshwa ku kindi gicuruzwa.' },
  { match: /^This text may not hold control characters\.$/, fr: 'Ce texte ne peut pas contenir de caractères de contrôle.', rw: 'Iyi nyandiko ntishobora kugira inyuguti z’igenzura.' },
];

/** Money as the engine writes it in a sentence ("RWF 4,000,000", see moneyInSentence in shared/money). */
const MONEY = '([A-Z]{3} \\d{1,3}(?:,\\d{3})*(?:\\.\\d+)?)';
const tillNotice = (english: string, fr: string, rw: string): NoticeRule => ({ match: new RegExp(`^${english}$`), fr, rw });

/** The till's sentences (limits, the drawer, refunds, shifts, Z reports): money in them is written again in the cashier's language. */
const TILL_NOTICES: NoticeRule[] = [
  tillNotice('No sale with receipt number (.+)\\.', 'Aucune vente avec le numéro de reçu $1.', 'Nta gicuruzwa cyagurishijwe gifite inyemezabwishyu $1.'),
  tillNotice('Amount must be a number, like 1500\\.', 'Le montant doit être un nombre, comme 1500.', 'Amafaranga agomba kuba umubare, nka 1500.'),
  tillNotice(
    `That is more than the till takes at once: the limit is ${MONEY} \\(MTN’s limit for one payment in (.+)\\)\\.`,
    'C’est plus que la caisse n’accepte en une fois : la limite est de $1 (limite de MTN pour un seul paiement, $2).',
    'Ayo ni menshi kurusha ayo kesi yakira icyarimwe: ntarengwa ni $1 (urugero rwa MTN ku bwishyu bumwe, $2).',
  ),
  tillNotice(
    `That is more than the till takes at once: the limit is ${MONEY} \\(the shop’s own limit, set by the manager on the Till\\)\\.`,
    'C’est plus que la caisse n’accepte en une fois : la limite est de $1 (limite propre à la boutique, fixée par le responsable dans la Caisse).',
    'Ayo ni menshi kurusha ayo kesi yakira icyarimwe: ntarengwa ni $1 (urugero rw’iduka, rwashyizweho n’umuyobozi muri Isanduku).',
  ),
  tillNotice(
    `That is more than the till takes at once: the limit is ${MONEY} \\(the till’s safety limit; the manager can change it on the Till\\)\\.`,
    'C’est plus que la caisse n’accepte en une fois : la limite est de $1 (limite de sécurité de la caisse ; le responsable peut la changer dans la Caisse).',
    'Ayo ni menshi kurusha ayo kesi yakira icyarimwe: ntarengwa ni $1 (urugero rw’umutekano rwa kesi; umuyobozi ashobora kuruhindura muri Isanduku).',
  ),
  tillNotice(
    `Only ${MONEY} is expected in the drawer: not enough to pay out ${MONEY}\\.`,
    'Seulement $1 attendu dans le tiroir : pas assez pour sortir $2.',
    'Mu isanduku hategerejwe $1 gusa: ntibihagije gusohora $2.',
  ),
  tillNotice(
    `That is more than was paid: at most ${MONEY} is left to refund on sale (\\S+)\\.`,
    'C’est plus que ce qui a été payé : il reste au plus $1 à rembourser sur la vente $2.',
    'Ayo arenze ayishyuwe: hasigaye gusubizwa $1 gusa ku igurisha $2.',
  ),
  tillNotice(
    `MoMo can give back at most ${MONEY} on sale (\\S+); refund the rest in cash\\.`,
    'MoMo peut rendre au plus $1 sur la vente $2 ; remboursez le reste en espèces.',
    'MoMo ishobora gusubiza $1 gusa ku igurisha $2; andi uyasubize mu ntoki.',
  ),
  tillNotice('Nothing is left to refund on sale (\\S+)\\.', 'Il ne reste rien à rembourser sur la vente $1.', 'Nta kindi gisigaye cyo gusubiza ku igurisha $1.'),
  tillNotice(
    'No shift is open: open a shift on the Till before taking cash, so the cash is counted in a drawer\\.',
    'Aucun service ouvert : ouvrez un service dans la Caisse avant d’encaisser des espèces, pour qu’elles soient comptées dans un tiroir.',
    'Nta kazi gafunguye: fungura akazi muri Isanduku mbere yo kwakira amafaranga mu ntoki, kugira ngo abarirwe mu isanduku.',
  ),
  tillNotice('There is no Z report number (\\d+)\\.', 'Il n’y a pas de rapport Z n° $1.', 'Nta raporo Z ifite nimero $1.'),
  tillNotice('No Z report yet: close a shift first\\.', 'Pas encore de rapport Z : clôturez d’abord un service.', 'Nta raporo Z irabaho: banza ufunge akazi.'),
  tillNotice('No such refund\\.', 'Remboursement introuvable.', 'Iri subizwa ntiryabonetse.'),
];

/** A captured "RWF 4,000,000" as the cashier's screen writes money; any other capture as it came. */
function inLanguage(captured: string, language: Language): string {
  const money = /^([A-Z]{3}) ([\d,]+(?:\.\d+)?)$/.exec(captured);
  if (!money || !isCurrency(money[1])) return captured;
  try {
    return formatMoney(fromDecimalString(money[2]!.replace(/,/g, ''), money[1]), money[1], language);
  } catch {
    return captured;
  }
}

/** A sentence the rules know, in the language (English as it came); undefined for any other. */
function knownNotice(message: string, language: Language): string | undefined {
  for (const notice of [...NOTICES, ...TILL_NOTICES]) {
    const match = notice.match.exec(message);
    if (!match) continue;
    if (language === 'en') return message;
    return notice[language].replace(/\$(\d)/g, (_, index: string) => inLanguage(match[Number(index)] ?? '', language));
  }
  return undefined;
}

const FIELD_FALLBACK: Record<Exclude<Language, 'en'>, Record<string, string>> = {
  fr: { phone: 'Vérifiez le numéro de téléphone.', amount: 'Vérifiez le montant.', note: 'Vérifiez la note.' },
  rw: { phone: 'Genzura nimero ya telefoni.', amount: 'Genzura amafaranga.', note: 'Genzura icyitonderwa.' },
};

/**
 * An English notice from the shared rules (field errors, phone warnings) in
 * the cashier's language; unknown sentences fall back to a plain one per field.
 */
export function translateNotice(message: string, language: Language, field?: string): string {
  if (language === 'en') return message;
  return knownNotice(message, language) ?? ((field && FIELD_FALLBACK[language][field]) || message);
}


// ---------- pay later ----------------------------------------------------

/** An invoice not paid yet (pay later): the customer is not at the counter, so nothing here waits for them. */
export function describeOpenInvoice(language: Language = 'en'): Text {
  return says(language, 'payment.invoice.open');
}

// ---------- the ledger file under faults ---------------------------------

/** Why the ledger cannot be used or checked, or why an action was refused (damage, a full disk, a wrong clock). */
export type LedgerFaultCause =
  | 'missing'
  | 'permission'
  | 'truncated'
  | 'damaged'
  | 'not-sqlite'
  | 'implausible-schema'
  | 'newer'
  | 'disk-full'
  | 'clock-behind'
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

/** The engine codes of ledger faults that carry no facts through the PosApi envelope. */
export function ledgerFaultOfCode(code: string): LedgerFaultCause | undefined {
  return code === 'DISK_FULL' ? 'disk-full' : code === 'CLOCK_BEHIND' ? 'clock-behind' : code === 'LEDGER_DAMAGED' ? 'damaged' : undefined;
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

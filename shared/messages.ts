/**
 * The one place codes become sentences (docs/style.md): payment statuses and MoMo
 * reason codes -> what the cashier reads and what to do next, in English,
 * French and Kinyarwanda. Pure data and functions: runs in the engine and in
 * the renderer alike.
 */
import { MOMO_REASON_CODES, normaliseReasonCode, type MomoReasonCode } from './momo-vocabulary';
import type { PaymentStatus } from './payment-states';
import { formatMoney, fromDecimalString, isCurrency } from './money';

export const LANGUAGES = ['en', 'fr', 'rw'] as const;
export type Language = (typeof LANGUAGES)[number];

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

// ---------- headlines ----------------------------------------------------

const HEADLINES: Record<Language, Record<OutcomeKind, string>> = {
  en: {
    sending: 'Sending the prompt…',
    waiting: 'Waiting for the customer',
    checking: 'Checking…',
    timed_out: 'Timed out',
    stopped: 'Stopped waiting',
    paid: 'Paid',
    paid_cash: 'Paid in cash',
    paid_twice: 'Paid twice',
    declined: 'Declined',
    expired: 'Expired',
    failed: 'Failed',
    not_sent: 'Not sent',
    cancelled: 'Invoice cancelled',
  },
  fr: {
    sending: 'Envoi de la demande…',
    waiting: 'En attente du client',
    checking: 'Vérification…',
    timed_out: 'Délai dépassé',
    stopped: 'Attente arrêtée',
    paid: 'Payé',
    paid_cash: 'Payé en espèces',
    paid_twice: 'Payé deux fois',
    declined: 'Refusé',
    expired: 'Expiré',
    failed: 'Échoué',
    not_sent: 'Non envoyé',
    cancelled: 'Facture annulée',
  },
  rw: {
    sending: 'Turohereza ubutumwa…',
    waiting: 'Dutegereje umukiriya',
    checking: 'Turagenzura…',
    timed_out: 'Igihe kirarenze',
    stopped: 'Twahagaritse gutegereza',
    paid: 'Byishyuwe',
    paid_cash: 'Byishyuwe mu ntoki',
    paid_twice: 'Byishyuwe kabiri',
    declined: 'Byanzwe',
    expired: 'Igihe cyarangiye',
    failed: 'Ntibyakunze',
    not_sent: 'Ntibyoherejwe',
    cancelled: 'Inyemezabuguzi yahagaritswe',
  },
};

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

const STATUS_TEXT: Record<Language, Record<StatusTextKey, Text>> = {
  en: {
    sending: { sentence: 'Sending the prompt to the customer’s phone.', nextStep: 'Ask the customer to watch their phone.' },
    waiting: { sentence: 'The prompt is on the customer’s phone.', nextStep: 'Ask them to approve it and enter their MoMo PIN.' },
    checking: {
      sentence: 'Checking with MTN… The answer about this payment was lost on the way, and the app is asking MTN what happened.',
      nextStep: 'Do not charge again. The result shows here in a moment.',
    },
    timed_out: {
      sentence: 'No answer yet from the customer’s phone.',
      nextStep: 'Press Check now when the customer says they approved, or take cash.',
    },
    stopped: {
      sentence: 'You stopped waiting. This sale is not paid for now.',
      nextStep: 'The app keeps checking in the background: if the customer approves late, the sale turns Paid. Take cash or start a new sale.',
    },
    paid: { sentence: 'The customer paid with MoMo.', nextStep: 'Give the customer their receipt.' },
    paid_cash: { sentence: 'The customer paid in cash.', nextStep: 'Give the customer their receipt.' },
    paid_twice: {
      sentence: 'This sale was paid twice (for example MoMo approved late after cash was taken).',
      nextStep: 'Ask the manager to refund one of the payments.',
    },
    failed_without_reason: {
      sentence: 'MTN refused this payment without giving a reason.',
      nextStep: 'Retry, or take cash. If it keeps happening, send the support transcript to MTN.',
    },
    unknown_reason: {
      sentence: 'MTN refused this payment with code {code}.',
      nextStep: 'Take cash. Copy the support transcript and send it to MTN so they can explain the code.',
    },
  },
  fr: {
    sending: { sentence: 'La demande de paiement part vers le téléphone du client.', nextStep: 'Demandez au client de regarder son téléphone.' },
    waiting: { sentence: 'La demande est sur le téléphone du client.', nextStep: 'Demandez-lui de l’approuver avec son code PIN MoMo.' },
    checking: {
      sentence: 'Vérification auprès de MTN… La réponse pour ce paiement s’est perdue en route ; l’application demande à MTN ce qu’il en est.',
      nextStep: 'N’encaissez pas une deuxième fois. Le résultat s’affiche ici dans un instant.',
    },
    timed_out: {
      sentence: 'Toujours pas de réponse du téléphone du client.',
      nextStep: 'Appuyez sur Vérifier maintenant quand le client dit avoir approuvé, ou encaissez en espèces.',
    },
    stopped: {
      sentence: 'Vous avez arrêté d’attendre. Cette vente n’est pas payée pour l’instant.',
      nextStep: 'L’application continue de vérifier : si le client approuve plus tard, la vente passe à Payé. Encaissez en espèces ou commencez une nouvelle vente.',
    },
    paid: { sentence: 'Le client a payé avec MoMo.', nextStep: 'Remettez son reçu au client.' },
    paid_cash: { sentence: 'Le client a payé en espèces.', nextStep: 'Remettez son reçu au client.' },
    paid_twice: {
      sentence: 'Cette vente a été payée deux fois (par exemple MoMo approuvé en retard après un paiement en espèces).',
      nextStep: 'Demandez au responsable de rembourser un des paiements.',
    },
    failed_without_reason: {
      sentence: 'MTN a refusé ce paiement sans donner de raison.',
      nextStep: 'Réessayez, ou encaissez en espèces. Si cela se répète, envoyez la transcription pour le support à MTN.',
    },
    unknown_reason: {
      sentence: 'MTN a refusé ce paiement avec le code {code}.',
      nextStep: 'Encaissez en espèces. Copiez la transcription pour le support et envoyez-la à MTN pour qu’ils expliquent ce code.',
    },
  },
  rw: {
    sending: { sentence: 'Turohereza ubutumwa bwo kwishyura kuri telefoni y’umukiriya.', nextStep: 'Saba umukiriya kureba kuri telefoni ye.' },
    waiting: { sentence: 'Ubutumwa bwo kwishyura buri kuri telefoni y’umukiriya.', nextStep: 'Musabe kwemeza no kwandika PIN ye ya MoMo.' },
    checking: {
      sentence: 'Turabaza MTN… Igisubizo cy’iri yishyura cyabuze mu nzira, porogaramu irabaza MTN uko byagenze.',
      nextStep: 'Ntukongere kwishyuza. Igisubizo kiraboneka hano mu kanya.',
    },
    timed_out: {
      sentence: 'Nta gisubizo kiraturuka kuri telefoni y’umukiriya.',
      nextStep: 'Kanda Genzura ubu umukiriya navuga ko yemeje, cyangwa wakire amafaranga mu ntoki.',
    },
    stopped: {
      sentence: 'Wahagaritse gutegereza. Iri gurisha ntiririshyurwa ubu.',
      nextStep: 'Porogaramu ikomeza kugenzura: umukiriya nabyemeza nyuma, bizahinduka Byishyuwe. Akira amafaranga mu ntoki cyangwa utangire igurisha rishya.',
    },
    paid: { sentence: 'Umukiriya yishyuye na MoMo.', nextStep: 'Muhe inyemezabwishyu ye.' },
    paid_cash: { sentence: 'Umukiriya yishyuye amafaranga mu ntoki.', nextStep: 'Muhe inyemezabwishyu ye.' },
    paid_twice: {
      sentence: 'Iri gurisha ryishyuwe kabiri (urugero: MoMo yemejwe nyuma y’uko amafaranga mu ntoki yakiriwe).',
      nextStep: 'Saba umuyobozi gusubiza kimwe mu bwishyu bubiri.',
    },
    failed_without_reason: {
      sentence: 'MTN yanze iri yishyura itatanze impamvu.',
      nextStep: 'Ongera ugerageze, cyangwa wakire amafaranga mu ntoki. Nibikomeza, ohereza inyandiko y’ubufasha kuri MTN.',
    },
    unknown_reason: {
      sentence: 'MTN yanze iri yishyura ikoresheje kode {code}.',
      nextStep: 'Akira amafaranga mu ntoki. Koporora inyandiko y’ubufasha uyoherereze MTN ngo isobanure iyo kode.',
    },
  },
};

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

const APP_REASON_TEXT: Record<Language, Record<DescribedAppReason, Text>> = {
  en: {
    NOT_SENT: { sentence: 'MTN never received this payment request, so no money moved.', nextStep: 'If the customer is still here, retry or take cash.' },
    NETWORK: { sentence: 'The app could not reach MTN.', nextStep: 'Check the internet connection, then retry, or take cash.' },
    MTN_UNREACHABLE: { sentence: 'Could not reach MTN. No prompt was sent.', nextStep: 'Retry or take cash.' },
    LOGIN_FAILED: {
      sentence: 'MTN did not accept this till’s API user and API key. No prompt was sent.',
      nextStep: 'Take cash, and ask the manager to check the keys in Set-up (Test connection).',
    },
    INVALID_SUBSCRIPTION_KEY: {
      sentence: 'MTN refused this till’s subscription key. No prompt was sent.',
      nextStep: 'Take cash, and ask the manager to check the subscription key in Set-up (Test connection).',
    },
    UNAUTHORIZED: {
      sentence: 'MTN refused this till’s keys. No prompt was sent.',
      nextStep: 'Take cash, and ask the manager to check the keys in Set-up (Test connection).',
    },
    NOT_CONFIGURED: { sentence: 'This till has no MoMo keys for this. Nothing was sent to MTN.', nextStep: 'Take cash, and ask the manager to finish Set-up.' },
    FORBIDDEN: {
      sentence: 'MTN refused this request (HTTP 403). In production MTN only accepts it from the shop’s internet address once MTN has whitelisted it.',
      nextStep: 'Take cash for now. The manager must ask MTN to whitelist this shop’s internet address, then try again.',
    },
  },
  fr: {
    NOT_SENT: { sentence: 'MTN n’a jamais reçu cette demande de paiement : aucun argent n’a bougé.', nextStep: 'Si le client est encore là, réessayez ou encaissez en espèces.' },
    NETWORK: { sentence: 'L’application n’a pas pu joindre MTN.', nextStep: 'Vérifiez la connexion Internet, puis réessayez, ou encaissez en espèces.' },
    MTN_UNREACHABLE: { sentence: 'Impossible de joindre MTN. Aucune demande n’a été envoyée.', nextStep: 'Réessayez ou encaissez en espèces.' },
    LOGIN_FAILED: {
      sentence: 'MTN n’a pas accepté l’utilisateur API et la clé API de cette caisse. Aucune demande n’a été envoyée.',
      nextStep: 'Encaissez en espèces et demandez au responsable de vérifier les clés dans la configuration (Tester la connexion).',
    },
    INVALID_SUBSCRIPTION_KEY: {
      sentence: 'MTN a refusé la clé d’abonnement de cette caisse. Aucune demande n’a été envoyée.',
      nextStep: 'Encaissez en espèces et demandez au responsable de vérifier la clé d’abonnement dans la configuration (Tester la connexion).',
    },
    UNAUTHORIZED: {
      sentence: 'MTN a refusé les clés de cette caisse. Aucune demande n’a été envoyée.',
      nextStep: 'Encaissez en espèces et demandez au responsable de vérifier les clés dans la configuration (Tester la connexion).',
    },
    NOT_CONFIGURED: { sentence: 'Cette caisse n’a pas de clés MoMo pour cela. Rien n’a été envoyé à MTN.', nextStep: 'Encaissez en espèces et demandez au responsable de terminer la configuration.' },
    FORBIDDEN: {
      sentence: 'MTN a refusé cette demande (HTTP 403). En production, MTN ne l’accepte que depuis l’adresse Internet de la boutique, une fois celle-ci mise sur liste blanche.',
      nextStep: 'Encaissez en espèces pour l’instant. Le responsable doit demander à MTN de mettre l’adresse Internet de la boutique sur liste blanche, puis réessayer.',
    },
  },
  rw: {
    NOT_SENT: { sentence: 'MTN ntiyigeze ibona iki cyifuzo cyo kwishyura, nta mafaranga yavuye kuri konti.', nextStep: 'Niba umukiriya akiri aha, ongera ugerageze cyangwa wakire amafaranga mu ntoki.' },
    NETWORK: { sentence: 'Porogaramu ntiyashoboye kugera kuri MTN.', nextStep: 'Genzura interineti, wongere ugerageze, cyangwa wakire amafaranga mu ntoki.' },
    MTN_UNREACHABLE: { sentence: 'Ntibyashobotse kugera kuri MTN. Nta butumwa bwo kwishyura bwoherejwe.', nextStep: 'Ongera ugerageze cyangwa wakire amafaranga mu ntoki.' },
    LOGIN_FAILED: {
      sentence: 'MTN ntiyemeye API user na API key by’iyi kesi. Nta butumwa bwoherejwe.',
      nextStep: 'Akira amafaranga mu ntoki, maze usabe umuyobozi kugenzura imfunguzo muri Set-up (Gerageza guhuza).',
    },
    INVALID_SUBSCRIPTION_KEY: {
      sentence: 'MTN yanze subscription key y’iyi kesi. Nta butumwa bwoherejwe.',
      nextStep: 'Akira amafaranga mu ntoki, maze usabe umuyobozi kugenzura subscription key muri Set-up (Gerageza guhuza).',
    },
    UNAUTHORIZED: {
      sentence: 'MTN yanze imfunguzo z’iyi kesi. Nta butumwa bwoherejwe.',
      nextStep: 'Akira amafaranga mu ntoki, maze usabe umuyobozi kugenzura imfunguzo muri Set-up (Gerageza guhuza).',
    },
    NOT_CONFIGURED: { sentence: 'Iyi kesi nta mfunguzo za MoMo ifite kuri iki gikorwa. Nta kintu cyoherejwe kuri MTN.', nextStep: 'Akira amafaranga mu ntoki, maze usabe umuyobozi kurangiza Set-up.' },
    FORBIDDEN: {
      sentence: 'MTN yanze iki cyifuzo (HTTP 403). Muri production, MTN icyakira gusa giturutse kuri aderesi ya interineti y’iduka imaze kwemezwa (whitelist).',
      nextStep: 'Akira amafaranga mu ntoki ubu. Umuyobozi agomba gusaba MTN kwemeza (whitelist) aderesi ya interineti y’iduka, hanyuma mwongere mugerageze.',
    },
  },
};

function reasonTexts(next: { askAgain: string; retryOrCash: string; setup: string; cashAndTranscript: string }, s: Record<MomoReasonCode, string>, nextFor: Partial<Record<MomoReasonCode, string>>): Record<MomoReasonCode, Text> {
  const out = {} as Record<MomoReasonCode, Text>;
  for (const code of MOMO_REASON_CODES) {
    const rule = REASON_RULES[code];
    const fallback = rule.actions === SETUP ? next.setup : rule.kind === 'declined' ? next.askAgain : next.retryOrCash;
    out[code] = { sentence: s[code], nextStep: nextFor[code] ?? fallback };
  }
  return out;
}

const REASON_TEXT: Record<Language, Record<MomoReasonCode, Text>> = {
  en: reasonTexts(
    {
      askAgain: 'Ask them to try again or take cash.',
      retryOrCash: 'Retry, or take cash. If it keeps happening, send the support transcript to MTN.',
      setup: 'Take cash and tell the manager: the shop’s MoMo setup needs checking. Send the support transcript to MTN.',
      cashAndTranscript: 'Take cash. If it keeps happening, copy the support transcript and send it to MTN.',
    },
    {
      APPROVAL_REJECTED: 'The customer declined on their phone.',
      REJECTED: 'The customer declined on their phone.',
      PAYMENT_NOT_APPROVED: 'The customer did not approve the payment.',
      TRANSACTION_CANCELED: 'The payment was cancelled before it was completed.',
      EXPIRED: 'The customer did not answer the prompt in time.',
      TIMEOUT: 'The customer did not answer the prompt in time.',
      NOT_ENOUGH_FUNDS: 'The customer does not have enough money on MoMo.',
      PAYER_LIMIT_REACHED: 'The customer has reached their MoMo limit.',
      PAYER_NOT_FOUND: 'MTN cannot find a MoMo account for this number.',
      INTERNAL_PROCESSING_ERROR:
        'MTN could not process this payment, and no prompt reached the phone. Usually the customer’s wallet cannot take this payment (not registered, another network, barred, or over a limit), or the shop’s MoMo account is not set up for it. The app cannot tell which.',
      SERVICE_UNAVAILABLE: 'MTN’s payment service is not available right now.',
      RESOURCE_NOT_FOUND: 'MTN has no record of this payment.',
      TRANSACTION_NOT_COMPLETED: 'The payment was not completed.',
      TRANSACTION_NOT_FOUND: 'MTN cannot find this payment.',
      COULD_NOT_PERFORM_TRANSACTION: 'MTN could not complete this payment: usually the customer did not approve it within MoMo’s time (about 5 minutes).',
      PAYER_DELAYED: 'The customer did not approve in time.',
      ONGOING: 'The payment was still in progress at MTN and did not complete.',
      LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED:
        'MTN refused this payment: the customer’s balance is too low, a limit was reached, or their wallet may not pay this shop. MTN does not say which.',
      SENDER_ACCOUNT_NOT_ACTIVE: 'The customer’s MoMo account is not active.',
      PAYEE_LIMIT_REACHED: 'The shop’s MoMo account has reached the most it may receive.',
      NOT_FOUND: 'MTN could not find what the app asked for.',
      RESOURCE_ALREADY_EXIST: 'MTN says this payment request was already sent once.',
      PAYEE_NOT_FOUND: 'MTN cannot find the shop’s MoMo account.',
      PAYEE_NOT_ALLOWED_TO_RECEIVE: 'The shop’s MoMo account is not allowed to receive this payment.',
      NOT_ALLOWED: 'MTN did not allow this payment.',
      NOT_ALLOWED_TARGET_ENVIRONMENT: 'The shop’s MoMo account is not set up for this country or environment.',
      INVALID_CALLBACK_URL_HOST: 'MTN refused the app’s callback address setting.',
      INVALID_CURRENCY: 'MTN refused the currency for the shop’s account.',
      INFORMATIONAL_SCOPE_INSTRUCTION: 'MTN asked for account information the shop is not set up to use.',
      MISSING_SCOPE_INSTRUCTION: 'MTN says a permission is missing from the shop’s account setup.',
      MORE_THAN_ONE_FINANCIAL_SCOPE_NOT_SUPPORTED: 'MTN refused the request: it asked for more than one kind of payment permission.',
      UNSUPPORTED_SCOPE_COMBINATION: 'MTN refused the request: this combination of permissions is not supported.',
      CONSENT_MISMATCH: 'MTN refused the request: the customer’s consent does not match this payment.',
      UNSUPPORTED_SCOPE: 'MTN refused the request: the permission it asked for is not supported.',
    },
    {
      EXPIRED: 'Ask them to watch their phone and retry, or take cash.',
      TIMEOUT: 'Ask them to watch their phone and retry, or take cash.',
      NOT_ENOUGH_FUNDS: 'Ask them to top up and retry, or take cash.',
      PAYER_LIMIT_REACHED: 'Take cash, or retry once the customer has raised their limit.',
      PAYER_NOT_FOUND: 'Check the number with the customer and start a new sale, or take cash.',
      INTERNAL_PROCESSING_ERROR: 'Take cash. If it keeps happening, copy the support transcript and send it to MTN.',
      SERVICE_UNAVAILABLE: 'Wait a moment and retry, or take cash.',
      RESOURCE_ALREADY_EXIST: 'Look at today’s sales before charging again. Copy the support transcript for MTN.',
      COULD_NOT_PERFORM_TRANSACTION: 'Ask them to keep their phone at hand and approve quickly, then retry, or take cash.',
      PAYER_DELAYED: 'Ask them to watch their phone and retry, or take cash.',
      ONGOING: 'Retry, or take cash.',
      LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED: 'Ask the customer to check their MoMo balance and limits, then retry, or take cash.',
      SENDER_ACCOUNT_NOT_ACTIVE: 'Take cash. The customer should call MTN (100) to activate their MoMo account.',
      PAYEE_LIMIT_REACHED: 'Take cash and tell the manager: the shop’s MoMo account limit must be raised with MTN.',
    },
  ),
  fr: reasonTexts(
    {
      askAgain: 'Demandez-lui de réessayer, ou encaissez en espèces.',
      retryOrCash: 'Réessayez, ou encaissez en espèces. Si cela se répète, envoyez la transcription pour le support à MTN.',
      setup: 'Encaissez en espèces et prévenez le responsable : le compte MoMo de la boutique doit être vérifié. Envoyez la transcription pour le support à MTN.',
      cashAndTranscript: 'Encaissez en espèces. Si cela se répète, copiez la transcription pour le support et envoyez-la à MTN.',
    },
    {
      APPROVAL_REJECTED: 'Le client a refusé sur son téléphone.',
      REJECTED: 'Le client a refusé sur son téléphone.',
      PAYMENT_NOT_APPROVED: 'Le client n’a pas approuvé le paiement.',
      TRANSACTION_CANCELED: 'Le paiement a été annulé avant la fin.',
      EXPIRED: 'Le client n’a pas répondu à temps.',
      TIMEOUT: 'Le client n’a pas répondu à temps.',
      NOT_ENOUGH_FUNDS: 'Le client n’a pas assez d’argent sur MoMo.',
      PAYER_LIMIT_REACHED: 'Le client a atteint sa limite MoMo.',
      PAYER_NOT_FOUND: 'MTN ne trouve pas de compte MoMo pour ce numéro.',
      INTERNAL_PROCESSING_ERROR:
        'MTN n’a pas pu traiter ce paiement et aucune demande n’est arrivée sur le téléphone. Souvent, le compte du client ne peut pas recevoir cette demande (non inscrit, autre réseau, bloqué ou au-delà d’une limite), ou le compte MoMo de la boutique n’est pas configuré pour cela. L’application ne peut pas savoir lequel.',
      SERVICE_UNAVAILABLE: 'Le service de paiement de MTN n’est pas disponible pour le moment.',
      RESOURCE_NOT_FOUND: 'MTN n’a aucune trace de ce paiement.',
      TRANSACTION_NOT_COMPLETED: 'Le paiement n’a pas été terminé.',
      TRANSACTION_NOT_FOUND: 'MTN ne trouve pas ce paiement.',
      COULD_NOT_PERFORM_TRANSACTION: 'MTN n’a pas pu effectuer ce paiement : le plus souvent, le client ne l’a pas approuvé dans le délai de MoMo (environ 5 minutes).',
      PAYER_DELAYED: 'Le client n’a pas approuvé à temps.',
      ONGOING: 'Le paiement était encore en cours chez MTN et ne s’est pas terminé.',
      LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED:
        'MTN a refusé ce paiement : solde du client insuffisant, limite atteinte, ou son compte ne peut pas payer cette boutique. MTN ne précise pas lequel.',
      SENDER_ACCOUNT_NOT_ACTIVE: 'Le compte MoMo du client n’est pas actif.',
      PAYEE_LIMIT_REACHED: 'Le compte MoMo de la boutique a atteint le maximum qu’il peut recevoir.',
      NOT_FOUND: 'MTN n’a pas trouvé ce que l’application demandait.',
      RESOURCE_ALREADY_EXIST: 'MTN indique que cette demande de paiement a déjà été envoyée.',
      PAYEE_NOT_FOUND: 'MTN ne trouve pas le compte MoMo de la boutique.',
      PAYEE_NOT_ALLOWED_TO_RECEIVE: 'Le compte MoMo de la boutique n’est pas autorisé à recevoir ce paiement.',
      NOT_ALLOWED: 'MTN n’a pas autorisé ce paiement.',
      NOT_ALLOWED_TARGET_ENVIRONMENT: 'Le compte MoMo de la boutique n’est pas configuré pour ce pays ou cet environnement.',
      INVALID_CALLBACK_URL_HOST: 'MTN a refusé l’adresse de rappel configurée dans l’application.',
      INVALID_CURRENCY: 'MTN a refusé la devise du compte de la boutique.',
      INFORMATIONAL_SCOPE_INSTRUCTION: 'MTN a refusé la demande : autorisation du compte non prévue (INFORMATIONAL_SCOPE_INSTRUCTION).',
      MISSING_SCOPE_INSTRUCTION: 'MTN a refusé la demande : une autorisation manque au compte (MISSING_SCOPE_INSTRUCTION).',
      MORE_THAN_ONE_FINANCIAL_SCOPE_NOT_SUPPORTED: 'MTN a refusé la demande : plusieurs autorisations de paiement demandées.',
      UNSUPPORTED_SCOPE_COMBINATION: 'MTN a refusé la demande : cette combinaison d’autorisations n’est pas prise en charge.',
      CONSENT_MISMATCH: 'MTN a refusé la demande : le consentement du client ne correspond pas à ce paiement.',
      UNSUPPORTED_SCOPE: 'MTN a refusé la demande : l’autorisation demandée n’est pas prise en charge.',
    },
    {
      EXPIRED: 'Demandez-lui de surveiller son téléphone et réessayez, ou encaissez en espèces.',
      TIMEOUT: 'Demandez-lui de surveiller son téléphone et réessayez, ou encaissez en espèces.',
      NOT_ENOUGH_FUNDS: 'Demandez-lui de recharger puis réessayez, ou encaissez en espèces.',
      PAYER_LIMIT_REACHED: 'Encaissez en espèces, ou réessayez quand le client aura relevé sa limite.',
      PAYER_NOT_FOUND: 'Vérifiez le numéro avec le client et commencez une nouvelle vente, ou encaissez en espèces.',
      INTERNAL_PROCESSING_ERROR: 'Encaissez en espèces. Si cela se répète, copiez la transcription pour le support et envoyez-la à MTN.',
      SERVICE_UNAVAILABLE: 'Patientez un instant et réessayez, ou encaissez en espèces.',
      RESOURCE_ALREADY_EXIST: 'Regardez les ventes du jour avant d’encaisser à nouveau. Copiez la transcription pour MTN.',
      COULD_NOT_PERFORM_TRANSACTION: 'Demandez-lui de garder son téléphone en main et d’approuver rapidement, puis réessayez, ou encaissez en espèces.',
      PAYER_DELAYED: 'Demandez-lui de surveiller son téléphone et réessayez, ou encaissez en espèces.',
      ONGOING: 'Réessayez, ou encaissez en espèces.',
      LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED: 'Demandez au client de vérifier son solde et ses limites MoMo, puis réessayez, ou encaissez en espèces.',
      SENDER_ACCOUNT_NOT_ACTIVE: 'Encaissez en espèces. Le client doit appeler MTN (100) pour activer son compte MoMo.',
      PAYEE_LIMIT_REACHED: 'Encaissez en espèces et prévenez le responsable : la limite du compte MoMo de la boutique doit être relevée auprès de MTN.',
    },
  ),
  rw: reasonTexts(
    {
      askAgain: 'Musabe yongere agerageze, cyangwa wakire amafaranga mu ntoki.',
      retryOrCash: 'Ongera ugerageze, cyangwa wakire amafaranga mu ntoki. Nibikomeza, ohereza inyandiko y’ubufasha kuri MTN.',
      setup: 'Akira amafaranga mu ntoki kandi ubwire umuyobozi: konti ya MoMo y’iduka igomba kugenzurwa. Ohereza inyandiko y’ubufasha kuri MTN.',
      cashAndTranscript: 'Akira amafaranga mu ntoki. Nibikomeza, koporora inyandiko y’ubufasha uyoherereze MTN.',
    },
    {
      APPROVAL_REJECTED: 'Umukiriya yanze kwishyura kuri telefoni ye.',
      REJECTED: 'Umukiriya yanze kwishyura kuri telefoni ye.',
      PAYMENT_NOT_APPROVED: 'Umukiriya ntiyemeje kwishyura.',
      TRANSACTION_CANCELED: 'Iri yishyura ryahagaritswe mbere yo kurangira.',
      EXPIRED: 'Umukiriya ntiyasubije mu gihe cyagenwe.',
      TIMEOUT: 'Umukiriya ntiyasubije mu gihe cyagenwe.',
      NOT_ENOUGH_FUNDS: 'Umukiriya nta mafaranga ahagije afite kuri MoMo.',
      PAYER_LIMIT_REACHED: 'Umukiriya yageze ku rugero ntarengwa rwa MoMo.',
      PAYER_NOT_FOUND: 'MTN ntibona konti ya MoMo y’iyi nimero.',
      INTERNAL_PROCESSING_ERROR:
        'MTN ntiyashoboye gukora iri yishyura, kandi nta butumwa bwageze kuri telefoni. Akenshi konti y’umukiriya ntishobora kwakira iri yishyura (ntiyiyandikishije, ni undi muyoboro, yarafunzwe, cyangwa yarenze urugero), cyangwa konti ya MoMo y’iduka ntiteguriwe ibi. Porogaramu ntishobora kumenya icyabiteye.',
      SERVICE_UNAVAILABLE: 'Serivisi ya MTN yo kwishyura ntiboneka ubu.',
      RESOURCE_NOT_FOUND: 'MTN nta makuru ifite kuri iri yishyura.',
      TRANSACTION_NOT_COMPLETED: 'Iri yishyura ntiryarangiye.',
      TRANSACTION_NOT_FOUND: 'MTN ntibona iri yishyura.',
      COULD_NOT_PERFORM_TRANSACTION: 'MTN ntiyashoboye kurangiza iri yishyura: akenshi umukiriya ntiyaryemeje mu gihe MoMo itanga (nk’iminota 5).',
      PAYER_DELAYED: 'Umukiriya ntiyemeje mu gihe cyagenwe.',
      ONGOING: 'Iri yishyura ryari rigikorwa kuri MTN kandi ntiryarangiye.',
      LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED:
        'MTN yanze iri yishyura: amafaranga y’umukiriya ntahagije, yageze ku rugero ntarengwa, cyangwa konti ye ntiyemerewe kwishyura iri duka. MTN ntivuga icyo ari cyo.',
      SENDER_ACCOUNT_NOT_ACTIVE: 'Konti ya MoMo y’umukiriya ntikora.',
      PAYEE_LIMIT_REACHED: 'Konti ya MoMo y’iduka yageze ku rugero ntarengwa rw’ibyo ishobora kwakira.',
      NOT_FOUND: 'MTN ntiyabonye ibyo porogaramu yasabye.',
      RESOURCE_ALREADY_EXIST: 'MTN ivuga ko iri yishyura ryari ryoherejwe mbere.',
      PAYEE_NOT_FOUND: 'MTN ntibona konti ya MoMo y’iduka.',
      PAYEE_NOT_ALLOWED_TO_RECEIVE: 'Konti ya MoMo y’iduka ntiyemerewe kwakira iri yishyura.',
      NOT_ALLOWED: 'MTN ntiyemeye iri yishyura.',
      NOT_ALLOWED_TARGET_ENVIRONMENT: 'Konti ya MoMo y’iduka ntiteguriwe iki gihugu.',
      INVALID_CALLBACK_URL_HOST: 'MTN yanze aderesi yo gusubirizaho yashyizwe muri porogaramu.',
      INVALID_CURRENCY: 'MTN yanze ifaranga rya konti y’iduka.',
      INFORMATIONAL_SCOPE_INSTRUCTION: 'MTN yanze icyifuzo: uburenganzira bwa konti ntibuteganyijwe (INFORMATIONAL_SCOPE_INSTRUCTION).',
      MISSING_SCOPE_INSTRUCTION: 'MTN yanze icyifuzo: konti ibura uburenganzira (MISSING_SCOPE_INSTRUCTION).',
      MORE_THAN_ONE_FINANCIAL_SCOPE_NOT_SUPPORTED: 'MTN yanze icyifuzo: hasabwe uburenganzira bwo kwishyura burenze bumwe.',
      UNSUPPORTED_SCOPE_COMBINATION: 'MTN yanze icyifuzo: uburenganzira bwasabwe ntibushobora kujyana.',
      CONSENT_MISMATCH: 'MTN yanze icyifuzo: uruhushya rw’umukiriya ntiruhuye n’iri yishyura.',
      UNSUPPORTED_SCOPE: 'MTN yanze icyifuzo: uburenganzira bwasabwe ntibwemewe.',
    },
    {
      EXPIRED: 'Musabe kureba kuri telefoni maze wongere ugerageze, cyangwa wakire amafaranga mu ntoki.',
      TIMEOUT: 'Musabe kureba kuri telefoni maze wongere ugerageze, cyangwa wakire amafaranga mu ntoki.',
      NOT_ENOUGH_FUNDS: 'Musabe gushyira amafaranga kuri MoMo maze wongere ugerageze, cyangwa wakire amafaranga mu ntoki.',
      PAYER_LIMIT_REACHED: 'Akira amafaranga mu ntoki, cyangwa wongere ugerageze umukiriya namara kuzamura urugero rwe.',
      PAYER_NOT_FOUND: 'Genzura nimero n’umukiriya utangire igurisha rishya, cyangwa wakire amafaranga mu ntoki.',
      INTERNAL_PROCESSING_ERROR: 'Akira amafaranga mu ntoki. Nibikomeza, koporora inyandiko y’ubufasha uyoherereze MTN.',
      SERVICE_UNAVAILABLE: 'Tegereza gato wongere ugerageze, cyangwa wakire amafaranga mu ntoki.',
      RESOURCE_ALREADY_EXIST: 'Reba ibyagurishijwe uyu munsi mbere yo kongera kwishyuza. Koporora inyandiko y’ubufasha ya MTN.',
      COULD_NOT_PERFORM_TRANSACTION: 'Musabe gufata telefoni ye akemeza vuba, maze wongere ugerageze, cyangwa wakire amafaranga mu ntoki.',
      PAYER_DELAYED: 'Musabe kureba kuri telefoni maze wongere ugerageze, cyangwa wakire amafaranga mu ntoki.',
      ONGOING: 'Ongera ugerageze, cyangwa wakire amafaranga mu ntoki.',
      LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED: 'Saba umukiriya kugenzura amafaranga afite kuri MoMo n’urugero rwe, maze wongere ugerageze, cyangwa wakire amafaranga mu ntoki.',
      SENDER_ACCOUNT_NOT_ACTIVE: 'Akira amafaranga mu ntoki. Umukiriya ahamagare MTN (100) ngo bakoreshe konti ye ya MoMo.',
      PAYEE_LIMIT_REACHED: 'Akira amafaranga mu ntoki kandi ubwire umuyobozi: urugero rwa konti ya MoMo y’iduka rugomba kuzamurwa na MTN.',
    },
  ),
};

function isKnownReason(code: string): code is MomoReasonCode {
  return (MOMO_REASON_CODES as readonly string[]).includes(code);
}

function build(kind: OutcomeKind, text: Text, actions: PaymentAction[], language: Language): PaymentDescription {
  return { kind, headline: HEADLINES[language][kind], sentence: text.sentence, nextStep: text.nextStep, tone: TONE[kind], actions: [...actions] };
}

/** A MoMo refusal (final status with a reason) in the cashier's words. */
function describeRefusal(status: 'failed' | 'rejected' | 'expired', reasonCode: string | undefined, language: Language): PaymentDescription {
  const given = reasonCode ? normaliseReasonCode(reasonCode) : '';
  const code = given === 'UNSPECIFIED' ? '' : given;
  if (isAppReason(code)) return build(APP_REASON_RULES[code].kind, APP_REASON_TEXT[language][code], APP_REASON_RULES[code].actions, language);
  if (code && isKnownReason(code)) {
    const rule = REASON_RULES[code];
    return build(rule.kind, REASON_TEXT[language][code], rule.actions, language);
  }
  if (!code) {
    // No reason given: the status alone says declined or expired.
    if (status === 'rejected') return build('declined', REASON_TEXT[language].APPROVAL_REJECTED, ASK_AGAIN, language);
    if (status === 'expired') return build('expired', REASON_TEXT[language].EXPIRED, ASK_AGAIN, language);
    return build('failed', STATUS_TEXT[language].failed_without_reason, ASK_AGAIN, language);
  }
  const unknown = STATUS_TEXT[language].unknown_reason;
  const kind = status === 'rejected' ? 'declined' : status === 'expired' ? 'expired' : 'failed';
  return build(kind, { sentence: unknown.sentence.replace('{code}', code), nextStep: unknown.nextStep }, ['cash', 'transcript', 'retry'], language);
}

/** One payment attempt: its status (and MoMo's reason) in the cashier's words, with what to do next. */
export function describePayment(payment: PaymentFacts, language: Language = 'en'): PaymentDescription {
  const text = STATUS_TEXT[language];
  const { status } = payment;
  if (status === 'successful') return build('paid', text.paid, ['print'], language);
  if ((status === 'failed' || status === 'rejected' || status === 'expired') && payment.kind === 'invoice') return describeInvoiceEnd(status, payment.reasonCode, language);
  if (status === 'failed' || status === 'rejected' || status === 'expired') return describeRefusal(status, payment.reasonCode, language);
  if (payment.kind === 'invoice' && status !== 'timed_out') {
    // Pay later: the customer is not at the counter; nothing here waits for them.
    return { kind: 'waiting', headline: INVOICE_HEADLINE[language], ...describeOpenInvoice(language), tone: TONE.waiting, actions: ['recheck'] };
  }
  if (payment.waitingCancelled) return build('stopped', text.stopped, ['cash', 'recheck', 'transcript'], language);
  switch (status) {
    case 'recorded':
    case 'sending':
      return build('sending', text.sending, ['cancelWaiting'], language);
    case 'pending':
      return build('waiting', text.waiting, ['recheck', 'cancelWaiting'], language);
    case 'unknown':
      // The app is resolving a lost answer on the same reference: never offer a retry here.
      return build('checking', text.checking, ['recheck', 'cancelWaiting', 'transcript'], language);
    case 'timed_out':
      return build('timed_out', text.timed_out, ['recheck', 'cash', 'transcript'], language);
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
  const text = STATUS_TEXT[language];
  if (sale.status === 'paid_twice') return build('paid_twice', text.paid_twice, ['print', 'transcript'], language);
  if (sale.status === 'paid') {
    return sale.method === 'cash' ? build('paid_cash', text.paid_cash, ['print'], language) : build('paid', text.paid, ['print'], language);
  }
  const latest = latestPayment(sale.payments);
  if (!latest) return sale.status === 'awaiting_payment' ? build('sending', text.sending, [], language) : build('failed', text.failed_without_reason, ['cash'], language);
  return describePayment(latest, language);
}

// ---------- errors from the PosApi envelope ------------------------------

export interface ErrorDescription {
  sentence: string;
  nextStep?: string;
}

const ERROR_TEXT: Record<Language, Record<'OFFLINE' | 'NOT_IMPLEMENTED' | 'NOT_FOUND' | 'FORBIDDEN' | 'INTERNAL' | 'CONFLICT' | 'OTHER', ErrorDescription>> = {
  en: {
    OFFLINE: { sentence: 'The till service is not answering.', nextStep: 'Check that MoMo POS is still running, then try again.' },
    NOT_IMPLEMENTED: { sentence: 'This action is not available in this version yet.' },
    NOT_FOUND: { sentence: 'This sale or payment was not found.', nextStep: 'Search for it in today’s sales.' },
    FORBIDDEN: { sentence: 'This action is not allowed here.', nextStep: 'Ask the manager.' },
    INTERNAL: { sentence: 'Something went wrong inside the app. The sale ledger was not changed by this action.', nextStep: 'Try again; if it keeps happening, tell the manager.' },
    CONFLICT: { sentence: 'This cannot be done in the sale’s current state.', nextStep: 'Look at its status first.' },
    OTHER: { sentence: 'The action did not work ({code}).' },
  },
  fr: {
    OFFLINE: { sentence: 'Le service de caisse ne répond pas.', nextStep: 'Vérifiez que MoMo POS tourne toujours, puis réessayez.' },
    NOT_IMPLEMENTED: { sentence: 'Cette action n’est pas encore disponible dans cette version.' },
    NOT_FOUND: { sentence: 'Vente ou paiement introuvable.', nextStep: 'Cherchez-le dans les ventes du jour.' },
    FORBIDDEN: { sentence: 'Cette action n’est pas autorisée ici.', nextStep: 'Demandez au responsable.' },
    INTERNAL: { sentence: 'Un problème est survenu dans l’application. Le journal des ventes n’a pas été modifié.', nextStep: 'Réessayez ; si cela se répète, prévenez le responsable.' },
    CONFLICT: { sentence: 'Impossible dans l’état actuel de la vente.', nextStep: 'Regardez d’abord son statut.' },
    OTHER: { sentence: 'L’action n’a pas abouti ({code}).' },
  },
  rw: {
    OFFLINE: { sentence: 'Serivisi ya kesi ntisubiza.', nextStep: 'Reba ko MoMo POS igifunguye, wongere ugerageze.' },
    NOT_IMPLEMENTED: { sentence: 'Iki gikorwa ntikiraboneka muri iyi verisiyo.' },
    NOT_FOUND: { sentence: 'Iri gurisha cyangwa iri yishyura ntiryabonetse.', nextStep: 'Rishakire mu byagurishijwe uyu munsi.' },
    FORBIDDEN: { sentence: 'Iki gikorwa ntikemewe hano.', nextStep: 'Baza umuyobozi.' },
    INTERNAL: { sentence: 'Habaye ikibazo muri porogaramu. Igitabo cy’ibyagurishijwe nticyahindutse.', nextStep: 'Ongera ugerageze; nibikomeza, bwira umuyobozi.' },
    CONFLICT: { sentence: 'Ntibishoboka uko iri gurisha rimeze ubu.', nextStep: 'Banza urebe uko rihagaze.' },
    OTHER: { sentence: 'Igikorwa nticyakunze ({code}).' },
  },
};

/** FORBIDDEN on field 'grant': a manager method without the manager's unlock (the router says it before anything runs). */
const MANAGER_MUST_UNLOCK_TEXT: Record<Language, ErrorDescription> = {
  en: { sentence: 'The manager must unlock this first.', nextStep: 'Ask the manager to type the manager PIN.' },
  fr: { sentence: 'Le responsable doit d’abord déverrouiller ceci.', nextStep: 'Demandez au responsable de saisir son code.' },
  rw: { sentence: 'Umuyobozi agomba kubanza gufungura ibi.', nextStep: 'Saba umuyobozi kwandika PIN ye.' },
};

/**
 * A failed PosApi call in the cashier's words. English keeps the engine's own
 * sentence where it is more precise; other languages get ours.
 */
export function describeError(code: string, message: string, language: Language = 'en', field?: string): ErrorDescription {
  const texts = ERROR_TEXT[language];
  if (code === 'VALIDATION') return { sentence: translateNotice(message, language, field) };
  if (code.startsWith('MOMO_')) {
    const reason = normaliseReasonCode(code.slice('MOMO_'.length));
    if (isKnownReason(reason)) return REASON_TEXT[language][reason];
    if (isAppReason(reason)) return APP_REASON_TEXT[language][reason];
    const unknown = STATUS_TEXT[language].unknown_reason;
    return { sentence: unknown.sentence.replace('{code}', reason || code), nextStep: unknown.nextStep };
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

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

// ---------- pay later ----------------------------------------------------

const INVOICE_OPEN_TEXT: Record<Language, Text> = {
  en: { sentence: 'Invoice sent by SMS: the customer pays from their own phone.', nextStep: 'Nothing to wait for: the sale counts once it is paid. “Check now” asks MoMo at once.' },
  fr: { sentence: 'Facture envoyée par SMS : le client paie depuis son téléphone.', nextStep: 'Inutile d’attendre : la vente compte une fois payée. « Vérifier maintenant » interroge MoMo tout de suite.' },
  rw: { sentence: 'Inyemezabuguzi yoherejwe kuri SMS: umukiriya yishyura akoresheje telefoni ye.', nextStep: 'Nta kindi utegereje: igurisha ribarwa iyo ryishyuwe. “Genzura ubu” ibaza MoMo ako kanya.' },
};

const INVOICE_HEADLINE: Record<Language, string> = { en: 'Invoice sent', fr: 'Facture envoyée', rw: 'Inyemezabuguzi yoherejwe' };

/** An invoice not paid yet (pay later): the customer is not at the counter, so nothing here waits for them. */
export function describeOpenInvoice(language: Language = 'en'): Text {
  return INVOICE_OPEN_TEXT[language];
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

type FaultText = (f: LedgerFault) => ErrorDescription;

const backupHint: Record<Language, (f: LedgerFault) => string> = {
  en: (f) => (f.backup && f.restore ? ` The newest good backup is ${f.backup}. To restore it, close the app and run: ${f.restore}` : ' No good backup was found: call support and keep the file as it is.'),
  fr: (f) => (f.backup && f.restore ? ` La sauvegarde saine la plus récente est ${f.backup}. Pour la restaurer, fermez l’application et lancez : ${f.restore}` : ' Aucune sauvegarde saine n’a été trouvée : appelez le support et gardez le fichier tel quel.'),
  rw: (f) => (f.backup && f.restore ? ` Kopi nzima iheruka ni ${f.backup}. Kugira ngo uyisubizeho, funga porogaramu maze wandike: ${f.restore}` : ' Nta kopi nzima yabonetse: hamagara ubufasha kandi ubike dosiye uko imeze.'),
};

const LEDGER_FAULT_TEXT: Record<Language, Record<LedgerFaultCause, FaultText>> = {
  en: {
    missing: (f) => ({ sentence: `There is no sale ledger at ${f.file}.`, nextStep: 'Check the data folder (--data-dir or MOMO_POS_DATA_DIR).' }),
    permission: (f) => ({ sentence: `The sale ledger ${f.file} cannot be read here: ${f.detail ?? 'permission denied'}.`, nextStep: 'Give this user access to the data folder, or copy the folder somewhere it can be read and written.' }),
    truncated: (f) => ({ sentence: `The sale ledger ${f.file} is cut short (${f.detail ?? 'truncated'}): part of it is missing.`, nextStep: backupHint.en(f).trim() }),
    damaged: (f) => ({ sentence: `The sale ledger ${f.file} is damaged (${f.detail ?? 'integrity check failed'}). It was not used, and nothing was written to it or copied from it.`, nextStep: backupHint.en(f).trim() }),
    'not-sqlite': (f) => ({ sentence: `${f.file} is not a MoMo POS ledger: it does not start like an SQLite database.`, nextStep: 'Check the data folder; if this was the ledger, restore a backup.' }),
    'implausible-schema': (f) => ({ sentence: `The sale ledger ${f.file} is damaged: its header names schema ${f.schemaVersion}, which no version of MoMo POS ever wrote.`, nextStep: backupHint.en(f).trim() }),
    newer: (f) => ({ sentence: `${f.file} was written by a newer version of MoMo POS (schema ${f.schemaVersion}; this one knows ${f.known}).`, nextStep: 'Update the app first.' }),
    'disk-full': () => ({ sentence: 'The disk is full: this action was not saved, and nothing of it is in the ledger. Everything saved before it is safe.', nextStep: 'Free some space on the disk, then do it again.' }),
    'clock-behind': (f) => ({ sentence: `The computer’s date and time${f.at ? ` (${f.at})` : ''} are earlier than the ledger’s last entry${f.lastAt ? ` (${f.lastAt})` : ''}. Nothing was saved.`, nextStep: 'Fix the computer’s date and time, then try again. If they are right, the last entries were written with a wrong date: call support.' }),
    'clock-ahead': (f) => ({ sentence: `The computer’s date${f.at ? ` (${f.at})` : ''} is ${f.days ?? 'many'} days after the ledger’s last entry${f.lastAt ? ` (${f.lastAt})` : ''}.`, nextStep: 'If that date is wrong, fix the computer’s date and time before the first sale.' }),
  },
  fr: {
    missing: (f) => ({ sentence: `Il n’y a pas de journal des ventes à ${f.file}.`, nextStep: 'Vérifiez le dossier de données (--data-dir ou MOMO_POS_DATA_DIR).' }),
    permission: (f) => ({ sentence: `Le journal des ventes ${f.file} ne peut pas être lu ici : ${f.detail ?? 'accès refusé'}.`, nextStep: 'Donnez à cet utilisateur l’accès au dossier de données, ou copiez le dossier là où il peut être lu et écrit.' }),
    truncated: (f) => ({ sentence: `Le journal des ventes ${f.file} est tronqué (${f.detail ?? 'incomplet'}) : une partie manque.`, nextStep: backupHint.fr(f).trim() }),
    damaged: (f) => ({ sentence: `Le journal des ventes ${f.file} est endommagé (${f.detail ?? 'contrôle d’intégrité échoué'}). Il n’a pas été utilisé, et rien n’y a été écrit ni copié.`, nextStep: backupHint.fr(f).trim() }),
    'not-sqlite': (f) => ({ sentence: `${f.file} n’est pas un journal MoMo POS : il ne commence pas comme une base SQLite.`, nextStep: 'Vérifiez le dossier de données ; si c’était le journal, restaurez une sauvegarde.' }),
    'implausible-schema': (f) => ({ sentence: `Le journal des ventes ${f.file} est endommagé : son en-tête indique le schéma ${f.schemaVersion}, qu’aucune version de MoMo POS n’a jamais écrit.`, nextStep: backupHint.fr(f).trim() }),
    newer: (f) => ({ sentence: `${f.file} a été écrit par une version plus récente de MoMo POS (schéma ${f.schemaVersion} ; celle-ci connaît ${f.known}).`, nextStep: 'Mettez d’abord l’application à jour.' }),
    'disk-full': () => ({ sentence: 'Le disque est plein : cette action n’a pas été enregistrée, rien d’elle n’est dans le journal. Tout ce qui a été enregistré avant est intact.', nextStep: 'Libérez de la place sur le disque, puis recommencez.' }),
    'clock-behind': (f) => ({ sentence: `La date et l’heure de l’ordinateur${f.at ? ` (${f.at})` : ''} sont antérieures à la dernière écriture du journal${f.lastAt ? ` (${f.lastAt})` : ''}. Rien n’a été enregistré.`, nextStep: 'Corrigez la date et l’heure de l’ordinateur, puis réessayez. Si elles sont justes, les dernières écritures portent une date fausse : appelez le support.' }),
    'clock-ahead': (f) => ({ sentence: `La date de l’ordinateur${f.at ? ` (${f.at})` : ''} est ${f.days ?? 'de nombreux'} jours après la dernière écriture du journal${f.lastAt ? ` (${f.lastAt})` : ''}.`, nextStep: 'Si cette date est fausse, corrigez la date et l’heure de l’ordinateur avant la première vente.' }),
  },
  rw: {
    missing: (f) => ({ sentence: `Nta gitabo cy’ibyagurishijwe kiri kuri ${f.file}.`, nextStep: 'Genzura ububiko bw’amakuru (--data-dir cyangwa MOMO_POS_DATA_DIR).' }),
    permission: (f) => ({ sentence: `Igitabo cy’ibyagurishijwe ${f.file} ntigishobora gusomwa hano: ${f.detail ?? 'nta burenganzira'}.`, nextStep: 'Ha uyu ukoresha uburenganzira ku bubiko bw’amakuru, cyangwa wimure ububiko ahantu bushobora gusomwa no kwandikwamo.' }),
    truncated: (f) => ({ sentence: `Igitabo cy’ibyagurishijwe ${f.file} kiracagaguritse (${f.detail ?? 'ntikyuzuye'}): igice cyacyo kirabura.`, nextStep: backupHint.rw(f).trim() }),
    damaged: (f) => ({ sentence: `Igitabo cy’ibyagurishijwe ${f.file} cyangiritse (${f.detail ?? 'igenzura ryanze'}). Nticyakoreshejwe, nta kintu cyacyanditswemo kandi nta kopi yacyo yakozwe.`, nextStep: backupHint.rw(f).trim() }),
    'not-sqlite': (f) => ({ sentence: `${f.file} si igitabo cya MoMo POS: ntigitangira nk’ububiko bwa SQLite.`, nextStep: 'Genzura ububiko bw’amakuru; niba ari cyo gitabo, subizaho kopi.' }),
    'implausible-schema': (f) => ({ sentence: `Igitabo cy’ibyagurishijwe ${f.file} cyangiritse: umutwe wacyo uvuga schema ${f.schemaVersion}, nta verisiyo ya MoMo POS yigeze iyandika.`, nextStep: backupHint.rw(f).trim() }),
    newer: (f) => ({ sentence: `${f.file} cyanditswe na verisiyo nshya ya MoMo POS (schema ${f.schemaVersion}; iyi izi ${f.known}).`, nextStep: 'Banza uvugurure porogaramu.' }),
    'disk-full': () => ({ sentence: 'Disiki yuzuye: iki gikorwa ntikyabitswe, nta kintu cyacyo kiri mu gitabo. Ibyabitswe mbere biracyari byiza.', nextStep: 'Shaka umwanya kuri disiki, hanyuma wongere ubikore.' }),
    'clock-behind': (f) => ({ sentence: `Itariki n’isaha bya mudasobwa${f.at ? ` (${f.at})` : ''} biri inyuma y’icyanditswe giheruka mu gitabo${f.lastAt ? ` (${f.lastAt})` : ''}. Nta kintu cyabitswe.`, nextStep: 'Kosora itariki n’isaha bya mudasobwa, hanyuma wongere ugerageze. Niba ari byo, ibyanditswe biheruka byanditswe n’itariki itari yo: hamagara ubufasha.' }),
    'clock-ahead': (f) => ({ sentence: `Itariki ya mudasobwa${f.at ? ` (${f.at})` : ''} iri iminsi ${f.days ?? 'myinshi'} nyuma y’icyanditswe giheruka mu gitabo${f.lastAt ? ` (${f.lastAt})` : ''}.`, nextStep: 'Niba iyo tariki atari yo, kosora itariki n’isaha bya mudasobwa mbere y’igurisha rya mbere.' }),
  },
};

/** The ledger's fault in the reader's language: at start-up, in `pos verify`, on the screen. */
export function describeLedgerFault(fault: LedgerFault, language: Language = 'en'): ErrorDescription {
  return LEDGER_FAULT_TEXT[language][fault.cause](fault);
}

/** The engine codes of ledger faults that carry no facts through the PosApi envelope. */
export function ledgerFaultOfCode(code: string): LedgerFaultCause | undefined {
  return code === 'DISK_FULL' ? 'disk-full' : code === 'CLOCK_BEHIND' ? 'clock-behind' : code === 'LEDGER_DAMAGED' ? 'damaged' : undefined;
}

/** An invoice that ended unpaid: the customer is not at the counter, so the next step is a new invoice (never a prompt) or cash. */
const INVOICE_AGAIN: PaymentAction[] = ['newInvoice', 'cash', 'transcript'];

const INVOICE_END_TEXT: Record<Language, Record<'cancelled' | 'expired' | 'declined' | 'failedNext', Text & { headline?: string }>> = {
  en: {
    cancelled: { sentence: 'The invoice was cancelled: the customer can no longer pay it.', nextStep: 'If they still want to pay later, send a new invoice; or take cash.' },
    expired: { headline: 'Invoice expired', sentence: 'The customer did not pay the invoice before it expired: it can no longer be paid.', nextStep: 'Send a new invoice, or take cash when they come.' },
    declined: { sentence: 'The customer declined the invoice on their phone.', nextStep: 'Send a new invoice only if they ask for one; or take cash.' },
    failedNext: { sentence: '', nextStep: 'Send a new invoice, or take cash. If it keeps happening, send the support transcript to MTN.' },
  },
  fr: {
    cancelled: { sentence: 'La facture a été annulée : le client ne peut plus la payer.', nextStep: 'S’il veut encore payer plus tard, envoyez une nouvelle facture ; sinon encaissez en espèces.' },
    expired: { headline: 'Facture expirée', sentence: 'Le client n’a pas payé la facture avant son expiration : elle ne peut plus être payée.', nextStep: 'Envoyez une nouvelle facture, ou encaissez en espèces quand il viendra.' },
    declined: { sentence: 'Le client a refusé la facture sur son téléphone.', nextStep: 'Envoyez une nouvelle facture seulement s’il la demande ; sinon encaissez en espèces.' },
    failedNext: { sentence: '', nextStep: 'Envoyez une nouvelle facture, ou encaissez en espèces. Si cela se répète, envoyez le relevé d’assistance à MTN.' },
  },
  rw: {
    cancelled: { sentence: 'Inyemezabuguzi yahagaritswe: umukiriya ntashobora kuyishyura ukundi.', nextStep: 'Niba agishaka kwishyura nyuma, ohereza inyemezabuguzi nshya; cyangwa wakire amafaranga mu ntoki.' },
    expired: { headline: 'Igihe cy’inyemezabuguzi cyarangiye', sentence: 'Umukiriya ntiyishyuye inyemezabuguzi mbere y’uko igihe cyayo kirangira: ntishobora kwishyurwa ukundi.', nextStep: 'Ohereza inyemezabuguzi nshya, cyangwa wakire amafaranga mu ntoki naza.' },
    declined: { sentence: 'Umukiriya yanze inyemezabuguzi kuri telefoni ye.', nextStep: 'Ohereza inyemezabuguzi nshya ari uko ayisabye; cyangwa wakire amafaranga mu ntoki.' },
    failedNext: { sentence: '', nextStep: 'Ohereza inyemezabuguzi nshya, cyangwa wakire amafaranga mu ntoki. Niba bikomeje, ohereza inyandiko y’ubufasha kuri MTN.' },
  },
};

/** Cancelled (by the shop, or at MoMo), expired, declined or failed: an invoice's own states, each with "Send a new invoice". */
function describeInvoiceEnd(status: 'failed' | 'rejected' | 'expired', reasonCode: string | undefined, language: Language): PaymentDescription {
  const text = INVOICE_END_TEXT[language];
  const code = reasonCode ? normaliseReasonCode(reasonCode) : '';
  if (code === 'TRANSACTION_CANCELED') return build('cancelled', text.cancelled, INVOICE_AGAIN, language);
  if (status === 'expired' || code === 'EXPIRED' || code === 'TIMEOUT') return { ...build('expired', text.expired, INVOICE_AGAIN, language), headline: text.expired.headline! };
  const refusal = describeRefusal(status, reasonCode, language);
  if (refusal.kind === 'declined') return build('declined', text.declined, INVOICE_AGAIN, language);
  return { ...refusal, nextStep: text.failedNext.nextStep, actions: [...INVOICE_AGAIN] };
}

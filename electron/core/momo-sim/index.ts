/**
 * A MoMo sandbox simulator: an HTTP server on 127.0.0.1 that answers every
 * call the client makes the way MTN's sandbox does (docs/momo.md "Sandbox
 * behaviour"), with fault injection for tests. Training mode runs on it.
 *
 * Status is computed from the clock (`now`) at each GET, so no timers run
 * between requests; memory is bounded (oldest transactions are forgotten).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import {
  INACTIVE_ACCOUNTS,
  invoicePlan,
  reasonMessage,
  requestToPayPlan,
  statusAt,
  transferPlan,
  type FinalStatus,
  type OutcomeOverride,
  type Plan,
  type Timing,
} from './outcomes';
import { createCallbackPlayer, type CallbackOptions, type SentCallback } from './callbacks';
import { BoundedMap } from './store';
import { createWallet } from './wallet';

export { REQUEST_TO_PAY_OUTCOMES, TRANSFER_OUTCOMES, INACTIVE_ACCOUNTS, type OutcomeOverride } from './outcomes';

export const LOOPBACK = '127.0.0.1';

export type SimProduct = 'collection' | 'disbursement' | 'provisioning';

export type SimProfile = 'sandbox' | 'production';

export type FaultKind = 'http500' | 'http503' | 'slow' | 'drop-before' | 'drop-after' | 'unauthorized' | 'malformed';

/**
 * One injected fault. It hits the next `times` requests (default 1) for
 * `operation` (the client's operation names; '*' or absent: any).
 *  - http500 / http503 / unauthorized: answered at once, the request is NOT processed.
 *  - drop-before: the socket is destroyed unread: MoMo never received it (a status GET gives 404).
 *  - drop-after: the request is processed (recorded, counted), then the socket is destroyed unanswered.
 *  - slow: processed at once, answered after delayMs (default 2000).
 *  - malformed: processed, answered 200 with broken JSON.
 */
export interface FaultRule {
  operation?: string;
  product?: SimProduct;
  kind: FaultKind;
  times?: number;
  delayMs?: number;
  /** For 'unauthorized': an expired/invalid token (default) or a refused subscription key. */
  style?: 'token' | 'subscription-key';
}

export interface MomoSimulatorOptions {
  /** 0 or absent: any free port. */
  port?: number;
  /** Only 127.0.0.1 is accepted: the simulator never listens elsewhere. */
  host?: string;
  /** Serve under a path prefix (e.g. '/momo'), to prove a client keeps its base URL's path. */
  basePath?: string;
  /** Any number not in the table: SUCCESSFUL after this long (default 3000). */
  approvalDelayMs?: number;
  /** 46733123454: PENDING this long, then SUCCESSFUL (default 20000). */
  slowApprovalDelayMs?: number;
  /** Invoices of any number not in the table: paid this long after they were sent (default 30000; minutes in life). */
  invoicePaidAfterMs?: number;
  /** Transfers, deposits and refunds settle after this long (default 0: at once, like the sandbox). */
  disbursementDelayMs?: number;
  /** Lifetime of issued access tokens (default 3600). */
  tokenTtlSeconds?: number;
  /** If given, only these subscription keys are accepted; otherwise any non-empty key. */
  subscriptionKeys?: string[];
  /** Pre-provisioned API users; users created through provisioning are added. */
  users?: Array<{ apiUser: string; apiKey: string; providerCallbackHost?: string }>;
  /** Training mode: any non-empty API user and key get a token. */
  acceptAnyCredentials?: boolean;
  faults?: FaultRule[];
  now?: () => number;
  /** Accepted currencies (default: all; MTN's real sandbox takes only EUR). */
  currencies?: string[];
  /** If given, X-Target-Environment must equal it; otherwise any non-empty value. */
  targetEnvironment?: string;
  /** Per-number outcome, for every kind of transaction (payer, payee or customerReference). */
  outcomes?: Record<string, OutcomeOverride>;
  /**
   * 'sandbox' (default) takes any note, as MTN's sandbox does. 'production'
   * validates notes as integrators report production does (docs/momo.md, "What
   * production does that the guides don't say"): `&`, an apostrophe or over
   * 160 characters -> 400; an empty or missing payerMessage/payeeNote -> 500.
   * Training runs on 'production' so the cashier rehearses the field.
   */
  profile?: SimProfile;
  /**
   * Products whose every call (token included) answers 403, as production's
   * Disbursement does until MTN has whitelisted the merchant's public IP.
   */
  notWhitelisted?: Array<'collection' | 'disbursement'>;
  /** Production sends the reason as a string (default); the API spec as {code, message}. */
  reasonShape?: 'string' | 'object';
  /** Fixed balance answers per product; without one, both answer the simulated merchant wallet (see wallet.ts). */
  balances?: Partial<Record<'collection' | 'disbursement', { availableBalance: string; currency: string }>>;
  /** The wallet's balance before any transaction (default 1000000). */
  openingBalance?: string;
  /** The currency the wallet answers in (default: the first accepted currency, else EUR). */
  walletCurrency?: () => string;
  /** What MoMo keeps of a successful collection (decimal string in, decimal string out); none by default. */
  collectionFee?: (amount: string, currency: string) => string;
  /** Transactions remembered (default 20000); the oldest are forgotten beyond it. */
  maxTransactions?: number;
  /**
   * Callbacks to X-Callback-Url once a transaction is final (POST v1, PUT v2).
   * Sent only when the API user has a providerCallbackHost, as the sandbox does.
   */
  callbacks?: CallbackOptions;
}

export interface ReceivedRequestToPay {
  referenceId: string;
  body: Record<string, unknown>;
  /** `now()` when it arrived. */
  receivedAt: number;
}

export interface SimulatorStats {
  requests: number;
  byOperation: Record<string, number>;
  transactions: number;
  tokensIssued: number;
  users: number;
  faultsApplied: number;
  faultsPending: number;
}

export interface MomoSimulator {
  /** e.g. http://127.0.0.1:41234 (plus basePath). */
  url: string;
  port: number;
  close(): Promise<void>;
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Fixes the outcome of one reference now (even one that would stay PENDING for ever, or has not arrived yet). */
  decide(referenceId: string, outcome: { status: FinalStatus; reason?: string }): void;
  /** POSTs received for this request-to-pay reference, including 409 duplicates and refused ones. */
  requestToPayCount(referenceId: string): number;
  /** POSTs received for this reference of any money-moving kind, duplicates and refused ones included. */
  postsReceived(kind: 'requestToPay' | 'invoice' | 'refund' | 'transfer' | 'deposit' | 'payment', referenceId: string): number;
  requestsToPay(): ReceivedRequestToPay[];
  /** Invoices received (pay later), as sent. */
  invoices(): ReceivedRequestToPay[];
  /** Delivery notifications accepted for this request-to-pay reference (the texts the customer got). */
  deliveryNotifications(referenceId: string): string[];
  tokenRequests(product: 'collection' | 'disbursement'): number;
  stats(): SimulatorStats;
  /** Callbacks sent so far (oldest first). */
  callbacksSent(): SentCallback[];
}

type Kind = 'requestToPay' | 'payment' | 'invoice' | 'transfer' | 'deposit' | 'refund';

interface Transaction {
  kind: Kind;
  referenceId: string;
  body: Record<string, unknown>;
  receivedAt: number;
  plan: Plan;
  financialTransactionId: string;
  /** Payee shown in refund answers: the refunded payer, when known. */
  payee?: unknown;
}

interface Answer {
  status: number;
  json?: unknown;
  text?: string;
}

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  operation: string;
  /** A product from the path's first segment, or provisioning. */
  product: SimProduct | 'from-path';
  auth: 'subscription' | 'basic' | 'bearer';
}

const ROUTES: readonly Route[] = [
  { method: 'POST', pattern: /^\/v1_0\/apiuser$/, operation: 'createApiUser', product: 'provisioning', auth: 'subscription' },
  { method: 'POST', pattern: /^\/v1_0\/apiuser\/([^/]+)\/apikey$/, operation: 'createApiKey', product: 'provisioning', auth: 'subscription' },
  { method: 'GET', pattern: /^\/v1_0\/apiuser\/([^/]+)$/, operation: 'getApiUser', product: 'provisioning', auth: 'subscription' },
  { method: 'POST', pattern: /^\/(collection|disbursement)\/token\/?$/, operation: 'token', product: 'from-path', auth: 'basic' },
  { method: 'POST', pattern: /^\/(collection)\/v1_0\/requesttopay$/, operation: 'requestToPay', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(collection)\/v1_0\/requesttopay\/([^/]+)$/, operation: 'getRequestToPayStatus', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(collection)\/v1_0\/requesttopay\/([^/]+)\/deliverynotification$/, operation: 'requestToPayDeliveryNotification', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(collection|disbursement)\/v1_0\/accountholder\/(msisdn|email|party_code)\/([^/]+)\/active$/i, operation: 'isAccountHolderActive', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(collection|disbursement)\/v1_0\/accountholder\/msisdn\/([^/]+)\/basicuserinfo$/, operation: 'getBasicUserInfo', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(collection|disbursement)\/v1_0\/account\/balance$/, operation: 'getAccountBalance', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(collection)\/v2_0\/payment$/, operation: 'createPayment', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(collection)\/v2_0\/payment\/([^/]+)$/, operation: 'getPaymentStatus', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(collection)\/v2_0\/invoice$/, operation: 'createInvoice', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(collection)\/v2_0\/invoice\/([^/]+)$/, operation: 'getInvoiceStatus', product: 'from-path', auth: 'bearer' },
  { method: 'DELETE', pattern: /^\/(collection)\/v2_0\/invoice\/([^/]+)$/, operation: 'cancelInvoice', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(disbursement)\/v1_0\/transfer$/, operation: 'transfer', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(disbursement)\/v1_0\/transfer\/([^/]+)$/, operation: 'getTransferStatus', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(disbursement)\/v1_0\/deposit$/, operation: 'deposit', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(disbursement)\/v2_0\/deposit$/, operation: 'depositV2', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(disbursement)\/v[12]_0\/deposit\/([^/]+)$/, operation: 'getDepositStatus', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(disbursement)\/v1_0\/refund$/, operation: 'refund', product: 'from-path', auth: 'bearer' },
  { method: 'POST', pattern: /^\/(disbursement)\/v2_0\/refund$/, operation: 'refundV2', product: 'from-path', auth: 'bearer' },
  { method: 'GET', pattern: /^\/(disbursement)\/v[12]_0\/refund\/([^/]+)$/, operation: 'getRefundStatus', product: 'from-path', auth: 'bearer' },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^\d+(?:\.\d+)?$/;
const BODY_LIMIT = 64 * 1024;
const MAX_TOKENS = 1_000;
const MAX_USERS = 1_000;
const DEFAULT_SLOW_MS = 2_000;

const GATEWAY = {
  missingKey: { statusCode: 401, message: 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.' },
  invalidKey: { statusCode: 401, message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.' },
  invalidToken: { statusCode: 401, message: 'Unauthorized. Access token is missing or invalid.' },
  notFound: { statusCode: 404, message: 'Resource not found' },
  forbidden: { statusCode: 403, message: 'Forbidden' },
};

const momoError = (status: number, code: string, message: string): Answer => ({ status, json: { code, message } });
const badRequest = (message: string): Answer => momoError(400, 'BAD_REQUEST', message);
/** The text production refuses with a 400: `&`, an apostrophe (straight or curly), more than 160 characters. */
const REFUSED_TEXT = /[&'‘’]/;
const TEXT_MAX_LENGTH = 160;

/**
 * Production's checks on the texts of a money-moving POST: `required` notes
 * must be present and non-empty (else 500, as production answers), any note
 * present must pass REFUSED_TEXT and the length (else 400).
 */
function productionTextRefusal(body: Record<string, unknown>, required: readonly string[], optional: readonly string[] = []): Answer | undefined {
  for (const field of required) {
    const value = body[field];
    if (typeof value !== 'string' || !value.trim()) return momoError(500, 'INTERNAL_PROCESSING_ERROR', 'An internal error occurred while processing.');
  }
  for (const field of [...required, ...optional]) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') return badRequest(`${field} must be text.`);
    if (REFUSED_TEXT.test(value)) return badRequest(`${field} contains a character that is not allowed.`);
    if (value.length > TEXT_MAX_LENGTH) return badRequest(`${field} is longer than ${TEXT_MAX_LENGTH} characters.`);
  }
  return undefined;
}

const NOT_FOUND = momoError(404, 'RESOURCE_NOT_FOUND', 'Requested resource was not found.');
const DUPLICATE = momoError(409, 'RESOURCE_ALREADY_EXIST', 'Duplicated reference id. Creation of resource failed.');

export async function startMomoSimulator(options: MomoSimulatorOptions = {}): Promise<MomoSimulator> {
  if (options.host !== undefined && options.host !== LOOPBACK) {
    throw new Error(`The MoMo simulator listens on ${LOOPBACK} only, not on ${options.host}.`);
  }
  const now = options.now ?? Date.now;
  const timing: Timing = {
    approvalDelayMs: options.approvalDelayMs ?? 3_000,
    slowApprovalDelayMs: options.slowApprovalDelayMs ?? 20_000,
    disbursementDelayMs: options.disbursementDelayMs ?? 0,
  };
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 3_600;
  const invoicePaidAfterMs = options.invoicePaidAfterMs ?? 30_000;
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  if (basePath && !basePath.startsWith('/')) throw new Error('basePath must start with "/".');
  const maxTransactions = options.maxTransactions ?? 20_000;
  const subscriptionKeys = options.subscriptionKeys ? new Set(options.subscriptionKeys) : undefined;
  const currencies = options.currencies ? new Set(options.currencies) : undefined;
  const reasonShape = options.reasonShape ?? 'string';
  const production = options.profile === 'production';
  const NOTES = ['payerMessage', 'payeeNote'] as const;
  const textRefusal = (body: Record<string, unknown>, required: readonly string[], optional: readonly string[] = []) =>
    production ? productionTextRefusal(body, required, optional) : undefined;
  const defaultCurrency = options.currencies?.[0] ?? 'EUR';

  const users = new BoundedMap<string, { apiKey?: string; providerCallbackHost?: string }>(MAX_USERS);
  for (const user of options.users ?? []) users.set(user.apiUser, { apiKey: user.apiKey, ...(user.providerCallbackHost ? { providerCallbackHost: user.providerCallbackHost } : {}) });
  const tokens = new BoundedMap<string, { product: string; apiUser: string; expiresAt: number }>(MAX_TOKENS);
  const transactions = new BoundedMap<string, Transaction>(maxTransactions);
  const received = new BoundedMap<string, number>(maxTransactions);
  const notifications = new BoundedMap<string, string[]>(maxTransactions);
  const decisions = new BoundedMap<string, { status: FinalStatus; reason?: string }>(maxTransactions);
  let faults: Array<FaultRule & { left: number }> = [];
  const counters = { requests: 0, tokensIssued: 0, faultsApplied: 0, financialTransactions: 0 };
  const byOperation: Record<string, number> = {};
  const tokenRequestCounts = { collection: 0, disbursement: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const wallet = createWallet(options.openingBalance ?? '1000000');

  const injectFault = (rule: FaultRule) => faults.push({ ...rule, left: rule.times ?? 1 });
  for (const rule of options.faults ?? []) injectFault(rule);

  function takeFault(operation: string, product: SimProduct): FaultRule | undefined {
    const index = faults.findIndex(
      (rule) => (rule.operation === undefined || rule.operation === '*' || rule.operation === operation) && (rule.product === undefined || rule.product === product),
    );
    const rule = faults[index];
    if (!rule) return undefined;
    rule.left -= 1;
    if (rule.left <= 0) faults.splice(index, 1);
    counters.faultsApplied += 1;
    return rule;
  }

  const key = (kind: Kind, referenceId: string) => `${kind}:${referenceId}`;
  const callbackPlayer = createCallbackPlayer(options.callbacks);
  /** X-Callback-Url of the request being handled, until record() keeps it. */
  const callbackUrls = new Map<string, { url: string; version: 1 | 2 }>();
  /** Callbacks still to play, by reference (bounded like the transactions). */
  const callbackOf = new BoundedMap<string, { url: string; version: 1 | 2; transaction: Transaction }>(maxTransactions);
  /** 1 or 2: the API version of the request being handled (v2 answers by PUT). */
  let requestVersion: 1 | 2 = 1;

  function receivedOf(kind: Kind): ReceivedRequestToPay[] {
    const list: ReceivedRequestToPay[] = [];
    for (const transaction of transactions.values()) {
      if (transaction.kind === kind) list.push({ referenceId: transaction.referenceId, body: transaction.body, receivedAt: transaction.receivedAt });
    }
    return list;
  }

  function currentStatus(transaction: Transaction): { status: FinalStatus | 'PENDING'; reason?: string } {
    return decisions.get(transaction.referenceId) ?? statusAt(transaction.plan, now() - transaction.receivedAt);
  }

  function reasonField(status: string, reason: string | undefined): Record<string, unknown> {
    if (reasonShape === 'object') {
      if (reason) return { reason: { code: reason, message: reasonMessage(reason) } };
      return status === 'SUCCESSFUL' ? { reason: {} } : {};
    }
    return reason ? { reason } : {};
  }

  /** The status answer now, or (`final`) the one the transaction ends with: a callback's body. */
  function statusAnswer(transaction: Transaction, final = false): Answer {
    const { status, reason } = final ? (decisions.get(transaction.referenceId) ?? statusAt(transaction.plan, Infinity)) : currentStatus(transaction);
    const body = transaction.body;
    const financial = status === 'SUCCESSFUL' ? { financialTransactionId: transaction.financialTransactionId } : {};
    const notes = { ...pick(body, 'payerMessage'), ...pick(body, 'payeeNote') };
    switch (transaction.kind) {
      case 'requestToPay':
        // Field order as in MTN's production exchange (docs/momo.md).
        return {
          status: 200,
          json: { externalId: body.externalId, amount: body.amount, currency: body.currency, ...financial, payer: body.payer, ...notes, status, ...reasonField(status, reason) },
        };
      case 'payment':
        return { status: 200, json: { referenceId: transaction.referenceId, status, ...financial, ...reasonField(status, reason) } };
      case 'invoice': {
        // Field names of the API specification's invoice answer; the reason as errorReason there.
        const validity = Number(body.validityDuration) * 1000;
        return {
          status: 200,
          json: {
            referenceId: transaction.referenceId,
            externalId: body.externalId,
            amount: body.amount,
            currency: body.currency,
            status,
            paymentReference: transaction.financialTransactionId,
            invoiceId: `INV-${transaction.financialTransactionId}`,
            expiryDateTime: new Date(transaction.receivedAt + validity).toISOString(),
            ...financial,
            ...(reason ? { errorReason: { code: reason, message: reasonMessage(reason) } } : {}),
            intendedPayer: body.intendedPayer,
            description: body.description,
          },
        };
      }
      default:
        return {
          status: 200,
          json: {
            amount: body.amount,
            currency: body.currency,
            ...financial,
            externalId: body.externalId,
            ...(transaction.payee !== undefined ? { payee: transaction.payee } : {}),
            ...notes,
            status,
            ...reasonField(status, reason),
          },
        };
    }
  }

  function moneyOf(transaction: Transaction): { amount: string; currency: string } {
    const money = (transaction.kind === 'payment' ? transaction.body.money : transaction.body) as { amount?: unknown; currency?: unknown };
    return { amount: typeof money.amount === 'string' ? money.amount : '0', currency: typeof money.currency === 'string' ? money.currency : defaultCurrency };
  }

  function record(kind: Kind, referenceId: string, body: Record<string, unknown>, plan: Plan, payee?: unknown): void {
    counters.financialTransactions += 1;
    const transaction: Transaction = {
      kind,
      referenceId,
      body,
      receivedAt: now(),
      plan,
      financialTransactionId: String(100_000_000 + counters.financialTransactions),
      ...(payee !== undefined ? { payee } : {}),
    };
    transactions.set(key(kind, referenceId), transaction);
    const callback = callbackUrls.get(key(kind, referenceId));
    callbackUrls.delete(key(kind, referenceId));
    if (callback) {
      callbackOf.set(referenceId, { ...callback, transaction });
      if (Number.isFinite(plan.afterMs) && plan.status !== 'PENDING') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          playCallback(referenceId);
        }, plan.afterMs);
        timers.add(timer);
      }
    }
  }

  /** At the final state (planned or decided, whichever comes first): the callback, once. */
  function playCallback(referenceId: string): void {
    const callback = callbackOf.get(referenceId);
    if (!callback) return;
    callbackOf.delete(referenceId);
    callbackPlayer.schedule(callback.url, callback.version, 0, () => statusAnswer(callback.transaction, true).json);
  }

  /** Checks shared by every money-moving POST. Returns an answer to send, or the parsed body. */
  function checkCreate(kind: Kind, headers: IncomingMessage['headers'], bodyText: string, apiUser: string | undefined): Answer | { referenceId: string; body: Record<string, unknown> } {
    const referenceId = header(headers, 'x-reference-id');
    if (!referenceId || !UUID.test(referenceId)) return badRequest('X-Reference-Id must be a UUID.');
    received.set(key(kind, referenceId), (received.get(key(kind, referenceId)) ?? 0) + 1);
    if (transactions.has(key(kind, referenceId))) return DUPLICATE;
    const body = parseJson(bodyText);
    if (!body) return badRequest('The body must be a JSON object.');
    const callbackUrl = header(headers, 'x-callback-url');
    if (callbackUrl) {
      let host: string;
      try {
        host = new URL(callbackUrl).hostname;
      } catch {
        return momoError(400, 'INVALID_CALLBACK_URL_HOST', 'X-Callback-Url is not a URL.');
      }
      const expected = apiUser ? users.get(apiUser)?.providerCallbackHost : undefined;
      if (expected && hostOf(expected) !== host) return momoError(400, 'INVALID_CALLBACK_URL_HOST', 'The callback host does not match the API user’s providerCallbackHost.');
      // The sandbox calls back only when the user's host is set and matches.
      if (expected) callbackUrls.set(key(kind, referenceId), { url: callbackUrl, version: requestVersion });
    } else if (headers['x-callback-url'] !== undefined) {
      return momoError(400, 'INVALID_CALLBACK_URL_HOST', 'X-Callback-Url is present but empty.');
    }
    return { referenceId, body };
  }

  function checkMoney(amount: unknown, currency: unknown): Answer | undefined {
    if (typeof amount !== 'string' || !DECIMAL.test(amount) || !/[1-9]/.test(amount)) return badRequest('amount must be a positive decimal string.');
    if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return badRequest('currency must be an ISO 4217 code.');
    if (currencies && !currencies.has(currency)) return momoError(400, 'INVALID_CURRENCY', 'Currency not supported.');
    return undefined;
  }

  function checkParty(party: unknown, field: string): Answer | string {
    const { partyIdType, partyId } = (party ?? {}) as { partyIdType?: unknown; partyId?: unknown };
    if (typeof partyIdType !== 'string' || !['MSISDN', 'EMAIL', 'PARTY_CODE'].includes(partyIdType.toUpperCase())) return badRequest(`${field}.partyIdType must be MSISDN, EMAIL or PARTY_CODE.`);
    if (typeof partyId !== 'string' || !partyId.trim()) return badRequest(`${field}.partyId is required.`);
    return partyId;
  }

  type Handler = (match: RegExpExecArray, headers: IncomingMessage['headers'], bodyText: string, apiUser: string | undefined) => Answer;

  const handlers: Record<string, Handler> = {
    createApiUser(_match, headers, bodyText) {
      const referenceId = header(headers, 'x-reference-id');
      if (!referenceId || !UUID.test(referenceId)) return badRequest('X-Reference-Id must be a UUID.');
      if (users.has(referenceId)) return DUPLICATE;
      const body = bodyText.trim() ? parseJson(bodyText) : {};
      if (!body) return badRequest('The body must be a JSON object.');
      const host = typeof body.providerCallbackHost === 'string' ? body.providerCallbackHost : undefined;
      users.set(referenceId, host ? { providerCallbackHost: host } : {});
      return { status: 201 };
    },
    createApiKey(match) {
      const apiUser = decodeURIComponent(match[1] ?? '');
      const user = users.get(apiUser);
      if (!user) return NOT_FOUND;
      const apiKey = randomBytes(16).toString('hex');
      users.update(apiUser, (value) => ({ ...value, apiKey }));
      return { status: 201, json: { apiKey } };
    },
    getApiUser(match) {
      const user = users.get(decodeURIComponent(match[1] ?? ''));
      if (!user) return NOT_FOUND;
      return { status: 200, json: { providerCallbackHost: user.providerCallbackHost ?? '', targetEnvironment: 'sandbox' } };
    },
    token(match, headers) {
      const product = match[1] as 'collection' | 'disbursement';
      tokenRequestCounts[product] += 1;
      const credentials = basicCredentials(header(headers, 'authorization'));
      const known = credentials && (options.acceptAnyCredentials || (users.get(credentials.apiUser)?.apiKey ?? undefined) === credentials.apiKey);
      // What MTN's sandbox answers for a wrong API user or key (an HTTP 500, not a 401).
      if (!credentials || !known) return { status: 500, json: { error: 'login_failed' } };
      const expiresAt = now() + tokenTtlSeconds * 1000;
      const accessToken = newAccessToken(credentials.apiUser, expiresAt);
      tokens.set(accessToken, { product, apiUser: credentials.apiUser, expiresAt });
      counters.tokensIssued += 1;
      return { status: 200, json: { access_token: accessToken, token_type: 'access_token', expires_in: tokenTtlSeconds } };
    },
    requestToPay(_match, headers, bodyText, apiUser) {
      const checked = checkCreate('requestToPay', headers, bodyText, apiUser);
      if ('status' in checked) return checked;
      const { referenceId, body } = checked;
      const refusal = checkMoney(body.amount, body.currency);
      if (refusal) return refusal;
      const partyId = checkParty(body.payer, 'payer');
      if (typeof partyId !== 'string') return partyId;
      if (typeof body.externalId !== 'string') return badRequest('externalId is required.');
      const textRefused = textRefusal(body, NOTES);
      if (textRefused) return textRefused;
      record('requestToPay', referenceId, body, requestToPayPlan(partyId, timing, options.outcomes));
      return { status: 202 };
    },
    getRequestToPayStatus(match) {
      const transaction = transactions.get(key('requestToPay', decodeURIComponent(match[2] ?? '')));
      return transaction ? statusAnswer(transaction) : NOT_FOUND;
    },
    requestToPayDeliveryNotification(match, headers, bodyText) {
      const transaction = transactions.get(key('requestToPay', decodeURIComponent(match[2] ?? '')));
      if (!transaction) return NOT_FOUND;
      const body = bodyText.trim() ? parseJson(bodyText) : {};
      const message = header(headers, 'notificationmessage') ?? (typeof body?.notificationMessage === 'string' ? body.notificationMessage : undefined);
      if (!message) return badRequest('notificationMessage is required.');
      if (message.length > 160) return badRequest('notificationMessage is at most 160 characters.');
      const textRefused = textRefusal({ notificationMessage: message }, ['notificationMessage']);
      if (textRefused) return textRefused;
      if (currentStatus(transaction).status !== 'SUCCESSFUL') return momoError(400, 'TRANSACTION_NOT_COMPLETED', 'A delivery notification is only for a successful request to pay.');
      notifications.set(transaction.referenceId, [...(notifications.get(transaction.referenceId) ?? []), message]);
      return { status: 200 };
    },
    isAccountHolderActive(match) {
      const id = decodeURIComponent(match[3] ?? '');
      return { status: 200, json: { result: !INACTIVE_ACCOUNTS.has(id) } };
    },
    getBasicUserInfo(match) {
      const msisdn = decodeURIComponent(match[2] ?? '');
      if (INACTIVE_ACCOUNTS.has(msisdn)) return NOT_FOUND;
      return { status: 200, json: { given_name: 'Sand', family_name: 'Box', birthdate: '1976-08-13', locale: 'sv_SE', gender: 'MALE', status: 'ACTIVE' } };
    },
    getAccountBalance(match) {
      const product = match[1] as 'collection' | 'disbursement';
      const fixed = options.balances?.[product];
      if (fixed) return { status: 200, json: fixed };
      // Settled lazily, as statuses are: every transaction that is successful by now moves the wallet once.
      for (const transaction of transactions.values()) {
        if (currentStatus(transaction).status !== 'SUCCESSFUL') continue;
        const { amount, currency } = moneyOf(transaction);
        if (transaction.kind === 'requestToPay' || transaction.kind === 'payment' || transaction.kind === 'invoice') {
          wallet.settle(transaction.referenceId, amount, 1, options.collectionFee?.(amount, currency));
        } else wallet.settle(transaction.referenceId, amount, -1);
      }
      return { status: 200, json: { availableBalance: wallet.balance(), currency: options.walletCurrency?.() ?? defaultCurrency } };
    },
    createPayment(_match, headers, bodyText, apiUser) {
      const checked = checkCreate('payment', headers, bodyText, apiUser);
      if ('status' in checked) return checked;
      const { referenceId, body } = checked;
      const money = (body.money ?? {}) as { amount?: unknown; currency?: unknown };
      const refusal = checkMoney(money.amount, money.currency);
      if (refusal) return refusal;
      if (typeof body.externalTransactionId !== 'string') return badRequest('externalTransactionId is required.');
      if (typeof body.customerReference !== 'string' || !body.customerReference.trim()) return badRequest('customerReference is required.');
      if (typeof body.serviceProviderUserName !== 'string') return badRequest('serviceProviderUserName is required.');
      const textRefused = textRefusal(body, [], ['receiverMessage', 'senderNote']);
      if (textRefused) return textRefused;
      record('payment', referenceId, body, requestToPayPlan(body.customerReference.replace(/^\+/, ''), timing, options.outcomes));
      return { status: 202 };
    },
    getPaymentStatus(match) {
      const transaction = transactions.get(key('payment', decodeURIComponent(match[2] ?? '')));
      return transaction ? statusAnswer(transaction) : NOT_FOUND;
    },
    createInvoice(_match, headers, bodyText, apiUser) {
      const checked = checkCreate('invoice', headers, bodyText, apiUser);
      if ('status' in checked) return checked;
      const { referenceId, body } = checked;
      const refusal = checkMoney(body.amount, body.currency);
      if (refusal) return refusal;
      const payer = checkParty(body.intendedPayer, 'intendedPayer');
      if (typeof payer !== 'string') return payer;
      const payee = checkParty(body.payee, 'payee');
      if (typeof payee !== 'string') return payee;
      if (typeof body.externalId !== 'string' || !body.externalId.trim()) return badRequest('externalId is required.');
      const validitySeconds = Number(body.validityDuration);
      if (typeof body.validityDuration !== 'string' || !Number.isSafeInteger(validitySeconds) || validitySeconds <= 0) return badRequest('validityDuration is a whole number of seconds, as a string.');
      if (typeof body.description !== 'string' || !body.description.trim()) return momoError(500, 'INTERNAL_PROCESSING_ERROR', 'An internal error occurred while processing.');
      record('invoice', referenceId, body, invoicePlan(payer, validitySeconds * 1000, invoicePaidAfterMs, options.outcomes));
      return { status: 202 };
    },
    getInvoiceStatus(match) {
      const transaction = transactions.get(key('invoice', decodeURIComponent(match[2] ?? '')));
      return transaction ? statusAnswer(transaction) : NOT_FOUND;
    },
    cancelInvoice(match, headers) {
      const transaction = transactions.get(key('invoice', decodeURIComponent(match[2] ?? '')));
      if (!transaction) return NOT_FOUND;
      const cancellation = header(headers, 'x-reference-id');
      if (!cancellation || !UUID.test(cancellation)) return badRequest('X-Reference-Id must be a UUID.');
      const { status } = currentStatus(transaction);
      if (status === 'SUCCESSFUL') return momoError(409, 'NOT_ALLOWED', 'The invoice is paid: it cannot be cancelled.');
      if (status === 'PENDING') decisions.set(transaction.referenceId, { status: 'FAILED', reason: 'TRANSACTION_CANCELED' });
      return { status: 200 };
    },
    transfer: (_match, headers, bodyText, apiUser) => payout('transfer', headers, bodyText, apiUser),
    deposit: (_match, headers, bodyText, apiUser) => payout('deposit', headers, bodyText, apiUser),
    depositV2: (_match, headers, bodyText, apiUser) => payout('deposit', headers, bodyText, apiUser),
    getTransferStatus: (match) => lookUp('transfer', match),
    getDepositStatus: (match) => lookUp('deposit', match),
    refund: (_match, headers, bodyText, apiUser) => refund(headers, bodyText, apiUser),
    refundV2: (_match, headers, bodyText, apiUser) => refund(headers, bodyText, apiUser),
    getRefundStatus: (match) => lookUp('refund', match),
  };

  function payout(kind: 'transfer' | 'deposit', headers: IncomingMessage['headers'], bodyText: string, apiUser: string | undefined): Answer {
    const checked = checkCreate(kind, headers, bodyText, apiUser);
    if ('status' in checked) return checked;
    const { referenceId, body } = checked;
    const refusal = checkMoney(body.amount, body.currency);
    if (refusal) return refusal;
    const partyId = checkParty(body.payee, 'payee');
    if (typeof partyId !== 'string') return partyId;
    if (typeof body.externalId !== 'string') return badRequest('externalId is required.');
    const textRefused = textRefusal(body, NOTES);
    if (textRefused) return textRefused;
    record(kind, referenceId, body, transferPlan(partyId, timing, options.outcomes), body.payee);
    return { status: 202 };
  }

  function refund(headers: IncomingMessage['headers'], bodyText: string, apiUser: string | undefined): Answer {
    const checked = checkCreate('refund', headers, bodyText, apiUser);
    if ('status' in checked) return checked;
    const { referenceId, body } = checked;
    const refusal = checkMoney(body.amount, body.currency);
    if (refusal) return refusal;
    if (typeof body.referenceIdToRefund !== 'string' || !UUID.test(body.referenceIdToRefund)) return badRequest('referenceIdToRefund must be a UUID.');
    if (typeof body.externalId !== 'string') return badRequest('externalId is required.');
    const textRefused = textRefusal(body, NOTES);
    if (textRefused) return textRefused;
    // A refund of a payment this simulator saw goes back to its payer; one it never saw (training after a restart) is simply paid.
    const original = transactions.get(key('requestToPay', body.referenceIdToRefund));
    const payer = original?.body.payer as { partyId?: unknown } | undefined;
    const plan: Plan =
      original && currentStatus(original).status !== 'SUCCESSFUL'
        ? { status: 'FAILED', reason: 'TRANSACTION_NOT_COMPLETED', afterMs: 0 }
        : transferPlan(typeof payer?.partyId === 'string' ? payer.partyId : undefined, timing, options.outcomes);
    record('refund', referenceId, body, plan, original?.body.payer);
    return { status: 202 };
  }

  function lookUp(kind: Kind, match: RegExpExecArray): Answer {
    const transaction = transactions.get(key(kind, decodeURIComponent(match[2] ?? '')));
    return transaction ? statusAnswer(transaction) : NOT_FOUND;
  }

  /** Gateway checks: subscription key, then Basic credentials (token) or Bearer token and target environment. */
  function authorise(route: Route, product: SimProduct, headers: IncomingMessage['headers']): Answer | { apiUser?: string } {
    const subscriptionKey = header(headers, 'ocp-apim-subscription-key');
    if (!subscriptionKey) return { status: 401, json: GATEWAY.missingKey };
    if (subscriptionKeys && !subscriptionKeys.has(subscriptionKey)) return { status: 401, json: GATEWAY.invalidKey };
    if (route.auth !== 'bearer') return {};
    const bearer = /^Bearer\s+(\S+)$/i.exec(header(headers, 'authorization') ?? '')?.[1];
    const token = bearer ? tokens.get(bearer) : undefined;
    if (!token || token.product !== product || now() >= token.expiresAt) return { status: 401, json: GATEWAY.invalidToken };
    const environment = header(headers, 'x-target-environment');
    if (!environment || (options.targetEnvironment !== undefined && environment !== options.targetEnvironment)) {
      return momoError(400, 'NOT_ALLOWED_TARGET_ENVIRONMENT', 'Access to target environment is forbidden.');
    }
    return { apiUser: token.apiUser };
  }

  function faultAnswer(rule: FaultRule): Answer {
    switch (rule.kind) {
      case 'http500':
        return momoError(500, 'INTERNAL_PROCESSING_ERROR', 'An internal error occurred while processing.');
      case 'http503':
        return momoError(503, 'SERVICE_UNAVAILABLE', 'The service is unavailable.');
      case 'unauthorized':
        return { status: 401, json: rule.style === 'subscription-key' ? GATEWAY.invalidKey : GATEWAY.invalidToken };
      default:
        return { status: 200, text: '{"status":"SUCCESSFUL","amount":"10' };
    }
  }

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    counters.requests += 1;
    let path = new URL(request.url ?? '/', `http://${LOOPBACK}`).pathname;
    if (basePath) {
      if (!path.startsWith(`${basePath}/`)) return write(response, { status: 404, json: GATEWAY.notFound });
      path = path.slice(basePath.length);
    }
    let route: Route | undefined;
    let found: RegExpExecArray | null = null;
    for (const candidate of ROUTES) {
      if (candidate.method !== request.method) continue;
      found = candidate.pattern.exec(path);
      if (found) {
        route = candidate;
        break;
      }
    }
    if (!route || !found) {
      byOperation.unknown = (byOperation.unknown ?? 0) + 1;
      return write(response, { status: 404, json: GATEWAY.notFound });
    }
    const product: SimProduct = route.product === 'from-path' ? (found[1] as SimProduct) : route.product;
    byOperation[route.operation] = (byOperation[route.operation] ?? 0) + 1;

    const fault = takeFault(route.operation, product);
    if (fault?.kind === 'drop-before') {
      request.socket.destroy();
      return;
    }
    if (fault && (fault.kind === 'http500' || fault.kind === 'http503' || fault.kind === 'unauthorized')) return write(response, faultAnswer(fault));
    if ((product === 'collection' || product === 'disbursement') && options.notWhitelisted?.includes(product)) return write(response, { status: 403, json: GATEWAY.forbidden });

    const bodyText = await readBody(request);
    let answer: Answer;
    if (bodyText === undefined) {
      answer = { status: 413, json: { statusCode: 413, message: 'Request body too large.' } };
    } else {
      const allowed = authorise(route, product, request.headers);
      requestVersion = path.includes('/v2_0/') ? 2 : 1;
      answer = 'status' in allowed ? allowed : handlers[route.operation]!(found, request.headers, bodyText, allowed.apiUser);
      callbackUrls.clear();
    }
    if (fault?.kind === 'drop-after') {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'malformed') answer = faultAnswer(fault);
    if (fault?.kind === 'slow') await sleep(fault.delayMs ?? DEFAULT_SLOW_MS);
    write(response, answer);
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  const server = http.createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      if (!response.headersSent && !response.destroyed) write(response, momoError(500, 'INTERNAL_PROCESSING_ERROR', `Simulator error: ${String(error)}`));
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: LOOPBACK, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  if (address.address !== LOOPBACK) {
    server.close();
    throw new Error(`The MoMo simulator refused to listen on ${address.address}.`);
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${LOOPBACK}:${address.port}${basePath}`,
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        callbackPlayer.close();
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open for seconds: end them now.
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
    injectFault,
    clearFaults() {
      faults = [];
    },
    decide(referenceId, outcome) {
      decisions.set(referenceId, outcome.reason ? { status: outcome.status, reason: outcome.reason } : { status: outcome.status });
      playCallback(referenceId);
    },
    requestToPayCount: (referenceId) => received.get(key('requestToPay', referenceId)) ?? 0,
    postsReceived: (kind, referenceId) => received.get(key(kind, referenceId)) ?? 0,
    requestsToPay: () => receivedOf('requestToPay'),
    invoices: () => receivedOf('invoice'),
    deliveryNotifications: (referenceId) => [...(notifications.get(referenceId) ?? [])],
    tokenRequests: (product) => tokenRequestCounts[product],
    callbacksSent: () => callbackPlayer.sent(),
    stats: () => ({
      requests: counters.requests,
      byOperation: { ...byOperation },
      transactions: transactions.size,
      tokensIssued: counters.tokensIssued,
      users: users.size,
      faultsApplied: counters.faultsApplied,
      faultsPending: faults.length,
    }),
  };
}

function header(headers: IncomingMessage['headers'], name: string): string | undefined {
  const value = headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function pick(body: Record<string, unknown>, field: string): Record<string, unknown> {
  return body[field] !== undefined ? { [field]: body[field] } : {};
}

function hostOf(providerCallbackHost: string): string {
  try {
    return new URL(providerCallbackHost.includes('://') ? providerCallbackHost : `https://${providerCallbackHost}`).hostname;
  } catch {
    return providerCallbackHost;
  }
}

function basicCredentials(authorization: string | undefined): { apiUser: string; apiKey: string } | undefined {
  const encoded = /^Basic\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  return { apiUser: decoded.slice(0, colon), apiKey: decoded.slice(colon + 1) };
}

/** Looks like MoMo's: a JWT with clientId, expires and sessionId claims (not signed: nobody verifies it but us). */
function newAccessToken(apiUser: string, expiresAt: number): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'R256' })}.${part({ clientId: apiUser, expires: new Date(expiresAt).toISOString(), sessionId: randomUUID() })}.${randomBytes(48).toString('base64url')}`;
}

/** The body as text, or undefined beyond BODY_LIMIT. */
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function write(response: ServerResponse, answer: Answer): void {
  if (response.destroyed || response.writableEnded) return;
  const body = answer.text ?? (answer.json !== undefined ? JSON.stringify(answer.json) : '');
  const headers: Record<string, string | number> = { 'Content-Length': Buffer.byteLength(body) };
  if (body) headers['Content-Type'] = 'application/json;charset=utf-8';
  if (answer.json !== undefined && (answer.json as { access_token?: unknown }).access_token !== undefined) {
    headers['Cache-Control'] = 'no-store';
    headers.Pragma = 'no-cache';
  }
  response.writeHead(answer.status, headers);
  response.end(body);
}

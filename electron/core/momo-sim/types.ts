/**
 * The simulator's vocabulary: its options and public face (re-exported by
 * `index.ts`), and the few shapes its parts pass each other (a recorded
 * transaction, an answer to write, a route's handler).
 */
import type { IncomingMessage } from 'node:http';
import type { CallbackOptions, SentCallback } from './callbacks';
import type { FinalStatus, OutcomeOverride, Plan } from './outcomes';

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

export type Kind = 'requestToPay' | 'payment' | 'invoice' | 'transfer' | 'deposit' | 'refund';

export interface Transaction {
  kind: Kind;
  referenceId: string;
  body: Record<string, unknown>;
  receivedAt: number;
  plan: Plan;
  financialTransactionId: string;
  /** Payee shown in refund answers: the refunded payer, when known. */
  payee?: unknown;
}

export interface Answer {
  status: number;
  json?: unknown;
  text?: string;
}

/** One operation's answer from the route's match, the request headers, the body as text and the token's API user. */
export type Handler = (match: RegExpExecArray, headers: IncomingMessage['headers'], bodyText: string, apiUser: string | undefined) => Answer;

/**
 * The simulator's book: every money-moving request it accepted (bounded,
 * oldest forgotten first), how many POSTs each reference got, the outcomes
 * fixed by `decide()`, the delivery notifications, and the callbacks still to
 * play. A status is computed from the plan and `now()` when asked, never by a
 * timer; the status answer has the fields of MoMo's, per kind.
 */
import type { IncomingMessage } from 'node:http';
import type { SimUser } from './auth';
import { createCallbackPlayer, type SentCallback } from './callbacks';
import { reasonMessage, statusAt, type FinalStatus, type Plan, type Timing } from './outcomes';
import { header, parseJson, pick } from './server';
import { BoundedMap } from './store';
import type { Answer, Kind, MomoSimulatorOptions, ReceivedRequestToPay, Transaction } from './types';
import { badRequest, DUPLICATE, momoError, NOT_FOUND, UUID } from './validation';

export interface BookOptions {
  options: MomoSimulatorOptions;
  now: () => number;
  users: BoundedMap<string, SimUser>;
  /** A timer the simulator clears when it closes. */
  later(ms: number, run: () => void): void;
}

export type Book = ReturnType<typeof createBook>;

export function createBook({ options, now, users, later }: BookOptions) {
  const maxTransactions = options.maxTransactions ?? 20_000;
  const reasonShape = options.reasonShape ?? 'string';
  const defaultCurrency = options.currencies?.[0] ?? 'EUR';
  const transactions = new BoundedMap<string, Transaction>(maxTransactions);
  const received = new BoundedMap<string, number>(maxTransactions);
  const notifications = new BoundedMap<string, string[]>(maxTransactions);
  const decisions = new BoundedMap<string, { status: FinalStatus; reason?: string }>(maxTransactions);
  let financialTransactions = 0;

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
    financialTransactions += 1;
    const transaction: Transaction = {
      kind,
      referenceId,
      body,
      receivedAt: now(),
      plan,
      financialTransactionId: String(100_000_000 + financialTransactions),
      ...(payee !== undefined ? { payee } : {}),
    };
    transactions.set(key(kind, referenceId), transaction);
    const callback = callbackUrls.get(key(kind, referenceId));
    callbackUrls.delete(key(kind, referenceId));
    if (callback) {
      callbackOf.set(referenceId, { ...callback, transaction });
      if (Number.isFinite(plan.afterMs) && plan.status !== 'PENDING') later(plan.afterMs, () => playCallback(referenceId));
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

  /** The status answer of a reference from the path's second group, or 404. */
  function lookUp(kind: Kind, match: RegExpExecArray): Answer {
    const transaction = transactions.get(key(kind, decodeURIComponent(match[2] ?? '')));
    return transaction ? statusAnswer(transaction) : NOT_FOUND;
  }

  return {
    transactions,
    notifications,
    decisions,
    key,
    defaultCurrency,
    /** Before a request is handled: its API version (v2 callbacks are PUTs). */
    beginRequest(version: 1 | 2) {
      requestVersion = version;
    },
    /** After: a callback URL not kept by record() (a refused request) is forgotten. */
    endRequest() {
      callbackUrls.clear();
    },
    receivedOf,
    postsReceived: (kind: Kind, referenceId: string) => received.get(key(kind, referenceId)) ?? 0,
    currentStatus,
    statusAnswer,
    moneyOf,
    record,
    checkCreate,
    lookUp,
    decide(referenceId: string, outcome: { status: FinalStatus; reason?: string }) {
      decisions.set(referenceId, outcome.reason ? { status: outcome.status, reason: outcome.reason } : { status: outcome.status });
      playCallback(referenceId);
    },
    callbacksSent: (): SentCallback[] => callbackPlayer.sent(),
    closeCallbacks: () => callbackPlayer.close(),
  };
}

function hostOf(providerCallbackHost: string): string {
  try {
    return new URL(providerCallbackHost.includes('://') ? providerCallbackHost : `https://${providerCallbackHost}`).hostname;
  } catch {
    return providerCallbackHost;
  }
}

/** What the routes of a product get: the options, the timings, the book and the checks as this simulator's profile makes them. */
export interface ProductContext {
  options: MomoSimulatorOptions;
  timing: Timing;
  book: Book;
  /** Production's rules on notes under the 'production' profile; nothing refused under 'sandbox'. */
  textRefusal(body: Record<string, unknown>, required: readonly string[], optional?: readonly string[]): Answer | undefined;
  checkMoney(amount: unknown, currency: unknown): Answer | undefined;
}

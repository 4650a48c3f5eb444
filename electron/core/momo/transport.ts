/**
 * One HTTP exchange with MoMo: timeout, abort, error mapping, and the
 * recording of the exchange (redacted here, before anyone else sees it).
 * No retries at this level, ever.
 */
import { CLIENT_ERROR_CODES, MomoError } from './errors';
import type { ExchangeProduct } from './operations';
import { redactBody, redactHeaders, redactSecrets, type Secret } from './redaction';
import type { ExchangeListener, MomoExchange } from './types';

export interface WireRequest {
  product: ExchangeProduct;
  operation: string;
  referenceId?: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Path below the base URL, starting with '/'. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  bodyText: string;
}

export interface CallContext {
  signal?: AbortSignal;
  /** Everyone who wants this call's exchanges (the caller's onExchange, a token flight's collector). */
  listeners: ExchangeListener[];
}

export interface TransportOptions {
  baseUrl: string;
  /** The one origin requests (and so the keys in their headers) may go to; checked before every request. */
  allowedOrigin: string;
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
  onExchange?: ExchangeListener;
  /** Every secret value known now (keys, Basic credentials, tokens seen), for the belt-and-braces scrub. */
  secrets: () => Secret[];
}

/** Bodies kept in a recording are cut here: MoMo's answers are small; a proxy's HTML error page need not be kept whole. */
const RECORDED_BODY_LIMIT = 64 * 1024;

export type Send = (request: WireRequest, context: CallContext) => Promise<WireResponse>;

export function createTransport(options: TransportOptions): Send {
  return async function send(request, context) {
    const url = options.baseUrl + request.path;
    // The keys ride in the headers: a request whose address left the allowed origin is never sent.
    let origin: string | undefined;
    try {
      origin = new URL(url).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== options.allowedOrigin) {
      throw new MomoError({ code: CLIENT_ERROR_CODES.NOT_CONFIGURED, message: 'Refused: this request would take the MoMo keys to another address.', retryable: false });
    }
    const startedAt = options.now();
    const started = performance.now();
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = context.signal ? AbortSignal.any([timeout, context.signal]) : timeout;
    let response: WireResponse | undefined;
    let failure: MomoError | undefined;
    try {
      const answer = await options.fetch(url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal,
        // A redirected POST could be sent twice: MoMo never redirects, so a 3xx is an answer to report.
        redirect: 'manual',
      });
      const bodyText = await answer.text();
      response = { status: answer.status, headers: Object.fromEntries(answer.headers), bodyText };
      return response;
    } catch (error) {
      failure = transportError(error, { timedOut: timeout.aborted, aborted: context.signal?.aborted === true, request, timeoutMs: options.timeoutMs });
      throw failure;
    } finally {
      const wanted = options.onExchange !== undefined || context.listeners.length > 0;
      if (wanted) {
        const exchange = record(options, request, url, startedAt, performance.now() - started, response, failure);
        deliver(exchange, options.onExchange, context.listeners);
      }
    }
  };
}

function transportError(
  error: unknown,
  facts: { timedOut: boolean; aborted: boolean; request: WireRequest; timeoutMs: number },
): MomoError {
  const context = {
    operation: facts.request.operation,
    ...(facts.request.referenceId !== undefined ? { referenceId: facts.request.referenceId } : {}),
    cause: error,
  };
  if (facts.timedOut) {
    return new MomoError({ code: CLIENT_ERROR_CODES.TIMEOUT, message: `MoMo did not answer ${facts.request.operation} within ${facts.timeoutMs} ms.`, retryable: true, ...context });
  }
  if (facts.aborted) {
    return new MomoError({ code: CLIENT_ERROR_CODES.ABORTED, message: `${facts.request.operation} was cancelled.`, retryable: true, ...context });
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
  const notSent = connectionNeverOpened(cause);
  return new MomoError({
    code: CLIENT_ERROR_CODES.NETWORK,
    message: `Could not ${notSent ? 'reach MoMo for' : 'complete'} ${facts.request.operation} (${detail}).`,
    retryable: true,
    ...(notSent ? { notSent } : {}),
    ...context,
  });
}

/** Errors that happen before a connection exists: not one byte of the request left the machine. */
const CONNECTION_NEVER_OPENED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);

function connectionNeverOpened(cause: unknown): boolean {
  if (!cause || typeof cause !== 'object') return false;
  const { code, errors } = cause as { code?: unknown; errors?: unknown };
  // Happy eyeballs tries every address and reports an AggregateError: all of them must have failed to open.
  if (Array.isArray(errors) && errors.length > 0) return errors.every(connectionNeverOpened);
  return typeof code === 'string' && CONNECTION_NEVER_OPENED.has(code);
}

function record(
  options: TransportOptions,
  request: WireRequest,
  url: string,
  startedAt: number,
  durationMs: number,
  response: WireResponse | undefined,
  failure: MomoError | undefined,
): MomoExchange {
  const secrets = options.secrets();
  const scrub = (text: string) => redactSecrets(text, secrets);
  const scrubHeaders = (headers: Record<string, string>) =>
    Object.fromEntries(Object.entries(redactHeaders(headers)).map(([name, value]) => [name, scrub(value)]));
  const exchange: MomoExchange = {
    at: new Date(startedAt).toISOString(),
    product: request.product,
    operation: request.operation,
    request: {
      method: request.method,
      url: scrub(url),
      headers: scrubHeaders(request.headers),
      ...(request.body !== undefined ? { body: scrub(redactBody(request.body)) } : {}),
    },
    durationMs: Math.round(durationMs),
  };
  if (request.referenceId !== undefined) exchange.referenceId = request.referenceId;
  if (response) {
    const body = response.bodyText.length > RECORDED_BODY_LIMIT ? `${response.bodyText.slice(0, RECORDED_BODY_LIMIT)}…(cut)` : response.bodyText;
    exchange.response = { status: response.status, headers: scrubHeaders(response.headers), body: scrub(redactBody(body)) };
  }
  if (failure) exchange.error = { code: failure.code, message: scrub(failure.message) };
  return deepFreeze(exchange);
}

/** One exchange object goes to several listeners: none may change what another sees. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function deliver(exchange: MomoExchange, global: ExchangeListener | undefined, listeners: readonly ExchangeListener[]): void {
  // A recorder that throws must never break a payment.
  for (const listener of global ? [global, ...listeners] : listeners) {
    try {
      listener(exchange);
    } catch {
      /* ignored on purpose */
    }
  }
}

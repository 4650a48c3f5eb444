/**
 * Access tokens and subscription keys, per product (docs/momo.md "Authentication").
 *
 * A token is cached until a minute before it expires; concurrent callers
 * share one in-flight refresh; every caller that waited on a refresh gets
 * that refresh's exchanges for its own transcript.
 */
import { CLIENT_ERROR_CODES, MomoError } from './errors';
import type { ExchangeListener, MomoExchange } from './types';

/** Refresh this long before MoMo's expiry, so a token never dies in flight. */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;

export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

interface Flight {
  promise: Promise<string>;
  exchanges: MomoExchange[];
}

export interface TokenCache {
  /** A valid token: the cached one, or the result of the (shared) refresh. */
  get(context: { signal?: AbortSignal; listeners: ExchangeListener[] }): Promise<string>;
  /** Forget `token` if it is still the cached one (a 401 said it is no good). */
  invalidate(token: string): void;
}

export function createTokenCache(deps: {
  now: () => number;
  /** Fetches a new token; every exchange it makes goes to `collect`. */
  requestToken: (collect: ExchangeListener) => Promise<IssuedToken>;
}): TokenCache {
  let cached: { value: string; refreshAt: number } | undefined;
  let flight: Flight | undefined;

  function startFlight(): Flight {
    const exchanges: MomoExchange[] = [];
    const current: Flight = { exchanges, promise: Promise.resolve('') };
    flight = current;
    current.promise = (async () => {
      try {
        const issued = await deps.requestToken((exchange) => exchanges.push(exchange));
        const lifetimeMs = issued.expiresInSeconds * 1000;
        // A lifetime shorter than two margins: refresh at half-life instead.
        const margin = lifetimeMs > 2 * TOKEN_REFRESH_MARGIN_MS ? TOKEN_REFRESH_MARGIN_MS : lifetimeMs / 2;
        cached = { value: issued.accessToken, refreshAt: deps.now() + lifetimeMs - margin };
        return issued.accessToken;
      } finally {
        if (flight === current) flight = undefined;
      }
    })();
    return current;
  }

  return {
    async get(context) {
      if (cached && deps.now() < cached.refreshAt) return cached.value;
      const joined = flight ?? startFlight();
      try {
        return await untilAborted(joined.promise, context.signal);
      } finally {
        for (const exchange of joined.exchanges) {
          for (const listener of context.listeners) {
            try {
              listener(exchange);
            } catch {
              /* a recorder never breaks a payment */
            }
          }
        }
      }
    },
    invalidate(token) {
      if (cached?.value === token) cached = undefined;
    },
  };
}

/** The shared refresh keeps running for the others; only this caller stops waiting. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  const cancelled = () => new MomoError({ code: CLIENT_ERROR_CODES.ABORTED, message: 'Waiting for a MoMo access token was cancelled.', operation: 'token', retryable: true, cause: signal.reason });
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The primary and (optional) secondary subscription key of one product.
 * Once a key is refused the other becomes current, for every later call.
 */
export interface SubscriptionKeys {
  current(): string;
  /** `refused` was refused; returns true if a key not in `tried` is now current. */
  switchFrom(refused: string, tried: ReadonlySet<string>): boolean;
  all(): string[];
}

export function createSubscriptionKeys(primary: string, secondary?: string): SubscriptionKeys {
  const keys = secondary && secondary !== primary ? [primary, secondary] : [primary];
  let index = 0;
  return {
    current: () => keys[index] ?? primary,
    switchFrom(refused, tried) {
      const next = keys.findIndex((key) => key !== refused && !tried.has(key));
      if (next < 0) return false;
      index = next;
      return true;
    },
    all: () => [...keys],
  };
}

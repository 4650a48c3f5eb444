/**
 * MomoError: every failure of a MoMo call, as a value with a code.
 *
 * `code` is MoMo's own (`RESOURCE_ALREADY_EXIST`, `INVALID_CURRENCY`, ...)
 * when MoMo gave one, otherwise one of the client's codes below. Turning a
 * code into a sentence for people happens in shared/messages, not here.
 */
import { normaliseReason, normaliseReasonCode } from '../../../shared/momo-vocabulary';

/** Codes the client itself uses when MoMo gave none. */
export const CLIENT_ERROR_CODES = {
  /** The request may or may not have reached MoMo (connection refused, reset, dropped). */
  NETWORK: 'NETWORK',
  /** No answer within timeoutMs: the request may have reached MoMo. */
  TIMEOUT: 'TIMEOUT',
  /** The caller's AbortSignal fired. */
  ABORTED: 'ABORTED',
  /** MoMo answered, but not in a shape we understand (broken JSON, unknown status). */
  BAD_RESPONSE: 'BAD_RESPONSE',
  /** The product (collection / disbursement) has no credentials configured. */
  NOT_CONFIGURED: 'NOT_CONFIGURED',
  /** The gateway refused the subscription key (primary and, if any, secondary). */
  INVALID_SUBSCRIPTION_KEY: 'INVALID_SUBSCRIPTION_KEY',
  /** 401 from the gateway that is not about the subscription key (token refused even after a refresh). */
  UNAUTHORIZED: 'UNAUTHORIZED',
} as const;

export interface MomoErrorInit {
  code: string;
  message: string;
  httpStatus?: number;
  retryable?: boolean;
  operation?: string;
  referenceId?: string;
  cause?: unknown;
  notSent?: boolean;
}

export class MomoError extends Error {
  override readonly name = 'MomoError';
  readonly code: string;
  readonly httpStatus?: number;
  /** A hint: the same call may succeed later (network, timeout, 5xx, 429). Deciding to resend is the payment engine's job. */
  readonly retryable?: boolean;
  /** Which call failed; 'token' means the business request never left the machine. */
  readonly operation?: string;
  readonly referenceId?: string;
  /** The request provably never left the machine (the connection could not be opened; nothing configured to send with). */
  readonly notSent?: boolean;

  constructor(init: MomoErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    if (init.retryable !== undefined) this.retryable = init.retryable;
    if (init.operation !== undefined) this.operation = init.operation;
    if (init.referenceId !== undefined) this.referenceId = init.referenceId;
    if (init.notSent) this.notSent = true;
  }
}

/**
 * Did the business request provably never reach MoMo? True when the token
 * step failed (it comes first: the request was never sent), when the
 * connection could not even be opened (refused, name not resolved, no
 * route), or when the gateway refused it with a 401 (APIM answers before
 * MoMo's service sees anything). A lost answer, a timeout or a 5xx is not
 * proof: the request may be at MoMo.
 */
export function provablyNotSent(error: { notSent?: boolean; operation?: string; httpStatus?: number }): boolean {
  return error.notSent === true || error.operation === 'token' || error.httpStatus === 401;
}

export function isMomoError(value: unknown): value is MomoError {
  return value instanceof MomoError;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The gateway's own refusal of a subscription key: 401 `{statusCode, message: "Access denied due to invalid subscription key..."}`. */
export function isSubscriptionKeyRefusal(httpStatus: number, bodyText: string): boolean {
  if (httpStatus !== 401) return false;
  const body = parseJsonObject(bodyText);
  const message = typeof body?.message === 'string' ? body.message : bodyText;
  return /subscription key/i.test(message);
}

function codeForStatus(httpStatus: number): string {
  switch (httpStatus) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return CLIENT_ERROR_CODES.UNAUTHORIZED;
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'RESOURCE_NOT_FOUND';
    case 409:
      return 'RESOURCE_ALREADY_EXIST';
    case 429:
      return 'TOO_MANY_REQUESTS';
    case 500:
      return 'INTERNAL_PROCESSING_ERROR';
    case 502:
    case 503:
    case 504:
      return 'SERVICE_UNAVAILABLE';
    default:
      return `HTTP_${httpStatus}`;
  }
}

/**
 * A non-success HTTP answer -> MomoError. Understands MoMo's `{code, message}`,
 * the gateway's `{statusCode, message}`, the token endpoint's `{error}`, a
 * `reason` in either shape, and anything else (HTML from a proxy) by status.
 */
export function errorFromResponse(
  httpStatus: number,
  bodyText: string,
  context: { operation?: string; referenceId?: string } = {},
): MomoError {
  const body = parseJsonObject(bodyText);
  let code: string | undefined;
  let message: string | undefined;
  if (body) {
    if (typeof body.message === 'string' && body.message.trim()) message = body.message.trim();
    if (typeof body.code === 'string' && body.code.trim()) {
      code = normaliseReasonCode(body.code);
    } else if (typeof body.error === 'string' && body.error.trim()) {
      // The token endpoint answers {"error":"login_failed"} for wrong API user / key.
      code = normaliseReasonCode(body.error.replace(/[\s-]+/g, '_'));
      if (!message && typeof body.error_description === 'string') message = body.error_description;
    } else if (body.reason !== undefined) {
      const reason = normaliseReason(body.reason);
      if (reason) {
        code = reason.code;
        message ??= reason.message;
      }
    }
  }
  if (!code && isSubscriptionKeyRefusal(httpStatus, bodyText)) code = CLIENT_ERROR_CODES.INVALID_SUBSCRIPTION_KEY;
  code ??= codeForStatus(httpStatus);
  const loginFailed = code === 'LOGIN_FAILED';
  const retryable = !loginFailed && (httpStatus >= 500 || httpStatus === 429);
  return new MomoError({
    code,
    httpStatus,
    message: message ?? `MoMo answered HTTP ${httpStatus}${code ? ` (${code})` : ''}.`,
    retryable,
    ...(context.operation !== undefined ? { operation: context.operation } : {}),
    ...(context.referenceId !== undefined ? { referenceId: context.referenceId } : {}),
  });
}

export function badResponse(message: string, context: { operation?: string; referenceId?: string; httpStatus?: number; cause?: unknown }): MomoError {
  return new MomoError({ code: CLIENT_ERROR_CODES.BAD_RESPONSE, message, retryable: true, ...context });
}

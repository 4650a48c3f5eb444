/**
 * The payment state machine: the one table of allowed transitions.
 * Nothing else decides what may follow what (docs/payment-states.md).
 *
 * recorded -> sending -> pending -> successful | failed | rejected | expired
 *                   \-> failed (never left the machine: MTN unreachable or the keys refused; or a definite refusal)
 *                   \-> unknown (the answer was lost: the request may be at MoMo)
 * unknown  -> sending (GET said 404: resend with the SAME reference) | any answer GET gave
 * pending  -> timed_out (window over; re-checkable) -> any final answer
 * pending | timed_out -> failed RESOURCE_NOT_FOUND (MoMo keeps answering 404 for a request it had taken)
 *
 * What a failed send leads to is decided here too (afterSendFailure), so
 * every engine that sends money (payments, refunds) decides it the same way.
 */
export const PAYMENT_STATUSES = [
  'recorded',
  'sending',
  'pending',
  'unknown',
  'timed_out',
  'successful',
  'failed',
  'rejected',
  'expired',
] as const;

export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

const FINAL_ANSWERS = ['successful', 'failed', 'rejected', 'expired'] as const;

export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  // failed: never sent (the app stopped first and the customer has left) — reason NOT_SENT
  recorded: ['sending', 'failed'],
  // 202 -> pending; a definite refusal (4xx with a code) or a request that never left -> failed; a lost answer -> unknown
  sending: ['pending', 'unknown', ...FINAL_ANSWERS],
  pending: ['timed_out', ...FINAL_ANSWERS],
  unknown: ['sending', 'pending', 'timed_out', ...FINAL_ANSWERS],
  timed_out: ['pending', ...FINAL_ANSWERS],
  successful: [],
  failed: [],
  rejected: [],
  expired: [],
};

export type FinalPaymentStatus = (typeof FINAL_ANSWERS)[number];

/** Terminal: MoMo gave its final answer; nothing may follow. */
export function isFinal(status: PaymentStatus): status is FinalPaymentStatus {
  return PAYMENT_TRANSITIONS[status].length === 0;
}

/** Could a request to pay with this status still be live at MoMo? */
export function mightBeLive(status: PaymentStatus): boolean {
  return !isFinal(status) && status !== 'recorded';
}

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return PAYMENT_TRANSITIONS[from].includes(to);
}

export function isPaymentStatus(value: unknown): value is PaymentStatus {
  return typeof value === 'string' && (PAYMENT_STATUSES as readonly string[]).includes(value);
}

/** Reason recorded when a request provably never left the machine because MTN could not be reached. */
export const MTN_UNREACHABLE = 'MTN_UNREACHABLE';

/** Refusals of the till's own keys or set-up, met before anything reached MoMo: they keep their code (the cashier's sentence differs). */
const REFUSED_BEFORE_SENDING = new Set(['LOGIN_FAILED', 'INVALID_SUBSCRIPTION_KEY', 'UNAUTHORIZED', 'NOT_CONFIGURED', 'FORBIDDEN']);

export interface SendFailure {
  httpStatus?: number | undefined;
  /** MoMo's code or the client's (NETWORK, TIMEOUT, LOGIN_FAILED, ...), normalised. */
  code: string;
  /** The request provably never reached MoMo (the client's provablyNotSent). */
  neverLeft: boolean;
}

export type SendFailureOutcome = { to: 'pending'; reasonCode?: undefined } | { to: 'failed' | 'unknown'; reasonCode: string };

/**
 * What follows a money-moving POST that did not get its 202:
 * - 409: MoMo already has this reference (a resend after a lost answer): follow it.
 * - never left: failed at once, MoMo never saw it, so no prompt went out and no
 *   money can move; MTN_UNREACHABLE, or the code of the keys' refusal.
 * - a definite refusal (4xx other than auth, not-found, timeout, duplicate, rate
 *   limit): failed with that code.
 * - anything else (no answer, timeout, 5xx): unknown, resolved by GET on the same reference.
 */
export function afterSendFailure(failure: SendFailure): SendFailureOutcome {
  const { httpStatus, code } = failure;
  if (httpStatus === 409) return { to: 'pending' };
  if (failure.neverLeft) {
    const refused = REFUSED_BEFORE_SENDING.has(code) || (httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500);
    return { to: 'failed', reasonCode: refused ? code : MTN_UNREACHABLE };
  }
  if (httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500 && ![401, 404, 408, 409, 429].includes(httpStatus)) return { to: 'failed', reasonCode: code };
  return { to: 'unknown', reasonCode: code };
}

/**
 * The payment state machine: the one table of allowed transitions.
 * Nothing else decides what may follow what (DESIGN.md).
 *
 * recorded -> sending -> pending -> successful | failed | rejected | expired
 *                   \-> unknown (network error: outcome not known)
 * unknown  -> sending (GET said 404: resend with the SAME reference) | any answer GET gave
 * pending  -> timed_out (window over; re-checkable) -> any final answer
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
  // 202 -> pending; a definite refusal (4xx with a code) -> failed; no answer -> unknown
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

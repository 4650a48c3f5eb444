/** MoMo's own words: statuses and reason codes (docs/momo.md "Errors"). */
export const MOMO_STATUSES = ['PENDING', 'SUCCESSFUL', 'FAILED'] as const;
export type MomoStatus = (typeof MOMO_STATUSES)[number];

export const MOMO_REASON_CODES = [
  'PAYEE_NOT_FOUND',
  'PAYER_NOT_FOUND',
  'NOT_ALLOWED',
  'NOT_ALLOWED_TARGET_ENVIRONMENT',
  'INVALID_CALLBACK_URL_HOST',
  'INVALID_CURRENCY',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_PROCESSING_ERROR',
  'NOT_ENOUGH_FUNDS',
  'PAYER_LIMIT_REACHED',
  'PAYEE_NOT_ALLOWED_TO_RECEIVE',
  'PAYMENT_NOT_APPROVED',
  'RESOURCE_NOT_FOUND',
  'APPROVAL_REJECTED',
  'EXPIRED',
  'TRANSACTION_CANCELED',
  'RESOURCE_ALREADY_EXIST',
  'TRANSACTION_NOT_COMPLETED',
  'TRANSACTION_NOT_FOUND',
  'COULD_NOT_PERFORM_TRANSACTION',
  'NOT_FOUND',
  'TIMEOUT',
  'REJECTED',
  'INFORMATIONAL_SCOPE_INSTRUCTION',
  'MISSING_SCOPE_INSTRUCTION',
  'MORE_THAN_ONE_FINANCIAL_SCOPE_NOT_SUPPORTED',
  'UNSUPPORTED_SCOPE_COMBINATION',
  'CONSENT_MISMATCH',
  'UNSUPPORTED_SCOPE',
  // Sent by production outside the spec's list (docs/momo.md, "What production does that the guides don't say").
  'LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED',
  'SENDER_ACCOUNT_NOT_ACTIVE',
  'PAYEE_LIMIT_REACHED',
  // Reasons that come with PENDING; should one come with FAILED, it is the customer's delay.
  'PAYER_DELAYED',
  'ONGOING',
] as const;
export type MomoReasonCode = (typeof MOMO_REASON_CODES)[number];

/** MTN's partner-gateway page (docs/momo.md "Errors") spells one code with a trailing dot; codes are matched without it. */
export function normaliseReasonCode(code: string): string {
  return code.trim().replace(/\.+$/, '').toUpperCase();
}

/** MoMo's reason in either shape (string in production, {code, message} in the spec) -> {code, message?}. */
export function normaliseReason(reason: unknown): { code: string; message?: string } | undefined {
  if (typeof reason === 'string') return reason.trim() ? { code: normaliseReasonCode(reason) } : undefined;
  if (reason && typeof reason === 'object') {
    const { code, message } = reason as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && code.trim()) {
      return typeof message === 'string' && message ? { code: normaliseReasonCode(code), message } : { code: normaliseReasonCode(code) };
    }
  }
  return undefined; // {} on success means no reason
}

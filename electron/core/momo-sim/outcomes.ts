/**
 * What the sandbox decides for each test number (docs/momo.md "Sandbox
 * behaviour"; where MTN's guides disagree, docs/momo.md's table wins).
 * Pure: the server asks "what happens to this party, and when".
 */

export type FinalStatus = 'SUCCESSFUL' | 'FAILED';

/** The plan for one transaction: PENDING until `afterMs` after it was received, then `status`. */
export interface Plan {
  status: FinalStatus | 'PENDING';
  reason?: string;
  /** The reason shown while still PENDING (…54: PAYER_DELAYED). */
  pendingReason?: string;
  /** Infinity: stays PENDING for ever. */
  afterMs: number;
}

/** When the outcome arrives: at once (the system refuses), after the customer's approval time, after the slow number's time, or never. */
type Wait = 'now' | 'approval' | 'slow' | 'never';

interface Rule {
  status: FinalStatus | 'PENDING';
  reason?: string;
  pendingReason?: string;
  wait: Wait;
}

/** Request to pay and partner-gateway payment, by payer MSISDN. */
export const REQUEST_TO_PAY_OUTCOMES: Readonly<Record<string, Rule>> = {
  '46733123450': { status: 'FAILED', reason: 'INTERNAL_PROCESSING_ERROR', wait: 'now' },
  '46733123451': { status: 'FAILED', reason: 'APPROVAL_REJECTED', wait: 'approval' },
  '46733123452': { status: 'FAILED', reason: 'EXPIRED', wait: 'approval' },
  '46733123453': { status: 'PENDING', wait: 'never' },
  // Some sources give …54 PAYER_DELAYED: it is a reason shown while PENDING, before the slow success.
  '46733123454': { status: 'SUCCESSFUL', pendingReason: 'PAYER_DELAYED', wait: 'slow' },
  '46733123455': { status: 'FAILED', reason: 'PAYER_NOT_FOUND', wait: 'now' },
  '46733123456': { status: 'FAILED', reason: 'PAYEE_NOT_ALLOWED_TO_RECEIVE', wait: 'now' },
  '46733123457': { status: 'FAILED', reason: 'NOT_ALLOWED', wait: 'now' },
  '46733123460': { status: 'FAILED', reason: 'INVALID_CURRENCY', wait: 'now' },
  // docs/momo.md "Sandbox behaviour": numbers some sources add, then reasons production sends outside the spec.
  '46733123458': { status: 'FAILED', reason: 'NOT_ALLOWED_TARGET_ENVIRONMENT', wait: 'now' },
  '46733123459': { status: 'FAILED', reason: 'INVALID_CALLBACK_URL_HOST', wait: 'now' },
  '46733123461': { status: 'FAILED', reason: 'INTERNAL_PROCESSING_ERROR', wait: 'now' },
  '46733123462': { status: 'FAILED', reason: 'SERVICE_UNAVAILABLE', wait: 'now' },
  // The customer let MoMo's own approval window pass.
  '46733123463': { status: 'FAILED', reason: 'COULD_NOT_PERFORM_TRANSACTION', wait: 'approval' },
  '46733123464': { status: 'FAILED', reason: 'LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED', wait: 'now' },
  '46733123465': { status: 'FAILED', reason: 'SENDER_ACCOUNT_NOT_ACTIVE', wait: 'now' },
  '46733123466': { status: 'FAILED', reason: 'PAYEE_LIMIT_REACHED', wait: 'now' },
};

/** Transfers, deposits and refunds, by payee MSISDN. */
export const TRANSFER_OUTCOMES: Readonly<Record<string, Rule>> = {
  '46733123450': { status: 'FAILED', reason: 'INTERNAL_PROCESSING_ERROR', wait: 'now' },
  '46733123455': { status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS', wait: 'now' },
  '46733123456': { status: 'FAILED', reason: 'PAYER_LIMIT_REACHED', wait: 'now' },
  '46733123457': { status: 'FAILED', reason: 'PAYEE_NOT_FOUND', wait: 'now' },
  '46733123464': { status: 'FAILED', reason: 'LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED', wait: 'now' },
  '46733123465': { status: 'FAILED', reason: 'SENDER_ACCOUNT_NOT_ACTIVE', wait: 'now' },
  '46733123466': { status: 'FAILED', reason: 'PAYEE_LIMIT_REACHED', wait: 'now' },
};

/** Account active: these numbers answer {"result": false}. */
export const INACTIVE_ACCOUNTS: ReadonlySet<string> = new Set(['46733123450']);

export interface Timing {
  approvalDelayMs: number;
  slowApprovalDelayMs: number;
  /** Disbursements carry no customer approval; the sandbox settles them at once by default. */
  disbursementDelayMs: number;
}

/** A test's own outcome for a number; `status: 'PENDING'` means it never resolves. */
export interface OutcomeOverride {
  status: FinalStatus | 'PENDING';
  reason?: string;
  /** Default: the approval delay. */
  afterMs?: number;
}

function planOf(rule: Rule, timing: Timing, defaultDelayMs: number): Plan {
  const afterMs =
    rule.wait === 'now' ? 0 : rule.wait === 'approval' ? defaultDelayMs : rule.wait === 'slow' ? timing.slowApprovalDelayMs : Number.POSITIVE_INFINITY;
  return { status: rule.status, afterMs, ...(rule.reason ? { reason: rule.reason } : {}), ...(rule.pendingReason ? { pendingReason: rule.pendingReason } : {}) };
}

function planOfOverride(override: OutcomeOverride, timing: Timing): Plan {
  const afterMs = override.status === 'PENDING' ? Number.POSITIVE_INFINITY : (override.afterMs ?? timing.approvalDelayMs);
  return override.reason ? { status: override.status, reason: override.reason, afterMs } : { status: override.status, afterMs };
}

export function requestToPayPlan(partyId: string, timing: Timing, overrides?: Readonly<Record<string, OutcomeOverride>>): Plan {
  const override = overrides?.[partyId];
  if (override) return planOfOverride(override, timing);
  return planOf(REQUEST_TO_PAY_OUTCOMES[partyId] ?? { status: 'SUCCESSFUL', wait: 'approval' }, timing, timing.approvalDelayMs);
}

export function transferPlan(partyId: string | undefined, timing: Timing, overrides?: Readonly<Record<string, OutcomeOverride>>): Plan {
  const override = partyId === undefined ? undefined : overrides?.[partyId];
  if (override) return planOfOverride(override, { ...timing, approvalDelayMs: timing.disbursementDelayMs });
  const rule = (partyId === undefined ? undefined : TRANSFER_OUTCOMES[partyId]) ?? { status: 'SUCCESSFUL' as const, wait: 'approval' as const };
  return planOf(rule, timing, timing.disbursementDelayMs);
}

/**
 * An invoice, by intended payer: the customer pays from their own phone
 * after `invoicePaidAfterMs` (minutes in life), declines or never pays;
 * whatever is still unpaid when its validity ends is FAILED with EXPIRED.
 */
export function invoicePlan(partyId: string, validityMs: number, invoicePaidAfterMs: number, overrides?: Readonly<Record<string, OutcomeOverride>>): Plan {
  const planned = requestToPayPlan(partyId, { approvalDelayMs: invoicePaidAfterMs, slowApprovalDelayMs: invoicePaidAfterMs * 2, disbursementDelayMs: 0 }, overrides);
  if (planned.status !== 'PENDING' && planned.afterMs < validityMs) return planned;
  return { status: 'FAILED', reason: 'EXPIRED', afterMs: validityMs };
}

/** The status a plan shows `elapsedMs` after the transaction was received. */
export function statusAt(plan: Plan, elapsedMs: number): { status: FinalStatus | 'PENDING'; reason?: string } {
  if (plan.status === 'PENDING' || elapsedMs < plan.afterMs) return plan.pendingReason ? { status: 'PENDING', reason: plan.pendingReason } : { status: 'PENDING' };
  return plan.reason ? { status: plan.status, reason: plan.reason } : { status: plan.status };
}

const REASON_MESSAGES: Readonly<Record<string, string>> = {
  INTERNAL_PROCESSING_ERROR: 'An internal error occurred while processing.',
  APPROVAL_REJECTED: 'The payer rejected the request.',
  EXPIRED: 'The request expired before the payer answered.',
  PAYER_NOT_FOUND: 'Payer not found.',
  PAYEE_NOT_ALLOWED_TO_RECEIVE: 'Payee is not allowed to receive.',
  NOT_ALLOWED: 'Not allowed.',
  INVALID_CURRENCY: 'Currency not supported.',
  NOT_ENOUGH_FUNDS: 'Not enough funds.',
  PAYER_LIMIT_REACHED: 'Payer limit reached.',
  PAYEE_NOT_FOUND: 'Payee not found.',
  TRANSACTION_NOT_COMPLETED: 'The transaction being refunded did not complete.',
  NOT_ALLOWED_TARGET_ENVIRONMENT: 'Access to target environment is forbidden.',
  INVALID_CALLBACK_URL_HOST: 'Callback URL with different host than the one configured for the API user.',
  SERVICE_UNAVAILABLE: 'Service unavailable.',
  COULD_NOT_PERFORM_TRANSACTION: 'Could not perform transaction.',
  PAYER_DELAYED: 'The payer has not answered yet.',
};

export function reasonMessage(code: string): string {
  return REASON_MESSAGES[code] ?? code.replace(/_/g, ' ').toLowerCase();
}

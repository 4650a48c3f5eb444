/** The simulator's outcome table is docs/momo.md's "Sandbox behaviour" table, exactly. */
import { describe, expect, it } from 'vitest';
import { REQUEST_TO_PAY_OUTCOMES, TRANSFER_OUTCOMES, requestToPayPlan, statusAt, transferPlan } from '../../../electron/core/momo-sim/outcomes';

const timing = { approvalDelayMs: 3_000, slowApprovalDelayMs: 20_000, disbursementDelayMs: 0 };

describe('request to pay', () => {
  it('lists exactly the numbers of docs/momo.md with their reasons', () => {
    expect(Object.fromEntries(Object.entries(REQUEST_TO_PAY_OUTCOMES).map(([msisdn, rule]) => [msisdn, rule.reason ?? rule.status]))).toEqual({
      '46733123450': 'INTERNAL_PROCESSING_ERROR',
      '46733123451': 'APPROVAL_REJECTED',
      '46733123452': 'EXPIRED',
      '46733123453': 'PENDING',
      '46733123454': 'SUCCESSFUL',
      '46733123455': 'PAYER_NOT_FOUND',
      '46733123456': 'PAYEE_NOT_ALLOWED_TO_RECEIVE',
      '46733123457': 'NOT_ALLOWED',
      '46733123460': 'INVALID_CURRENCY',
      // docs/momo.md "Sandbox behaviour": the extra sandbox numbers, then production's out-of-spec reasons.
      '46733123458': 'NOT_ALLOWED_TARGET_ENVIRONMENT',
      '46733123459': 'INVALID_CALLBACK_URL_HOST',
      '46733123461': 'INTERNAL_PROCESSING_ERROR',
      '46733123462': 'SERVICE_UNAVAILABLE',
      '46733123463': 'COULD_NOT_PERFORM_TRANSACTION',
      '46733123464': 'LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED',
      '46733123465': 'SENDER_ACCOUNT_NOT_ACTIVE',
      '46733123466': 'PAYEE_LIMIT_REACHED',
    });
  });

  it('any other number: SUCCESSFUL after the approval delay', () => {
    const plan = requestToPayPlan('250788123456', timing);
    expect(statusAt(plan, 2_999)).toEqual({ status: 'PENDING' });
    expect(statusAt(plan, 3_000)).toEqual({ status: 'SUCCESSFUL' });
  });

  it('46733123453 never answers; 46733123454 answers after the slow delay', () => {
    expect(statusAt(requestToPayPlan('46733123453', timing), Number.MAX_SAFE_INTEGER)).toEqual({ status: 'PENDING' });
    expect(statusAt(requestToPayPlan('46733123454', timing), 19_999)).toEqual({ status: 'PENDING', reason: 'PAYER_DELAYED' });
    expect(statusAt(requestToPayPlan('46733123454', timing), 20_000)).toEqual({ status: 'SUCCESSFUL' });
  });

  it('a system refusal is immediate; a customer decision waits for the approval delay', () => {
    expect(statusAt(requestToPayPlan('46733123450', timing), 0)).toEqual({ status: 'FAILED', reason: 'INTERNAL_PROCESSING_ERROR' });
    expect(statusAt(requestToPayPlan('46733123451', timing), 0)).toEqual({ status: 'PENDING' });
    expect(statusAt(requestToPayPlan('46733123451', timing), 3_000)).toEqual({ status: 'FAILED', reason: 'APPROVAL_REJECTED' });
  });

  it('a per-number override wins over the table', () => {
    const overrides = { '46733123450': { status: 'SUCCESSFUL' as const, afterMs: 10 }, '250788000000': { status: 'PENDING' as const } };
    expect(statusAt(requestToPayPlan('46733123450', timing, overrides), 10)).toEqual({ status: 'SUCCESSFUL' });
    expect(statusAt(requestToPayPlan('250788000000', timing, overrides), 1e12)).toEqual({ status: 'PENDING' });
  });
});

describe('transfers', () => {
  it('docs/momo.md: ...50 FAILED, ...55 NOT_ENOUGH_FUNDS, ...56 PAYER_LIMIT_REACHED, ...57 PAYEE_NOT_FOUND, others SUCCESSFUL at once', () => {
    expect(Object.keys(TRANSFER_OUTCOMES)).toEqual(['46733123450', '46733123455', '46733123456', '46733123457', '46733123464', '46733123465', '46733123466']);
    expect(statusAt(transferPlan('46733123455', timing), 0)).toEqual({ status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' });
    expect(statusAt(transferPlan('46733123456', timing), 0)).toEqual({ status: 'FAILED', reason: 'PAYER_LIMIT_REACHED' });
    expect(statusAt(transferPlan('46733123457', timing), 0)).toEqual({ status: 'FAILED', reason: 'PAYEE_NOT_FOUND' });
    expect(statusAt(transferPlan('46733123450', timing), 0).status).toBe('FAILED');
    expect(statusAt(transferPlan('250788123456', timing), 0)).toEqual({ status: 'SUCCESSFUL' });
    expect(statusAt(transferPlan(undefined, { ...timing, disbursementDelayMs: 50 }), 49)).toEqual({ status: 'PENDING' });
  });
});

/** What a failed send leads to: decided in the one file that holds the payment state machine. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterSendFailure, canTransition, MTN_UNREACHABLE } from '../../shared/payment-states';

describe('afterSendFailure', () => {
  it.each([
    ['token refused: connection refused (MTN unreachable)', { code: 'NETWORK', neverLeft: true }, { to: 'failed', reasonCode: MTN_UNREACHABLE }],
    ['token timed out', { code: 'TIMEOUT', neverLeft: true }, { to: 'failed', reasonCode: MTN_UNREACHABLE }],
    ['token 503', { httpStatus: 503, code: 'SERVICE_UNAVAILABLE', neverLeft: true }, { to: 'failed', reasonCode: MTN_UNREACHABLE }],
    ['token 500 login_failed (wrong API user or key)', { httpStatus: 500, code: 'LOGIN_FAILED', neverLeft: true }, { to: 'failed', reasonCode: 'LOGIN_FAILED' }],
    ['gateway 401 on the subscription key', { httpStatus: 401, code: 'INVALID_SUBSCRIPTION_KEY', neverLeft: true }, { to: 'failed', reasonCode: 'INVALID_SUBSCRIPTION_KEY' }],
    ['Disbursement token 403 (IP not whitelisted)', { httpStatus: 403, code: 'FORBIDDEN', neverLeft: true }, { to: 'failed', reasonCode: 'FORBIDDEN' }],
    ['409: MoMo already has the reference', { httpStatus: 409, code: 'RESOURCE_ALREADY_EXIST', neverLeft: false }, { to: 'pending' }],
    ['400 with a code: a definite refusal', { httpStatus: 400, code: 'INVALID_CURRENCY', neverLeft: false }, { to: 'failed', reasonCode: 'INVALID_CURRENCY' }],
    ['500 on the POST: may be at MoMo', { httpStatus: 500, code: 'INTERNAL_PROCESSING_ERROR', neverLeft: false }, { to: 'unknown', reasonCode: 'INTERNAL_PROCESSING_ERROR' }],
    ['answer lost after the POST left', { code: 'NETWORK', neverLeft: false }, { to: 'unknown', reasonCode: 'NETWORK' }],
    ['no answer in time', { code: 'TIMEOUT', neverLeft: false }, { to: 'unknown', reasonCode: 'TIMEOUT' }],
    ['404 on the POST', { httpStatus: 404, code: 'RESOURCE_NOT_FOUND', neverLeft: false }, { to: 'unknown', reasonCode: 'RESOURCE_NOT_FOUND' }],
  ])('%s', (_name, failure, expected) => {
    expect(afterSendFailure(failure)).toEqual(expected);
  });

  it('a request that never left is never unknown; every outcome is a transition the table allows from sending', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }), fc.constantFrom('NETWORK', 'TIMEOUT', 'LOGIN_FAILED', 'BAD_REQUEST', 'X'), fc.boolean(), (httpStatus, code, neverLeft) => {
        const outcome = afterSendFailure({ httpStatus, code, neverLeft });
        expect(canTransition('sending', outcome.to)).toBe(true);
        if (neverLeft && httpStatus !== 409) expect(outcome.to).toBe('failed');
      }),
    );
  });
});

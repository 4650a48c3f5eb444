/** MoMo's failure answers in every shape -> one MomoError with a code. */
import { describe, expect, it } from 'vitest';
import { MomoError, errorFromResponse, isSubscriptionKeyRefusal } from '../../../electron/core/momo';

describe('errorFromResponse', () => {
  it("reads MoMo's {code, message}", () => {
    const error = errorFromResponse(409, '{"code":"RESOURCE_ALREADY_EXIST","message":"Duplicated reference id. Creation of resource failed."}', { operation: 'requestToPay', referenceId: 'r-1' });
    expect(error).toBeInstanceOf(MomoError);
    expect(error).toMatchObject({ name: 'MomoError', code: 'RESOURCE_ALREADY_EXIST', httpStatus: 409, retryable: false, operation: 'requestToPay', referenceId: 'r-1', message: 'Duplicated reference id. Creation of resource failed.' });
  });

  it("matches seed 003's 'TRANSACTION_CANCELED.' without the dot", () => {
    expect(errorFromResponse(400, '{"code":"TRANSACTION_CANCELED.","message":"string"}').code).toBe('TRANSACTION_CANCELED');
  });

  it("reads the gateway's {statusCode, message}: a refused key, or a refused token", () => {
    const key = '{"statusCode":401,"message":"Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."}';
    expect(errorFromResponse(401, key)).toMatchObject({ code: 'INVALID_SUBSCRIPTION_KEY', httpStatus: 401, retryable: false });
    expect(isSubscriptionKeyRefusal(401, key)).toBe(true);
    const token = '{"statusCode":401,"message":"Unauthorized. Access token is missing or invalid."}';
    expect(errorFromResponse(401, token)).toMatchObject({ code: 'UNAUTHORIZED', message: 'Unauthorized. Access token is missing or invalid.' });
    expect(isSubscriptionKeyRefusal(401, token)).toBe(false);
    expect(isSubscriptionKeyRefusal(403, key)).toBe(false);
    expect(errorFromResponse(429, '{"statusCode":429,"message":"Rate limit is exceeded."}')).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryable: true });
  });

  it("reads the token endpoint's {error: 'login_failed'} (sent with HTTP 500) as a final LOGIN_FAILED", () => {
    expect(errorFromResponse(500, '{"error":"login_failed"}', { operation: 'token' })).toMatchObject({ code: 'LOGIN_FAILED', httpStatus: 500, retryable: false, operation: 'token' });
  });

  it('reads a reason in either shape', () => {
    expect(errorFromResponse(400, '{"reason":"PAYER_NOT_FOUND"}').code).toBe('PAYER_NOT_FOUND');
    expect(errorFromResponse(400, '{"reason":{"code":"NOT_ALLOWED","message":"Not allowed."}}')).toMatchObject({ code: 'NOT_ALLOWED', message: 'Not allowed.' });
  });

  it('falls back on the HTTP status for bodies it cannot read', () => {
    expect(errorFromResponse(500, '')).toMatchObject({ code: 'INTERNAL_PROCESSING_ERROR', httpStatus: 500, retryable: true });
    expect(errorFromResponse(503, '<html>Service Unavailable</html>')).toMatchObject({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503, retryable: true });
    expect(errorFromResponse(502, 'Bad gateway').code).toBe('SERVICE_UNAVAILABLE');
    expect(errorFromResponse(404, '').code).toBe('RESOURCE_NOT_FOUND');
    expect(errorFromResponse(400, '[]').code).toBe('BAD_REQUEST');
    expect(errorFromResponse(418, '').code).toBe('HTTP_418');
    expect(errorFromResponse(500, '').message).toMatch(/HTTP 500/);
  });
});

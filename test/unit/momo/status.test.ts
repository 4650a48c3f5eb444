/** Status answers -> PENDING | SUCCESSFUL | FAILED with one reason shape; seed bodies included. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseTransactionStatus } from '../../../electron/core/momo';
import { disbursementStatusFrom, parseStatusBody, paymentStatusFrom, requestToPayStatusFrom } from '../../../electron/core/momo/status';

const context = { operation: 'getRequestToPayStatus', referenceId: '68d9495b-6050-468e-b03c-419e9c9bbcfe' };
const fixture = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, '../../fixtures/momo', `${name}.json`), 'utf8')) as { response: { body: Record<string, unknown> }; normalised: Record<string, unknown> };

describe('seed bodies', () => {
  it('seed 000: production FAILED with the reason as a plain string', () => {
    const seed = fixture('seed-000-request-to-pay-status');
    const status = requestToPayStatusFrom(seed.response.body, context);
    expect(status).toMatchObject(seed.normalised);
    expect(status).toMatchObject({ amount: '1000', currency: 'RWF', externalId: 'IMIS_8F40A540', payer: { partyIdType: 'MSISDN', partyId: '250796014801' }, payerMessage: 'IMIS Contact Unlock Payment' });
    expect(status.reason).toEqual({ code: 'INTERNAL_PROCESSING_ERROR' });
    expect(status.financialTransactionId).toBeUndefined();
    expect(status.raw).toBe(seed.response.body);
  });

  it('seed 001: SUCCESSFUL with reason {} means no reason', () => {
    const seed = fixture('seed-001-request-to-pay-status');
    const status = requestToPayStatusFrom(seed.response.body, context);
    expect(status).toMatchObject(seed.normalised);
    expect(status.reason).toBeUndefined();
  });
});

describe('status words (docs/momo.md)', () => {
  const cases: Array<[unknown, unknown, { status: string; reason?: unknown }]> = [
    ['PENDING', undefined, { status: 'PENDING' }],
    ['ONGOING', undefined, { status: 'PENDING' }],
    ['SUCCESSFUL', {}, { status: 'SUCCESSFUL' }],
    ['FAILED', 'APPROVAL_REJECTED', { status: 'FAILED', reason: { code: 'APPROVAL_REJECTED' } }],
    ['FAILED', { code: 'EXPIRED', message: 'Expired.' }, { status: 'FAILED', reason: { code: 'EXPIRED', message: 'Expired.' } }],
    ['FAILED', undefined, { status: 'FAILED' }],
    ['REJECTED', undefined, { status: 'FAILED', reason: { code: 'REJECTED' } }],
    ['TIMEOUT', undefined, { status: 'FAILED', reason: { code: 'TIMEOUT' } }],
    ['EXPIRED', undefined, { status: 'FAILED', reason: { code: 'EXPIRED' } }],
    ['REJECTED', 'APPROVAL_REJECTED', { status: 'FAILED', reason: { code: 'APPROVAL_REJECTED' } }],
    ['failed', 'transaction_canceled.', { status: 'FAILED', reason: { code: 'TRANSACTION_CANCELED' } }],
  ];
  for (const [word, reason, expected] of cases) {
    it(`${String(word)} + ${JSON.stringify(reason)} -> ${expected.status}`, () => {
      const status = normaliseTransactionStatus({ status: word, ...(reason !== undefined ? { reason } : {}) }, context);
      expect(status.status).toBe(expected.status);
      expect(status.reason).toEqual(expected.reason);
    });
  }

  it('anything else is BAD_RESPONSE', () => {
    for (const raw of [{ status: 'CREATED' }, { status: 3 }, {}]) {
      expect(() => normaliseTransactionStatus(raw as Record<string, unknown>, context)).toThrow(expect.objectContaining({ name: 'MomoError', code: 'BAD_RESPONSE', operation: 'getRequestToPayStatus' }));
    }
    for (const text of ['{"status":"SUCC', '[]', 'null', '']) {
      expect(() => parseStatusBody(text, context)).toThrow(expect.objectContaining({ code: 'BAD_RESPONSE', httpStatus: 200 }));
    }
  });

  it('a numeric financialTransactionId becomes a string; missing echoes become empty strings', () => {
    const status = requestToPayStatusFrom({ status: 'SUCCESSFUL', financialTransactionId: 23503452 }, context);
    expect(status).toMatchObject({ financialTransactionId: '23503452', amount: '', currency: '', externalId: '', payer: { partyIdType: 'MSISDN', partyId: '' } });
  });

  it('disbursement and v2 payment answers', () => {
    expect(disbursementStatusFrom({ amount: '100', currency: 'EUR', externalId: 'P', payee: { partyIdType: 'MSISDN', partyId: '46733123455' }, status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' }, context)).toMatchObject({
      status: 'FAILED',
      reason: { code: 'NOT_ENOUGH_FUNDS' },
      payee: { partyId: '46733123455' },
    });
    expect(disbursementStatusFrom({ amount: '100', currency: 'EUR', externalId: 'R', status: 'SUCCESSFUL' }, context).payee).toBeUndefined();
    expect(paymentStatusFrom({ referenceId: 'abc', status: 'SUCCESSFUL', financialTransactionId: '1' }, context)).toMatchObject({ referenceId: 'abc', status: 'SUCCESSFUL', financialTransactionId: '1' });
  });
});

/** The support transcript stays short: the summary first, the last steps whole, the earlier ones a line each; in training it is not for MTN. */
import { describe, expect, it } from 'vitest';
import { renderTranscript, TRANSCRIPT_FULL_STEPS } from '../../../electron/core/payments/transcript';
import type { Payment, Sale } from '../../../electron/core/ledger';
import type { MomoExchange } from '../../../electron/core/momo';

const payment = {
  id: 'p1', saleId: 's1', referenceId: '7c1f1f0e-1111-4222-8333-444455556666', externalId: 'POS1-000001', attempt: 1, status: 'timed_out',
  amountMinor: 1000, currency: 'RWF', msisdn: '250788123456', createdAt: '2025-03-10T10:00:00.000Z', updatedAt: '2025-03-10T10:05:00.000Z', checks: 12,
} as Payment;
const sale = { id: 's1', receiptNumber: 'POS1-000001' } as Sale;
const exchange = (operation: string, status: number, second: number): MomoExchange => ({
  at: `2025-03-10T10:00:${String(second).padStart(2, '0')}.000Z`,
  product: 'collection',
  operation,
  request: { method: operation === 'getRequestToPayStatus' ? 'GET' : 'POST', url: `https://example.test/${operation}`, headers: { 'X-Reference-Id': payment.referenceId }, body: operation === 'requestToPay' ? '{"payer":{"partyId":"250788123456"}}' : undefined },
  response: { status, headers: {}, body: operation === 'getRequestToPayStatus' ? '{"status":"PENDING"}' : '' },
  durationMs: 80,
}) as MomoExchange;
const exchanges = [exchange('token', 200, 0), exchange('requestToPay', 202, 1), ...Array.from({ length: 12 }, (_, i) => exchange('getRequestToPayStatus', 200, 2 + i))];

describe('the support transcript', () => {
  const text = renderTranscript({ payment, sale, exchanges, merchantName: 'Shop', generatedAt: '2025-03-10T10:06:00.000Z' });

  it('starts with the summary', () => {
    expect(text.indexOf('SUMMARY FOR MTN')).toBeLessThan(text.indexOf('STEP 1'));
  });

  it('shows the first request and the last exchanges whole and folds the identical checks between into one line', () => {
    expect((text.match(/^REQUEST:$/gm) ?? []).length).toBe(1 + TRANSCRIPT_FULL_STEPS);
    expect(text).toMatch(/^STEP 1: GET ACCESS TOKEN - POST \/token -> 200 \(10:00:00, 80 ms\)$/m);
    expect(text).toContain('STEP 2: REQUEST TO PAY\n');
    expect(text).toContain('STEPS 3–11: 9 status checks, all 200 PENDING, 10:00:02 → 10:00:10');
    expect(text).toContain('STEP 14: CHECK PAYMENT STATUS');
    expect(text).not.toContain('250788123456');
    expect(text.split('\n').length).toBeLessThan(120);
  });

  it('asks to be sent to MTN only when MTN answered: in training it says there is nothing to send', () => {
    expect(text).toContain('SHARE THIS ENTIRE OUTPUT WITH MTN');
    const training = renderTranscript({ payment, sale, exchanges, merchantName: 'Shop', generatedAt: '2025-03-10T10:06:00.000Z', training: true });
    expect(training).not.toContain('SHARE THIS ENTIRE OUTPUT WITH MTN');
    expect(training).toContain('TRAINING - NOTHING TO SEND: MTN DID NOT SEE THIS PAYMENT');
  });
});

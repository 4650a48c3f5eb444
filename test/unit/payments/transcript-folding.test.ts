/**
 * The support transcript stays short whatever the wait: identical exchanges
 * in a row fold into one line, every exchange that differs keeps its own,
 * the first request and the last three stay whole, and no transcript passes
 * TRANSCRIPT_MAX_CHARS, even when the answers never stop changing.
 */
import { describe, expect, it } from 'vitest';
import { renderTranscript, TRANSCRIPT_FULL_STEPS, TRANSCRIPT_MAX_CHARS } from '../../../electron/core/payments/transcript';
import type { Payment, Sale } from '../../../electron/core/ledger';
import type { MomoExchange } from '../../../electron/core/momo';

const reference = '7c1f1f0e-1111-4222-8333-444455556666';
const payment = {
  id: 'p1', saleId: 's1', referenceId: reference, externalId: 'POS1-000001', attempt: 1, status: 'timed_out',
  amountMinor: 1000, currency: 'RWF', msisdn: '250788123456', createdAt: '2025-03-10T10:00:00.000Z', updatedAt: '2025-03-10T10:10:00.000Z', checks: 500,
} as Payment;
const sale = { id: 's1', receiptNumber: 'POS1-000001' } as Sale;
const base = 'https://proxy.momoapi.mtn.co.rw/collection';
const at = (second: number) => new Date(Date.parse('2025-03-10T10:00:00.000Z') + second * 1000).toISOString();
const statusCheck = (second: number, status = 'PENDING', http = 200): MomoExchange => ({
  at: at(second), product: 'collection', operation: 'getRequestToPayStatus',
  request: { method: 'GET', url: `${base}/v1_0/requesttopay/${reference}`, headers: { 'X-Target-Environment': 'mtnrwanda', Authorization: 'Bearer <jwt-redacted>' } },
  response: http === 404 ? { status: 404, headers: {}, body: '{"code":"RESOURCE_NOT_FOUND"}' } : { status: http, headers: { 'Content-Type': 'application/json', Date: `t${second}` }, body: `{"payer":{"partyIdType":"MSISDN","partyId":"250788123456"},"status":"${status}"}` },
  durationMs: 90,
});
const lost = (second: number): MomoExchange => ({ ...statusCheck(second), response: undefined, error: { code: 'TIMEOUT', message: 'MoMo did not answer in time.' } });
const token = (second: number): MomoExchange => ({ at: at(second), product: 'collection', operation: 'token', request: { method: 'POST', url: `${base}/token/`, headers: { Authorization: 'Basic <base64(apiUser:apiKey)-redacted>' } }, response: { status: 200, headers: {}, body: '{"access_token":"<jwt-redacted>"}' }, durationMs: 120 });
const requestToPay = (second: number): MomoExchange => ({
  at: at(second), product: 'collection', operation: 'requestToPay',
  request: { method: 'POST', url: `${base}/v1_0/requesttopay`, headers: { 'X-Reference-Id': reference }, body: '{"amount":"1000","payer":{"partyIdType":"MSISDN","partyId":"250788123456"}}' },
  response: { status: 202, headers: {}, body: '' },
  durationMs: 300,
});
const render = (exchanges: MomoExchange[], language: 'en' | 'fr' | 'rw' = 'en') =>
  renderTranscript({ payment, sale, exchanges, merchantName: 'Shop', generatedAt: '2025-03-10T10:10:00.000Z', language });

describe('the folded support transcript', () => {
  // Token, request, 56 PENDING checks, a check lost to a time-out, a 404, a new token, 40 more PENDING, then the final three.
  const exchanges = [
    token(0), requestToPay(1),
    ...Array.from({ length: 56 }, (_, i) => statusCheck(3 + i)),
    lost(60), statusCheck(62, '', 404), token(63),
    ...Array.from({ length: 40 }, (_, i) => statusCheck(64 + i * 10)),
    statusCheck(500), statusCheck(560), statusCheck(600),
  ];
  const text = render(exchanges);

  it('folds identical checks into one line with count, first and last time and the answer', () => {
    expect(text).toContain('STEPS 3–58: 56 status checks, all 200 PENDING, 10:00:03 → 10:00:58');
    expect(text).toContain('STEPS 62–101: 40 status checks, all 200 PENDING, 10:01:04 → 10:07:34');
  });

  it('keeps a line for every exchange that differs: a time-out, a 404, a new token', () => {
    expect(text).toContain('STEP 59: CHECK PAYMENT STATUS - GET /collection/v1_0/requesttopay/{ref} -> no answer (TIMEOUT) (10:01:00, 90 ms)');
    expect(text).toContain('STEP 60: CHECK PAYMENT STATUS - GET /collection/v1_0/requesttopay/{ref} -> 404 (10:01:02, 90 ms)');
    expect(text).toContain('STEP 61: GET ACCESS TOKEN - POST /collection/token/ -> 200 (10:01:03, 120 ms)');
  });

  it('shows the first request and the last three exchanges whole, the summary first', () => {
    expect(text.indexOf('SUMMARY FOR MTN')).toBeLessThan(text.indexOf('STEP 1'));
    expect(text).toContain('STEP 2: REQUEST TO PAY\n');
    for (const step of [102, 103, 104]) expect(text).toContain(`STEP ${step}: CHECK PAYMENT STATUS\n`);
    expect((text.match(/^REQUEST:$/gm) ?? []).length).toBe(1 + TRANSCRIPT_FULL_STEPS);
    expect((text.match(/^Status Code: 200$/gm) ?? []).length).toBe(TRANSCRIPT_FULL_STEPS);
    expect(text).toContain(`"partyId": "2507******56"`);
    expect(text).not.toContain('250788123456');
    expect(text.length).toBeLessThanOrEqual(TRANSCRIPT_MAX_CHARS);
  });

  it('says the words around MTN’s texts in French and Kinyarwanda, MTN’s own words untouched', () => {
    const fr = render(exchanges, 'fr');
    expect(fr).toContain('STEPS 3–58: 56 vérifications du statut, toutes 200 PENDING, 10:00:03 → 10:00:58');
    expect(fr).toContain('Le téléphone a-t-il reçu la demande ?');
    const rw = render(exchanges, 'rw');
    expect(rw).toContain('STEPS 3–58: Igenzura 56 ry’ubwishyu, byose 200 PENDING');
    for (const other of [fr, rw]) {
      expect(other).toContain('SUMMARY FOR MTN');
      expect(other).toContain('"status": "PENDING"');
      expect(other.length).toBeLessThanOrEqual(TRANSCRIPT_MAX_CHARS);
    }
  });

  it('stays within the limit when the answers never stop changing, keeping the earliest and latest lines', () => {
    // A flaky line for an hour: every other check lost.
    const flaky = [token(0), requestToPay(1), ...Array.from({ length: 1_000 }, (_, i) => (i % 2 ? lost(3 + i * 3) : statusCheck(3 + i * 3)))];
    const bounded = render(flaky);
    expect(bounded.length).toBeLessThanOrEqual(TRANSCRIPT_MAX_CHARS);
    expect(bounded).toMatch(/^STEP 3: CHECK PAYMENT STATUS - GET \S+ -> 200 PENDING /m);
    expect(bounded).toMatch(/^STEP 999: CHECK PAYMENT STATUS - GET \S+ -> 200 PENDING /m);
    expect(bounded).toMatch(/^STEPS \d+–\d+: \d+ exchanges with changing answers, /m);
    for (const step of [1000, 1001, 1002]) expect(bounded).toContain(`STEP ${step}: CHECK PAYMENT STATUS\n`);
  });

  it('keeps a short transcript (seed 000: token, request, one FAILED answer) whole, step by step', () => {
    const short = render([token(0), requestToPay(1), statusCheck(7, 'FAILED')]);
    expect((short.match(/^REQUEST:$/gm) ?? []).length).toBe(3);
    expect(short).not.toMatch(/^STEPS /m);
  });
});

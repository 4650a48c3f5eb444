/** Request bodies keep MoMo's names and order; mistakes are caught before sending. */
import { describe, expect, it } from 'vitest';
import { deliveryNotificationBody, isHeaderSafe, normaliseBaseUrl, paymentBody, refundBody, requestToPayBody, transferBody } from '../../../electron/core/momo/requests';

const referenceId = '68d9495b-6050-468e-b03c-419e9c9bbcfe';

describe('bodies', () => {
  it("request to pay: seed 000's fields in seed 000's order; no referenceId or callbackUrl in the body", () => {
    const body = requestToPayBody({
      referenceId,
      amount: '1000',
      currency: 'RWF',
      externalId: 'IMIS_8F40A540',
      payer: { partyIdType: 'MSISDN', partyId: '250796014801' },
      payerMessage: 'IMIS Contact Unlock Payment',
      payeeNote: 'Payment for contact information',
      callbackUrl: 'https://shop.example.rw/cb',
    });
    expect(JSON.stringify(body)).toBe(
      '{"amount":"1000","currency":"RWF","externalId":"IMIS_8F40A540","payer":{"partyIdType":"MSISDN","partyId":"250796014801"},"payerMessage":"IMIS Contact Unlock Payment","payeeNote":"Payment for contact information"}',
    );
  });

  it('notes are never missing or empty (production answers 500): the externalId stands in', () => {
    const body = requestToPayBody({ referenceId, amount: '12.50', currency: 'GHS', externalId: 'R-000007', payer: { partyIdType: 'MSISDN', partyId: '233241234567' }, payeeNote: ' ' });
    expect(body).toMatchObject({ payerMessage: 'R-000007', payeeNote: 'R-000007' });
  });

  it("notes leave cleaned, whoever built them: no &, no apostrophe, at most 160 (shared/momo-text)", () => {
    const body = { referenceId, amount: '1', currency: 'EUR', externalId: 'R-1', payerMessage: "Jean & Fils' Boutique", payeeNote: 'x'.repeat(300) };
    for (const built of [requestToPayBody({ ...body, payer: { partyIdType: 'MSISDN', partyId: '46733123450' } }), transferBody({ ...body, payee: { partyIdType: 'MSISDN', partyId: '46733123450' } }), refundBody({ ...body, referenceIdToRefund: referenceId })]) {
      expect(built).toMatchObject({ payerMessage: 'Jean and Fils Boutique', payeeNote: 'x'.repeat(160) });
    }
    expect(paymentBody({ referenceId, externalTransactionId: 'T', money: { amount: '50', currency: 'EUR' }, customerReference: '1', serviceProviderUserName: 'E', senderNote: "Marie's & co" })).toMatchObject({ senderNote: 'Maries and co' });
    expect(deliveryNotificationBody({ notificationMessage: "Merci d'avoir payé & à bientôt !" })).toEqual({ notificationMessage: 'Merci davoir payé and à bientôt' });
  });

  it('transfer, refund and v2 payment', () => {
    expect(Object.keys(transferBody({ referenceId, amount: '1', currency: 'EUR', externalId: 'x', payee: { partyIdType: 'MSISDN', partyId: '46733123450' }, payerMessage: 'm', payeeNote: 'n' }))).toEqual(['amount', 'currency', 'externalId', 'payee', 'payerMessage', 'payeeNote']);
    expect(refundBody({ referenceId, amount: '1', currency: 'EUR', externalId: 'x', referenceIdToRefund: referenceId })).toEqual({ amount: '1', currency: 'EUR', externalId: 'x', payerMessage: 'x', payeeNote: 'x', referenceIdToRefund: referenceId });
    expect(paymentBody({ referenceId, externalTransactionId: 'T', money: { amount: '50', currency: 'EUR' }, customerReference: '661551442', serviceProviderUserName: 'Electricity Inc.', includeSenderCharges: false })).toEqual({
      externalTransactionId: 'T',
      money: { amount: '50', currency: 'EUR' },
      customerReference: '661551442',
      serviceProviderUserName: 'Electricity Inc.',
      includeSenderCharges: false,
    });
    expect(deliveryNotificationBody({ notificationMessage: 'Thanks' })).toEqual({ notificationMessage: 'Thanks' });
  });
});

describe('checks before sending', () => {
  const base = { referenceId, amount: '1000', currency: 'RWF', externalId: 'x', payer: { partyIdType: 'MSISDN' as const, partyId: '250788123456' } };
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a reference that is not a UUID', { referenceId: 'SALE-1' }, 'referenceId'],
    ['a float amount', { amount: 1000 }, 'amount'],
    ['an amount with a comma', { amount: '1,000' }, 'amount'],
    ['a zero amount', { amount: '0.00' }, 'amount'],
    ['a negative amount', { amount: '-5' }, 'amount'],
    ['a lower-case currency', { currency: 'rwf' }, 'currency'],
    ['no externalId', { externalId: ' ' }, 'externalId'],
    ['a phone number with +', { payer: { partyIdType: 'MSISDN', partyId: '+250788123456' } }, 'payer.partyId'],
    ['an unknown party type', { payer: { partyIdType: 'PHONE', partyId: '250788123456' } }, 'payer.partyIdType'],
    ['a relative callback URL', { callbackUrl: '/callback' }, 'callbackUrl'],
  ];
  for (const [what, change, field] of cases) {
    it(`refuses ${what} (field ${field})`, () => {
      expect(() => requestToPayBody({ ...base, ...change } as Parameters<typeof requestToPayBody>[0])).toThrow(expect.objectContaining({ name: 'ValidationError', field }));
    });
  }
  it('refuses a notification over 160 characters', () => {
    expect(() => deliveryNotificationBody({ notificationMessage: 'x'.repeat(161) })).toThrow(expect.objectContaining({ field: 'notificationMessage' }));
  });
  it('sends a notification header only when it is Latin-1', () => {
    expect(isHeaderSafe('Merci, à bientôt')).toBe(true);
    expect(isHeaderSafe('Thanks 🙏')).toBe(false);
  });
});

describe('base URL', () => {
  it('keeps a path prefix, drops a trailing slash, refuses the rest', () => {
    expect(normaliseBaseUrl('https://proxy.momoapi.mtn.co.rw')).toBe('https://proxy.momoapi.mtn.co.rw');
    expect(normaliseBaseUrl('https://gateway.example.com/momo/api/')).toBe('https://gateway.example.com/momo/api');
    expect(() => normaliseBaseUrl('proxy.momoapi.mtn.com')).toThrow(expect.objectContaining({ field: 'baseUrl' }));
    expect(() => normaliseBaseUrl('ftp://proxy.momoapi.mtn.com')).toThrow(expect.objectContaining({ field: 'baseUrl' }));
    expect(() => normaliseBaseUrl('https://proxy.momoapi.mtn.com/?x=1')).toThrow(expect.objectContaining({ field: 'baseUrl' }));
  });
});

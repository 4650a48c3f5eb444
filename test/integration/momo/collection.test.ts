/**
 * Collection over real HTTP to the simulator: request to pay and its status
 * for every sandbox number of docs/momo.md, both reason shapes, 404 and 409,
 * payer checks, balance, delivery notification and v2 payments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, failure, requestToPayInput, startRig, uuid, type Rig } from './rig';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(() => rig.close());

// docs/momo.md "Sandbox behaviour", row by row; "approval" outcomes need the approval delay to pass.
const TABLE = [
  { msisdn: '46733123450', status: 'FAILED', reason: 'INTERNAL_PROCESSING_ERROR', waits: false },
  { msisdn: '46733123451', status: 'FAILED', reason: 'APPROVAL_REJECTED', waits: true },
  { msisdn: '46733123452', status: 'FAILED', reason: 'EXPIRED', waits: true },
  { msisdn: '46733123455', status: 'FAILED', reason: 'PAYER_NOT_FOUND', waits: false },
  { msisdn: '46733123456', status: 'FAILED', reason: 'PAYEE_NOT_ALLOWED_TO_RECEIVE', waits: false },
  { msisdn: '46733123457', status: 'FAILED', reason: 'NOT_ALLOWED', waits: false },
  { msisdn: '46733123460', status: 'FAILED', reason: 'INVALID_CURRENCY', waits: false },
  { msisdn: '250788123456', status: 'SUCCESSFUL', reason: undefined, waits: true },
] as const;

describe('request to pay, every sandbox number', () => {
  for (const row of TABLE) {
    it(`${row.msisdn} ends ${row.status}${row.reason ? ` with ${row.reason}` : ''}`, async () => {
      const input = requestToPayInput(row.msisdn);
      await expect(rig.momo.collection.requestToPay(input)).resolves.toEqual({ referenceId: input.referenceId });
      const first = await rig.momo.collection.getRequestToPayStatus(input.referenceId);
      if (row.waits) {
        expect(first.status).toBe('PENDING');
        expect(first.reason).toBeUndefined();
        rig.clock.advance(5_000);
      }
      const final = await rig.momo.collection.getRequestToPayStatus(input.referenceId);
      expect(final.status).toBe(row.status);
      expect(final.reason).toEqual(row.reason ? { code: row.reason } : undefined);
      expect(final.amount).toBe('1000');
      expect(final.currency).toBe('RWF');
      expect(final.externalId).toBe(input.externalId);
      expect(final.payer).toEqual({ partyIdType: 'MSISDN', partyId: row.msisdn });
      expect(final.payerMessage).toBe('Kigali Corner Shop');
      if (row.status === 'SUCCESSFUL') expect(final.financialTransactionId).toMatch(/^\d+$/);
      else expect(final.financialTransactionId).toBeUndefined();
      // Production sends the reason as a plain string (MTN's production exchange, docs/momo.md).
      expect(typeof final.raw.reason === 'string' || final.raw.reason === undefined).toBe(true);
    });
  }

  it('46733123453 stays PENDING for ever', async () => {
    const input = requestToPayInput('46733123453');
    await rig.momo.collection.requestToPay(input);
    rig.clock.advance(24 * 3600_000);
    // The token expired meanwhile: the client refreshes it without being asked.
    const status = await rig.momo.collection.getRequestToPayStatus(input.referenceId);
    expect(status.status).toBe('PENDING');
  });

  it('46733123454 stays PENDING for slowApprovalDelayMs, then SUCCESSFUL', async () => {
    const input = requestToPayInput('46733123454');
    await rig.momo.collection.requestToPay(input);
    rig.clock.advance(29_999);
    expect((await rig.momo.collection.getRequestToPayStatus(input.referenceId)).status).toBe('PENDING');
    rig.clock.advance(1);
    const status = await rig.momo.collection.getRequestToPayStatus(input.referenceId);
    expect(status.status).toBe('SUCCESSFUL');
    expect(status.financialTransactionId).toBeDefined();
  });
});

describe('reason in the API specification shape {code, message}', () => {
  it('is normalised to the same {code, message}', async () => {
    const spec = await startRig({ sim: { reasonShape: 'object', approvalDelayMs: 0 } });
    try {
      const declined = requestToPayInput('46733123451');
      await spec.momo.collection.requestToPay(declined);
      const status = await spec.momo.collection.getRequestToPayStatus(declined.referenceId);
      expect(status.raw.reason).toEqual({ code: 'APPROVAL_REJECTED', message: expect.any(String) });
      expect(status.status).toBe('FAILED');
      expect(status.reason).toEqual({ code: 'APPROVAL_REJECTED', message: expect.any(String) });

      const paid = requestToPayInput('250788000111');
      await spec.momo.collection.requestToPay(paid);
      const success = await spec.momo.collection.getRequestToPayStatus(paid.referenceId);
      expect(success.raw.reason).toEqual({}); // "An empty object {} on success means no reason"
      expect(success.status).toBe('SUCCESSFUL');
      expect(success.reason).toBeUndefined();
    } finally {
      await spec.close();
    }
  });
});

describe('references', () => {
  it('an unknown reference is MomoError RESOURCE_NOT_FOUND, 404', async () => {
    const error = await failure(rig.momo.collection.getRequestToPayStatus(uuid()));
    expect(error).toMatchObject({ name: 'MomoError', code: 'RESOURCE_NOT_FOUND', httpStatus: 404 });
  });

  it('a reused reference is refused with 409 RESOURCE_ALREADY_EXIST, and both POSTs are counted', async () => {
    const input = requestToPayInput('250788123400');
    await rig.momo.collection.requestToPay(input);
    const error = await failure(rig.momo.collection.requestToPay({ ...input, amount: '2000' }));
    expect(error).toMatchObject({ name: 'MomoError', code: 'RESOURCE_ALREADY_EXIST', httpStatus: 409, operation: 'requestToPay', referenceId: input.referenceId });
    expect(rig.sim.requestToPayCount(input.referenceId)).toBe(2);
    // The first request stands.
    expect((await rig.momo.collection.getRequestToPayStatus(input.referenceId)).amount).toBe('1000');
    expect(rig.sim.requestsToPay().filter((seen) => seen.referenceId === input.referenceId)).toHaveLength(1);
  });

  it('a refused currency is a definite 400 INVALID_CURRENCY, nothing recorded', async () => {
    const eurOnly = await startRig({ sim: { currencies: ['EUR'] } });
    try {
      const input = requestToPayInput('250788123401');
      const error = await failure(eurOnly.momo.collection.requestToPay(input));
      expect(error).toMatchObject({ code: 'INVALID_CURRENCY', httpStatus: 400, retryable: false });
      expect((await failure(eurOnly.momo.collection.getRequestToPayStatus(input.referenceId))).code).toBe('RESOURCE_NOT_FOUND');
      await expect(eurOnly.momo.collection.requestToPay({ ...input, referenceId: uuid(), currency: 'EUR', amount: '12.50' })).resolves.toBeDefined();
    } finally {
      await eurOnly.close();
    }
  });

  it('decide() fixes an outcome, and a per-number outcome overrides the table', async () => {
    const custom = await startRig({ sim: { outcomes: { '250788999000': { status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS', afterMs: 1_000 } } } });
    try {
      const overridden = requestToPayInput('250788999000');
      await custom.momo.collection.requestToPay(overridden);
      expect((await custom.momo.collection.getRequestToPayStatus(overridden.referenceId)).status).toBe('PENDING');
      custom.clock.advance(1_000);
      expect((await custom.momo.collection.getRequestToPayStatus(overridden.referenceId)).reason).toEqual({ code: 'NOT_ENOUGH_FUNDS' });

      const forever = requestToPayInput('46733123453');
      await custom.momo.collection.requestToPay(forever);
      custom.sim.decide(forever.referenceId, { status: 'FAILED', reason: 'TRANSACTION_CANCELED' });
      expect(await custom.momo.collection.getRequestToPayStatus(forever.referenceId)).toMatchObject({ status: 'FAILED', reason: { code: 'TRANSACTION_CANCELED' } });
    } finally {
      await custom.close();
    }
  });
});

describe('a base URL with a path prefix', () => {
  it('keeps the prefix on every call, the callback URL travels as X-Callback-Url', async () => {
    const prefixed = await startRig({ sim: { basePath: '/proxy/momo', users: [{ apiUser: KEYS.apiUser, apiKey: KEYS.apiKey, providerCallbackHost: 'shop.example.rw' }] } });
    try {
      expect(prefixed.sim.url).toMatch(/\/proxy\/momo$/);
      const momo = prefixed.client({ baseUrl: `${prefixed.sim.url}/` });
      const input = requestToPayInput('250788123402', { callbackUrl: 'https://shop.example.rw/momo/callback' });
      await momo.collection.requestToPay(input);
      expect((await momo.collection.getRequestToPayStatus(input.referenceId)).status).toBe('PENDING');
      const sent = prefixed.exchanges.find((exchange) => exchange.operation === 'requestToPay');
      expect(sent?.request.url).toBe(`${prefixed.sim.url}/collection/v1_0/requesttopay`);
      expect(sent?.request.headers['X-Callback-Url']).toBe('https://shop.example.rw/momo/callback');
      const wrongHost = await failure(momo.collection.requestToPay({ ...input, referenceId: uuid(), callbackUrl: 'https://elsewhere.example/cb' }));
      expect(wrongHost).toMatchObject({ code: 'INVALID_CALLBACK_URL_HOST', httpStatus: 400 });
    } finally {
      await prefixed.close();
    }
  });
});

describe('payer checks and balance', () => {
  it('account active: true for a normal number, false for 46733123450 (docs/momo.md)', async () => {
    await expect(rig.momo.collection.isAccountHolderActive('250788123456')).resolves.toBe(true);
    await expect(rig.momo.collection.isAccountHolderActive('46733123450')).resolves.toBe(false);
  });

  it('basic user info gives the name; a refusal (4xx) is "name unavailable"', async () => {
    const info = await rig.momo.collection.getBasicUserInfo('250788123456');
    expect(info).toMatchObject({ given_name: 'Sand', family_name: 'Box' });
    await expect(rig.momo.collection.getBasicUserInfo('46733123450')).resolves.toBeUndefined();
  });

  it('balance is MoMo decimal strings', async () => {
    const balanced = await startRig({ sim: { balances: { collection: { availableBalance: '152300', currency: 'RWF' } } } });
    try {
      await expect(balanced.momo.collection.getAccountBalance()).resolves.toEqual({ availableBalance: '152300', currency: 'RWF' });
    } finally {
      await balanced.close();
    }
  });
});

describe('delivery notification', () => {
  it('is accepted after success, refused before, and needs a known reference', async () => {
    const input = requestToPayInput('250788123403');
    await rig.momo.collection.requestToPay(input);
    const early = await failure(rig.momo.collection.requestToPayDeliveryNotification(input.referenceId, { notificationMessage: 'Thank you!' }));
    expect(early).toMatchObject({ code: 'TRANSACTION_NOT_COMPLETED', httpStatus: 400 });
    rig.clock.advance(5_000);
    await expect(rig.momo.collection.requestToPayDeliveryNotification(input.referenceId, { notificationMessage: 'Murakoze! Receipt R-000123', language: 'en' })).resolves.toBeUndefined();
    const sent = rig.exchanges.filter((exchange) => exchange.operation === 'requestToPayDeliveryNotification').at(-1);
    // Cleaned on the way (shared/momo-text): the "!" is not in the set production accepts.
    expect(sent?.request.headers.notificationMessage).toBe('Murakoze Receipt R-000123');
    expect(JSON.parse(sent?.request.body ?? '{}')).toEqual({ notificationMessage: 'Murakoze Receipt R-000123' });
    expect((await failure(rig.momo.collection.requestToPayDeliveryNotification(uuid(), { notificationMessage: 'x' }))).code).toBe('RESOURCE_NOT_FOUND');
  });

  it('more than 160 characters is refused before sending', async () => {
    const error = await failure(rig.momo.collection.requestToPayDeliveryNotification(uuid(), { notificationMessage: 'x'.repeat(161) }));
    expect(error).toMatchObject({ name: 'ValidationError', field: 'notificationMessage' });
  });
});

describe('partner-gateway payment (v2)', () => {
  it('is accepted with 202 and its status follows the customer reference', async () => {
    const referenceId = uuid();
    await rig.momo.collection.createPayment({
      referenceId,
      externalTransactionId: 'TXN456',
      money: { amount: '5000', currency: 'RWF' },
      customerReference: '250788123404',
      serviceProviderUserName: 'ElectricityProvider',
      receiverMessage: 'Bill payment received',
      senderNote: 'Electricity bill',
    });
    expect(await rig.momo.collection.getPaymentStatus(referenceId)).toMatchObject({ status: 'PENDING', referenceId });
    rig.clock.advance(5_000);
    const done = await rig.momo.collection.getPaymentStatus(referenceId);
    expect(done).toMatchObject({ status: 'SUCCESSFUL', referenceId, financialTransactionId: expect.stringMatching(/^\d+$/) });

    const failed = uuid();
    await rig.momo.collection.createPayment({ referenceId: failed, externalTransactionId: 'TXN457', money: { amount: '50', currency: 'RWF' }, customerReference: '46733123455', serviceProviderUserName: 'Airtime' });
    expect(await rig.momo.collection.getPaymentStatus(failed)).toMatchObject({ status: 'FAILED', reason: { code: 'PAYER_NOT_FOUND' } });
    expect((await failure(rig.momo.collection.getPaymentStatus(uuid()))).code).toBe('RESOURCE_NOT_FOUND');
    expect((await failure(rig.momo.collection.createPayment({ referenceId, externalTransactionId: 'TXN456', money: { amount: '5000', currency: 'RWF' }, customerReference: '250788123404', serviceProviderUserName: 'ElectricityProvider' }))).code).toBe('RESOURCE_ALREADY_EXIST');
  });
});

describe('input mistakes are caught before anything is sent', () => {
  it('names the field', async () => {
    const before = rig.sim.stats().requests;
    expect(await failure(rig.momo.collection.requestToPay(requestToPayInput('250788123456', { referenceId: 'not-a-uuid' })))).toMatchObject({ field: 'referenceId' });
    expect(await failure(rig.momo.collection.requestToPay(requestToPayInput('250788123456', { amount: '10.5.0' })))).toMatchObject({ field: 'amount' });
    expect(await failure(rig.momo.collection.requestToPay(requestToPayInput('250788123456', { amount: '0' })))).toMatchObject({ field: 'amount' });
    expect(await failure(rig.momo.collection.requestToPay(requestToPayInput('+250 788', {})))).toMatchObject({ field: 'payer.partyId' });
    expect(await failure(rig.momo.collection.isAccountHolderActive('07881'))).toMatchObject({ field: 'msisdn' });
    expect(rig.sim.stats().requests).toBe(before);
  });
});

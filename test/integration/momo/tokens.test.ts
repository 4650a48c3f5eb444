/**
 * Tokens per product over real HTTP, on a controlled clock: cached until a
 * minute before expiry, one refresh for many concurrent callers, one
 * refresh-and-retry on 401, and the secondary subscription key.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MomoExchange } from '../../../electron/core/momo';
import { KEYS, failure, requestToPayInput, startRig, uuid, type Rig } from './rig';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('token cache', () => {
  it('reuses a token until a minute before expiry, then refreshes it', async () => {
    rig = await startRig({ sim: { tokenTtlSeconds: 3600 } });
    await rig.momo.collection.getAccountBalance();
    await rig.momo.collection.getAccountBalance();
    expect(rig.sim.tokenRequests('collection')).toBe(1);
    rig.clock.advance(3540_000 - 1);
    await rig.momo.collection.getAccountBalance();
    expect(rig.sim.tokenRequests('collection')).toBe(1);
    rig.clock.advance(1);
    await rig.momo.collection.getAccountBalance();
    expect(rig.sim.tokenRequests('collection')).toBe(2);
    // No 401 was needed: the refresh came before MoMo's expiry.
    expect(rig.exchanges.filter((exchange) => exchange.response?.status === 401)).toHaveLength(0);
  });

  it('keeps one token per product', async () => {
    rig = await startRig();
    await rig.momo.collection.getAccountBalance();
    await rig.momo.disbursement.getAccountBalance();
    await rig.momo.collection.getAccountBalance();
    await rig.momo.disbursement.getAccountBalance();
    expect(rig.sim.tokenRequests('collection')).toBe(1);
    expect(rig.sim.tokenRequests('disbursement')).toBe(1);
  });

  it('20 concurrent callers share one token request, cold and after expiry; each gets the token exchange in its own record', async () => {
    rig = await startRig({ sim: { tokenTtlSeconds: 600, approvalDelayMs: 0 } });
    const perCall: MomoExchange[][] = [];
    const burst = () =>
      Promise.all(
        Array.from({ length: 20 }, () => {
          const mine: MomoExchange[] = [];
          perCall.push(mine);
          return rig!.momo.collection.requestToPay(requestToPayInput('250788123456'), { onExchange: (exchange) => mine.push(exchange) });
        }),
      );
    await burst();
    expect(rig.sim.tokenRequests('collection')).toBe(1);
    expect(rig.sim.requestsToPay()).toHaveLength(20);
    for (const mine of perCall) expect(mine.map((exchange) => exchange.operation)).toEqual(['token', 'requestToPay']);

    rig.clock.advance(600_000);
    perCall.length = 0;
    await burst();
    expect(rig.sim.tokenRequests('collection')).toBe(2);
    for (const mine of perCall) expect(mine.map((exchange) => exchange.operation)).toEqual(['token', 'requestToPay']);
    // The client-wide recorder saw each token exchange once.
    expect(rig.exchanges.filter((exchange) => exchange.operation === 'token')).toHaveLength(2);
  });

  it('a failed refresh fails every waiting caller with the same error, and the next call tries again', async () => {
    rig = await startRig();
    rig.sim.injectFault({ operation: 'token', kind: 'http503' });
    const errors = await Promise.all(Array.from({ length: 5 }, () => failure(rig!.momo.collection.getAccountBalance())));
    expect(new Set(errors)).toHaveProperty('size', 1);
    expect(errors[0]).toMatchObject({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503, operation: 'token' });
    expect(rig.sim.tokenRequests('collection')).toBe(0); // the fault answered before the simulator processed it
    await expect(rig.momo.collection.getAccountBalance()).resolves.toBeDefined();
    expect(rig.sim.tokenRequests('collection')).toBe(1);
  });
});

describe('401 on a business call', () => {
  it('a token MoMo already considers expired: refresh once, retry once, succeed', async () => {
    // The simulator's clock runs ahead: its tokens die while the client still trusts them.
    const clientClock = { time: Date.UTC(2025, 11, 13, 9, 0, 0) };
    rig = await startRig({ sim: { tokenTtlSeconds: 3600 }, client: { now: () => clientClock.time } });
    rig.clock.advance(-1);
    await rig.momo.collection.getAccountBalance();
    rig.clock.advance(3600_000 + 1);
    const input = requestToPayInput('250788123456');
    const mine: MomoExchange[] = [];
    await rig.momo.collection.requestToPay(input, { onExchange: (exchange) => mine.push(exchange) });
    expect(mine.map((exchange) => [exchange.operation, exchange.response?.status])).toEqual([
      ['requestToPay', 401],
      ['token', 200],
      ['requestToPay', 202],
    ]);
    expect(rig.sim.requestToPayCount(input.referenceId)).toBe(1);
    expect(rig.sim.tokenRequests('collection')).toBe(2);
  });

  it('401 mid-flight (fault): refreshed once and retried once', async () => {
    rig = await startRig();
    await rig.momo.collection.getAccountBalance();
    rig.sim.injectFault({ operation: 'getRequestToPayStatus', kind: 'unauthorized' });
    const input = requestToPayInput('250788123456');
    await rig.momo.collection.requestToPay(input);
    await expect(rig.momo.collection.getRequestToPayStatus(input.referenceId)).resolves.toMatchObject({ status: 'PENDING' });
    expect(rig.sim.tokenRequests('collection')).toBe(2);
  });

  it('a second 401 is not retried again: UNAUTHORIZED, one refresh only', async () => {
    rig = await startRig();
    rig.sim.injectFault({ operation: 'requestToPay', kind: 'unauthorized', times: 2 });
    const input = requestToPayInput('250788123456');
    const error = await failure(rig.momo.collection.requestToPay(input));
    expect(error).toMatchObject({ name: 'MomoError', code: 'UNAUTHORIZED', httpStatus: 401, operation: 'requestToPay' });
    expect(rig.sim.tokenRequests('collection')).toBe(2);
    expect(rig.sim.stats().byOperation.requestToPay).toBe(2);
    expect(rig.sim.requestToPayCount(input.referenceId)).toBe(0);
  });

  it('20 concurrent callers hit by 401 (token expired at MoMo) share one refresh', async () => {
    const clientClock = { time: Date.UTC(2025, 11, 13, 9, 0, 0) };
    rig = await startRig({ client: { now: () => clientClock.time } });
    await rig.momo.collection.getAccountBalance();
    rig.clock.advance(3600_000);
    const perCall: MomoExchange[][] = Array.from({ length: 20 }, () => []);
    await Promise.all(perCall.map((mine) => rig!.momo.collection.getAccountBalance({ onExchange: (exchange) => mine.push(exchange) })));
    expect(rig.sim.tokenRequests('collection')).toBe(2);
    for (const mine of perCall) {
      const steps = mine.map((exchange) => `${exchange.operation} ${exchange.response?.status}`);
      // A caller whose 401 came after the refresh finished retries with the new token at once (it waited on nothing).
      expect([
        ['getAccountBalance 401', 'token 200', 'getAccountBalance 200'],
        ['getAccountBalance 401', 'getAccountBalance 200'],
      ]).toContainEqual(steps);
    }
    expect(perCall.filter((mine) => mine.some((exchange) => exchange.operation === 'token')).length).toBeGreaterThan(0);
  });
});

describe('secondary subscription key', () => {
  it('is used when the gateway refuses the primary, for the token and every later call', async () => {
    rig = await startRig({ sim: { subscriptionKeys: [KEYS.collectionSecondaryKey] } });
    const momo = rig.client({
      collection: { subscriptionKey: 'e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5', secondarySubscriptionKey: KEYS.collectionSecondaryKey, apiUser: KEYS.apiUser, apiKey: KEYS.apiKey },
    });
    const input = requestToPayInput('250788123456');
    await momo.collection.requestToPay(input);
    await momo.collection.getRequestToPayStatus(input.referenceId);
    const statuses = rig.exchanges.map((exchange) => [exchange.operation, exchange.response?.status]);
    expect(statuses).toEqual([
      ['token', 401],
      ['token', 200],
      ['requestToPay', 202],
      ['getRequestToPayStatus', 200],
    ]);
  });

  it('switches on a business call too (the key was revoked after the token was issued)', async () => {
    rig = await startRig();
    const momo = rig.client({
      collection: { subscriptionKey: KEYS.collectionKey, secondarySubscriptionKey: KEYS.collectionSecondaryKey, apiUser: KEYS.apiUser, apiKey: KEYS.apiKey },
    });
    await momo.collection.getAccountBalance();
    rig.sim.injectFault({ operation: 'getAccountBalance', kind: 'unauthorized', style: 'subscription-key' });
    await expect(momo.collection.getAccountBalance()).resolves.toBeDefined();
    expect(rig.sim.tokenRequests('collection')).toBe(1);
  });

  it('without a secondary key a refused key is INVALID_SUBSCRIPTION_KEY', async () => {
    rig = await startRig({ sim: { subscriptionKeys: [KEYS.disbursementKey] } });
    const error = await failure(rig.momo.collection.requestToPay(requestToPayInput('250788123456', { referenceId: uuid() })));
    expect(error).toMatchObject({ code: 'INVALID_SUBSCRIPTION_KEY', httpStatus: 401, operation: 'token' });
  });
});

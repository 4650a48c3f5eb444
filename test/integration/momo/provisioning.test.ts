/**
 * Sandbox provisioning over real HTTP: create an API user, its API key,
 * read it back, then use the new credentials for a payment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMomoClient } from '../../../electron/core/momo';
import { KEYS, failure, requestToPayInput, startRig, uuid, type Rig } from './rig';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig({ sim: { users: [] } });
});
afterAll(() => rig.close());

describe('sandbox provisioning', () => {
  it('creates a user and key that then get a token and take a payment', async () => {
    const provisioning = createMomoClient({ baseUrl: rig.sim.url, keysEnteredFor: rig.sim.url, targetEnvironment: 'sandbox', provisioning: { subscriptionKey: KEYS.collectionKey }, now: rig.clock.now }).provisioning;
    const apiUser = uuid();
    await expect(provisioning.createApiUser({ referenceId: apiUser, providerCallbackHost: 'shop.example.rw' })).resolves.toBeUndefined();
    const { apiKey } = await provisioning.createApiKey(apiUser);
    expect(apiKey).toMatch(/^[0-9a-f]{32}$/);
    await expect(provisioning.getApiUser(apiUser)).resolves.toEqual({ providerCallbackHost: 'shop.example.rw', targetEnvironment: 'sandbox' });

    const momo = rig.client({ collection: { subscriptionKey: KEYS.collectionKey, apiUser, apiKey } });
    const input = requestToPayInput('250788123456');
    await momo.collection.requestToPay(input);
    expect((await momo.collection.getRequestToPayStatus(input.referenceId)).status).toBe('PENDING');
  });

  it('createSandboxUser does both steps; the collection key is used when no provisioning key is given', async () => {
    const { apiUser, apiKey } = await rig.momo.provisioning.createSandboxUser({ providerCallbackHost: 'pos.example.rw' });
    expect(apiUser).toMatch(/^[0-9a-f-]{36}$/);
    await expect(rig.momo.provisioning.getApiUser(apiUser)).resolves.toMatchObject({ providerCallbackHost: 'pos.example.rw' });
    const momo = rig.client({ collection: { subscriptionKey: KEYS.collectionKey, apiUser, apiKey } });
    await expect(momo.collection.checkCredentials()).resolves.toBeUndefined();
  });

  it('a reused user reference is 409; an unknown user is 404', async () => {
    const apiUser = uuid();
    await rig.momo.provisioning.createApiUser({ referenceId: apiUser, providerCallbackHost: 'a.example' });
    expect(await failure(rig.momo.provisioning.createApiUser({ referenceId: apiUser, providerCallbackHost: 'a.example' }))).toMatchObject({ code: 'RESOURCE_ALREADY_EXIST', httpStatus: 409 });
    expect(await failure(rig.momo.provisioning.createApiKey(uuid()))).toMatchObject({ code: 'RESOURCE_NOT_FOUND', httpStatus: 404 });
    expect(await failure(rig.momo.provisioning.getApiUser(uuid()))).toMatchObject({ code: 'RESOURCE_NOT_FOUND', httpStatus: 404 });
  });

  it('a user without a key, or a wrong key, cannot get a token: LOGIN_FAILED, not retried', async () => {
    const apiUser = uuid();
    await rig.momo.provisioning.createApiUser({ referenceId: apiUser, providerCallbackHost: 'a.example' });
    const momo = rig.client({ collection: { subscriptionKey: KEYS.collectionKey, apiUser, apiKey: '00000000000000000000000000000000' } });
    const before = rig.sim.tokenRequests('collection');
    const error = await failure(momo.collection.requestToPay(requestToPayInput('250788123456')));
    expect(error).toMatchObject({ name: 'MomoError', code: 'LOGIN_FAILED', operation: 'token', retryable: false });
    expect(rig.sim.tokenRequests('collection')).toBe(before + 1);
    expect(rig.sim.requestsToPay()).toHaveLength(1); // only the first test's payment
  });

  it('a refused subscription key is INVALID_SUBSCRIPTION_KEY', async () => {
    const momo = createMomoClient({ baseUrl: rig.sim.url, keysEnteredFor: rig.sim.url, targetEnvironment: 'sandbox', provisioning: { subscriptionKey: '11112222333344445555666677778888' } });
    expect(await failure(momo.provisioning.createApiUser({ referenceId: uuid(), providerCallbackHost: 'a.example' }))).toMatchObject({ code: 'INVALID_SUBSCRIPTION_KEY', httpStatus: 401 });
    const fallback = createMomoClient({
      baseUrl: rig.sim.url,
      keysEnteredFor: rig.sim.url,
      targetEnvironment: 'sandbox',
      provisioning: { subscriptionKey: '11112222333344445555666677778888', secondarySubscriptionKey: KEYS.collectionSecondaryKey },
    });
    await expect(fallback.provisioning.createApiUser({ referenceId: uuid(), providerCallbackHost: 'a.example' })).resolves.toBeUndefined();
  });
});

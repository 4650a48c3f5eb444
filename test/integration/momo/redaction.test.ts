/**
 * After a full recorded flow (provisioning, tokens for both products, a
 * 401 retry, the secondary key, payments, transfers, refunds, a dropped
 * connection), no secret value appears anywhere in the recording: not in
 * headers, URLs, bodies or error messages. Real secrets are taken from the
 * wire by a fetch that passes every call through to the real fetch.
 */
import { describe, expect, it } from 'vitest';
import { createMomoClient, redactSecrets, type MomoExchange } from '../../../electron/core/momo';
import { startMomoSimulator } from '../../../electron/core/momo-sim';
import { KEYS, failure, requestToPayInput, uuid } from './rig';

describe('the recording of a full flow holds no secret', () => {
  it('redacts subscription keys, Basic and Bearer values, access tokens and API keys at the source', async () => {
    const sim = await startMomoSimulator({
      approvalDelayMs: 0,
      subscriptionKeys: [KEYS.collectionSecondaryKey, KEYS.disbursementKey],
      users: [{ apiUser: KEYS.apiUser, apiKey: KEYS.apiKey }],
    });
    const secretsOnTheWire = new Set<string>([KEYS.collectionKey, KEYS.collectionSecondaryKey, KEYS.disbursementKey, KEYS.apiKey]);
    const spyingFetch: typeof fetch = async (input, init) => {
      for (const [name, value] of Object.entries((init?.headers ?? {}) as Record<string, string>)) {
        if (/^authorization$/i.test(name)) secretsOnTheWire.add(value.replace(/^(Basic|Bearer) /, ''));
        if (/^ocp-apim-subscription-key$/i.test(name)) secretsOnTheWire.add(value);
      }
      const response = await fetch(input, init);
      const text = await response.clone().text();
      for (const match of text.matchAll(/"(?:access_token|apiKey)":"([^"]+)"/g)) secretsOnTheWire.add(match[1]!);
      return response;
    };
    const recording: MomoExchange[] = [];
    const perCall: MomoExchange[] = [];
    const record = { onExchange: (exchange: MomoExchange) => perCall.push(exchange) };
    try {
      // Sandbox provisioning of a new user, whose key we then use.
      const provisioning = createMomoClient({
        baseUrl: sim.url,
        keysEnteredFor: sim.url,
        targetEnvironment: 'sandbox',
        provisioning: { subscriptionKey: KEYS.collectionSecondaryKey },
        fetch: spyingFetch,
        onExchange: (exchange) => recording.push(exchange),
      }).provisioning;
      const created = await provisioning.createSandboxUser({ providerCallbackHost: 'shop.example.rw' }, record);
      await provisioning.getApiUser(created.apiUser, record);
      secretsOnTheWire.add(created.apiKey);
      secretsOnTheWire.add(Buffer.from(`${created.apiUser}:${created.apiKey}`).toString('base64'));

      const momo = createMomoClient({
        baseUrl: sim.url,
        keysEnteredFor: sim.url,
        targetEnvironment: 'sandbox',
        // The primary collection key is refused by the gateway: the secondary takes over.
        collection: { subscriptionKey: KEYS.collectionKey, secondarySubscriptionKey: KEYS.collectionSecondaryKey, apiUser: created.apiUser, apiKey: created.apiKey },
        disbursement: { subscriptionKey: KEYS.disbursementKey, apiUser: KEYS.apiUser, apiKey: KEYS.apiKey },
        fetch: spyingFetch,
        onExchange: (exchange) => recording.push(exchange),
        timeoutMs: 500,
      });
      const sale = requestToPayInput('250788123456');
      await momo.collection.requestToPay(sale, record);
      sim.injectFault({ operation: 'getRequestToPayStatus', kind: 'unauthorized' });
      expect((await momo.collection.getRequestToPayStatus(sale.referenceId, record)).status).toBe('SUCCESSFUL');
      await momo.collection.requestToPayDeliveryNotification(sale.referenceId, { notificationMessage: 'Thank you' }, record);
      await momo.collection.isAccountHolderActive('250788123456', record);
      await momo.collection.getBasicUserInfo('250788123456', record);
      await momo.collection.getAccountBalance(record);
      const payment = uuid();
      await momo.collection.createPayment({ referenceId: payment, externalTransactionId: 'T1', money: { amount: '500', currency: 'RWF' }, customerReference: '250788123456', serviceProviderUserName: 'Airtime' }, record);
      await momo.collection.getPaymentStatus(payment, record);
      const transfer = uuid();
      await momo.disbursement.transfer({ referenceId: transfer, amount: '100', currency: 'RWF', externalId: 'P1', payee: { partyIdType: 'MSISDN', partyId: '250788123456' } }, record);
      await momo.disbursement.getTransferStatus(transfer, record);
      const refund = uuid();
      await momo.disbursement.refundV2({ referenceId: refund, amount: '100', currency: 'RWF', externalId: 'R1', referenceIdToRefund: sale.referenceId }, record);
      await momo.disbursement.getRefundStatus(refund, record);
      sim.injectFault({ operation: 'transfer', kind: 'drop-after' });
      await failure(momo.disbursement.transfer({ referenceId: uuid(), amount: '100', currency: 'RWF', externalId: 'P2', payee: { partyIdType: 'MSISDN', partyId: '250788123456' } }, record));
      sim.injectFault({ operation: 'getTransferStatus', kind: 'slow', delayMs: 1_000 });
      await failure(momo.disbursement.getTransferStatus(transfer, record));
    } finally {
      await sim.close();
    }

    // The flow really happened and the wire really carried secrets.
    const operations = new Set(recording.map((exchange) => exchange.operation));
    for (const operation of ['createApiUser', 'createApiKey', 'getApiUser', 'token', 'requestToPay', 'getRequestToPayStatus', 'transfer', 'refundV2']) expect(operations).toContain(operation);
    expect(recording.some((exchange) => exchange.response?.status === 401)).toBe(true);
    expect(recording.some((exchange) => exchange.error?.code === 'NETWORK')).toBe(true);
    expect(recording.some((exchange) => exchange.error?.code === 'TIMEOUT')).toBe(true);
    const tokens = [...secretsOnTheWire].filter((secret) => secret.startsWith('eyJ'));
    expect(tokens.length).toBeGreaterThanOrEqual(3); // collection, its refresh after the 401, disbursement
    expect(secretsOnTheWire.size).toBeGreaterThanOrEqual(10);

    for (const [name, exchanges] of [['client-wide', recording], ['per-call', perCall]] as const) {
      const text = JSON.stringify(exchanges);
      for (const secret of secretsOnTheWire) expect(text.includes(secret), `${name} recording leaks ${secret.slice(0, 6)}…`).toBe(false);
      for (const exchange of exchanges) {
        for (const [header, value] of Object.entries(exchange.request.headers)) {
          if (/^ocp-apim-subscription-key$/i.test(header)) expect(value).toBe('<subscription-key-redacted>');
          if (/^authorization$/i.test(header)) expect(['Basic <base64(apiUser:apiKey)-redacted>', 'Bearer <jwt-redacted>']).toContain(value);
        }
        if (exchange.operation === 'token' && exchange.response?.status === 200) expect(JSON.parse(exchange.response.body).access_token).toBe('<jwt-redacted>');
        if (exchange.operation === 'createApiKey') expect(JSON.parse(exchange.response?.body ?? '{}').apiKey).toBe('<api-key-redacted>');
      }
    }
    // What support needs is still there.
    const sent = recording.find((exchange) => exchange.operation === 'requestToPay');
    expect(sent?.request.headers['X-Reference-Id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(sent?.request.body ?? '{}')).toMatchObject({ amount: '1000', currency: 'RWF', payer: { partyId: '250788123456' } });
  });
});

describe('redactSecrets', () => {
  it('scrubs any text with the given values, longest first, with their placeholders', () => {
    const text = 'key=abcdef0123456789 token=abcdef0123456789XYZ user=short';
    expect(redactSecrets(text, [{ value: 'abcdef0123456789', placeholder: '<subscription-key-redacted>' }, { value: 'abcdef0123456789XYZ', placeholder: '<jwt-redacted>' }, 'short'])).toBe(
      'key=<subscription-key-redacted> token=<jwt-redacted> user=short',
    );
    expect(redactSecrets('a 0123456789abcdef b', ['0123456789abcdef'])).toBe('a <redacted> b');
  });
});

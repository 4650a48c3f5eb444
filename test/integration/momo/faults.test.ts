/**
 * Every injected fault, over real HTTP: what the client reports, whether
 * MoMo (the simulator) received the request, and that a money-moving POST
 * is never resent by the client.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failure, requestToPayInput, startRig, uuid, type Rig } from './rig';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig({ client: { timeoutMs: 300 } });
  await rig.momo.collection.checkCredentials();
});
afterAll(() => rig.close());
beforeEach(() => rig.sim.clearFaults());

/** How many request-to-pay POSTs reached the simulator at all (faulted or not). */
const postsSeen = () => rig.sim.stats().byOperation.requestToPay ?? 0;

async function sendWithFault(kind: Parameters<Rig['sim']['injectFault']>[0]['kind'], extra: { delayMs?: number } = {}) {
  rig.sim.injectFault({ operation: 'requestToPay', kind, ...extra });
  const input = requestToPayInput('250788123456');
  const before = postsSeen();
  const error = await failure(rig.momo.collection.requestToPay(input));
  expect(postsSeen() - before).toBe(1); // sent once, never resent by the client
  return { input, error };
}

describe('request to pay under faults', () => {
  it('http500: INTERNAL_PROCESSING_ERROR 500, not processed (status is 404)', async () => {
    const { input, error } = await sendWithFault('http500');
    expect(error).toMatchObject({ name: 'MomoError', code: 'INTERNAL_PROCESSING_ERROR', httpStatus: 500, retryable: true, operation: 'requestToPay', referenceId: input.referenceId });
    expect(rig.sim.requestToPayCount(input.referenceId)).toBe(0);
    expect(await failure(rig.momo.collection.getRequestToPayStatus(input.referenceId))).toMatchObject({ code: 'RESOURCE_NOT_FOUND', httpStatus: 404 });
  });

  it('http503: SERVICE_UNAVAILABLE 503', async () => {
    const { error } = await sendWithFault('http503');
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503, retryable: true });
  });

  it('slow beyond timeoutMs: TIMEOUT, no httpStatus; MoMo did receive it', async () => {
    const { input, error } = await sendWithFault('slow', { delayMs: 1_000 });
    expect(error).toMatchObject({ code: 'TIMEOUT', operation: 'requestToPay' });
    expect(error.httpStatus).toBeUndefined();
    expect(rig.sim.requestToPayCount(input.referenceId)).toBe(1);
    await expect(rig.momo.collection.getRequestToPayStatus(input.referenceId)).resolves.toMatchObject({ status: 'PENDING' });
  });

  it('slow within timeoutMs: just slow', async () => {
    rig.sim.injectFault({ operation: 'requestToPay', kind: 'slow', delayMs: 100 });
    const input = requestToPayInput('250788123456');
    const started = performance.now();
    await rig.momo.collection.requestToPay(input);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('drop-before: NETWORK; never received (status is 404)', async () => {
    const { input, error } = await sendWithFault('drop-before');
    expect(error).toMatchObject({ name: 'MomoError', code: 'NETWORK', operation: 'requestToPay', retryable: true });
    expect(error.httpStatus).toBeUndefined();
    expect(rig.sim.requestToPayCount(input.referenceId)).toBe(0);
    expect((await failure(rig.momo.collection.getRequestToPayStatus(input.referenceId))).code).toBe('RESOURCE_NOT_FOUND');
  });

  it('drop-after: NETWORK; received and processed (status is found)', async () => {
    const { input, error } = await sendWithFault('drop-after');
    expect(error).toMatchObject({ code: 'NETWORK', operation: 'requestToPay' });
    expect(rig.sim.requestToPayCount(input.referenceId)).toBe(1);
    await expect(rig.momo.collection.getRequestToPayStatus(input.referenceId)).resolves.toMatchObject({ status: 'PENDING', externalId: input.externalId });
  });

  it('malformed: BAD_RESPONSE (processed: the engine must look it up)', async () => {
    const { input, error } = await sendWithFault('malformed');
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', httpStatus: 200, operation: 'requestToPay' });
    expect(rig.sim.requestToPayCount(input.referenceId)).toBe(1);
  });

  it('unauthorized once: the gateway refused it, so one refresh and one resend are safe', async () => {
    rig.sim.injectFault({ operation: 'requestToPay', kind: 'unauthorized' });
    const input = requestToPayInput('250788123456');
    const before = postsSeen();
    await rig.momo.collection.requestToPay(input);
    expect(postsSeen() - before).toBe(2);
    expect(rig.sim.requestToPayCount(input.referenceId)).toBe(1);
  });

  it('the caller can abort: ABORTED', async () => {
    rig.sim.injectFault({ operation: 'requestToPay', kind: 'slow', delayMs: 250 });
    const controller = new AbortController();
    const pending = rig.momo.collection.requestToPay(requestToPayInput('250788123456'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await failure(pending)).toMatchObject({ code: 'ABORTED' });
  });
});

describe('status and token under faults', () => {
  it('each fault on getRequestToPayStatus', async () => {
    const input = requestToPayInput('250788123456');
    await rig.momo.collection.requestToPay(input);
    const expectations = [
      ['http500', { code: 'INTERNAL_PROCESSING_ERROR', httpStatus: 500 }],
      ['http503', { code: 'SERVICE_UNAVAILABLE', httpStatus: 503 }],
      ['slow', { code: 'TIMEOUT' }],
      ['drop-before', { code: 'NETWORK' }],
      ['drop-after', { code: 'NETWORK' }],
      ['malformed', { code: 'BAD_RESPONSE', httpStatus: 200 }],
    ] as const;
    for (const [kind, expected] of expectations) {
      rig.sim.injectFault({ operation: 'getRequestToPayStatus', kind, delayMs: 1_000 });
      expect(await failure(rig.momo.collection.getRequestToPayStatus(input.referenceId)), kind).toMatchObject({ name: 'MomoError', operation: 'getRequestToPayStatus', ...expected });
    }
    await expect(rig.momo.collection.getRequestToPayStatus(input.referenceId)).resolves.toMatchObject({ status: 'PENDING' });
  });

  it('a broken token answer: BAD_RESPONSE on operation token, and the request to pay never leaves', async () => {
    const fresh = await startRig({ sim: { faults: [{ operation: 'token', kind: 'malformed' }] } });
    try {
      const error = await failure(fresh.momo.collection.requestToPay(requestToPayInput('250788123456')));
      expect(error).toMatchObject({ code: 'BAD_RESPONSE', operation: 'token' });
      expect(fresh.sim.stats().byOperation.requestToPay).toBeUndefined();
    } finally {
      await fresh.close();
    }
  });

  it('a dropped connection on the token request: NETWORK on operation token', async () => {
    const fresh = await startRig({ sim: { faults: [{ operation: 'token', kind: 'drop-before' }] } });
    try {
      expect(await failure(fresh.momo.collection.getAccountBalance())).toMatchObject({ code: 'NETWORK', operation: 'token' });
      await expect(fresh.momo.collection.getAccountBalance()).resolves.toBeDefined();
    } finally {
      await fresh.close();
    }
  });
});

describe('fault rules', () => {
  it("'*' with times: Infinity hits everything until cleared; product narrows it", async () => {
    rig.sim.injectFault({ operation: '*', product: 'disbursement', kind: 'http503', times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 3; i += 1) expect((await failure(rig.momo.disbursement.getAccountBalance())).code).toBe('SERVICE_UNAVAILABLE');
    await expect(rig.momo.collection.getAccountBalance()).resolves.toBeDefined();
    expect(rig.sim.stats().faultsPending).toBe(1);
    rig.sim.clearFaults();
    await expect(rig.momo.disbursement.getAccountBalance()).resolves.toBeDefined();
  });

  it('times counts requests, then the rule is gone', async () => {
    rig.sim.injectFault({ operation: 'getRequestToPayStatus', kind: 'http500', times: 2 });
    const reference = uuid();
    expect((await failure(rig.momo.collection.getRequestToPayStatus(reference))).code).toBe('INTERNAL_PROCESSING_ERROR');
    expect((await failure(rig.momo.collection.getRequestToPayStatus(reference))).code).toBe('INTERNAL_PROCESSING_ERROR');
    expect((await failure(rig.momo.collection.getRequestToPayStatus(reference))).code).toBe('RESOURCE_NOT_FOUND');
  });
});

describe('a MoMo host that is not there', () => {
  it('is NETWORK (connection refused)', async () => {
    const gone = await startRig();
    const momo = gone.client();
    await gone.close();
    const error = await failure(momo.collection.getAccountBalance());
    expect(error).toMatchObject({ name: 'MomoError', code: 'NETWORK', operation: 'token' });
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});

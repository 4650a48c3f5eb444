/**
 * The simulator plays MoMo's callbacks: to X-Callback-Url once the
 * transaction is final, POST for v1 and PUT for v2, with a body like the
 * status answer and no reference id; and the ways they go wrong.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { MomoSimulatorOptions } from '../../../electron/core/momo-sim';
import { KEYS, requestToPayInput, startRig, uuid, type Rig } from './rig';

interface Heard {
  method: string;
  url: string;
  body: unknown;
  at: number;
}

async function startReceiver(): Promise<{ url: string; heard: Heard[]; close(): Promise<void> }> {
  const heard: Heard[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      heard.push({ method: request.method ?? '', url: request.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'), at: Date.now() });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, heard, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const until = async (check: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let rig: Rig | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await rig?.close();
  await receiver?.close();
  rig = undefined;
  receiver = undefined;
});

async function setUp(sim: MomoSimulatorOptions = {}, host = '127.0.0.1') {
  receiver = await startReceiver();
  rig = await startRig({ sim: { approvalDelayMs: 30, users: [{ apiUser: KEYS.apiUser, apiKey: KEYS.apiKey, providerCallbackHost: host }], ...sim } });
  return { rig, receiver };
}

describe('callbacks the simulator plays', () => {
  it('POSTs a v1 request to pay to X-Callback-Url after the final state, with the status body and no reference id', async () => {
    const { rig, receiver } = await setUp();
    const input = requestToPayInput('250788123456', { callbackUrl: `${receiver.url}/momo/till-1/ref-1` });
    await rig.momo.collection.requestToPay(input);
    expect(receiver.heard).toHaveLength(0);
    await until(() => receiver.heard.length === 1);
    expect(receiver.heard[0]).toMatchObject({ method: 'POST', url: '/momo/till-1/ref-1', body: { status: 'SUCCESSFUL', externalId: input.externalId, amount: '1000' } });
    expect(JSON.stringify(receiver.heard[0]!.body)).not.toContain(input.referenceId);
    expect(rig.sim.callbacksSent()[0]).toMatchObject({ method: 'POST', answer: 200 });
  });

  it('PUTs a v2 payment, and a FAILED outcome is called back too', async () => {
    const { rig, receiver } = await setUp();
    const referenceId = uuid();
    await rig.momo.collection.createPayment({
      referenceId,
      externalTransactionId: 'EXT-1',
      money: { amount: '500', currency: 'RWF' },
      customerReference: '46733123451',
      serviceProviderUserName: 'shop',
      callbackUrl: `${receiver.url}/v2/${referenceId}`,
    } as never);
    await until(() => receiver.heard.length === 1);
    expect(receiver.heard[0]).toMatchObject({ method: 'PUT', body: { status: 'FAILED' } });
  });

  it('calls back when an outcome is decided by hand', async () => {
    const { rig, receiver } = await setUp({ approvalDelayMs: 60_000 });
    const input = requestToPayInput('250788123456', { callbackUrl: `${receiver.url}/x` });
    await rig.momo.collection.requestToPay(input);
    rig.sim.decide(input.referenceId, { status: 'FAILED', reason: 'APPROVAL_REJECTED' });
    await until(() => receiver.heard.length === 1);
    expect(receiver.heard[0]!.body).toMatchObject({ status: 'FAILED', reason: 'APPROVAL_REJECTED' });
  });

  it('refuses a callback host other than the API user’s providerCallbackHost at request time (INVALID_CALLBACK_URL_HOST)', async () => {
    const { rig, receiver } = await setUp({}, 'hq.example.com');
    const input = requestToPayInput('250788123456', { callbackUrl: `${receiver.url}/x` });
    await expect(rig.momo.collection.requestToPay(input)).rejects.toMatchObject({ code: 'INVALID_CALLBACK_URL_HOST', httpStatus: 400 });
    await pause(150);
    expect(receiver.heard).toHaveLength(0);
  });

  it('fault "never": nothing is sent, yet the status answers', async () => {
    const { rig, receiver } = await setUp({ callbacks: { fault: 'never' } });
    const input = requestToPayInput('250788123456', { callbackUrl: `${receiver.url}/x` });
    await rig.momo.collection.requestToPay(input);
    await pause(200);
    expect(receiver.heard).toHaveLength(0);
  });

  it('fault "twice": the same callback arrives two times', async () => {
    const { rig, receiver } = await setUp({ callbacks: { fault: 'twice', delayMs: 50 } });
    await rig.momo.collection.requestToPay(requestToPayInput('250788123456', { callbackUrl: `${receiver.url}/x` }));
    await until(() => receiver.heard.length === 2);
    expect(receiver.heard[1]!.body).toEqual(receiver.heard[0]!.body);
  });

  it('fault "late": the callback comes well after the final state', async () => {
    const { rig, receiver } = await setUp({ callbacks: { fault: 'late', delayMs: 300 } });
    const started = Date.now();
    await rig.momo.collection.requestToPay(requestToPayInput('250788123456', { callbackUrl: `${receiver.url}/x` }));
    await until(() => receiver.heard.length === 1);
    expect(receiver.heard[0]!.at - started).toBeGreaterThanOrEqual(300);
  });

  it('without a providerCallbackHost on the user, the sandbox sends nothing', async () => {
    receiver = await startReceiver();
    rig = await startRig({ sim: { approvalDelayMs: 30 } });
    await rig.momo.collection.requestToPay(requestToPayInput('250788123456', { callbackUrl: `${receiver.url}/x` }));
    await pause(200);
    expect(receiver.heard).toHaveLength(0);
  });
});

/**
 * Callbacks reach a payment: the real engine (real ledger, real MoMo client,
 * simulator calling back) with head office's `hq serve` and the till's
 * listener over a throwaway PostgreSQL. Polling stays the safety net.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCallbackRelay, startCallbackListener, startCallbackServer, type CallbackListener, type CallbackRelay, type CallbackServer } from '../../../electron/core/headoffice';
import { CALLBACK_FAST_INTERVAL_MS } from '../../../electron/core/movements';
import { SECRETS, startEngineRig, type EngineRig } from '../../helpers/payments';
import { useThrowawayHeadOffice } from './rig';

const rig = useThrowawayHeadOffice();
let serve: CallbackServer;
let tillUrl: string;
const open: Array<{ close(): Promise<void> }> = [];

// Today's schedule, as the live till runs it.
const TODAY = { firstDelayMs: 2_000, fastIntervalMs: 1_400, fastPhaseMs: 120_000, windowMs: 360_000 };

beforeAll(async () => {
  if (rig.missing) return;
  serve = await startCallbackServer({ url: rig.hq.adminUrl });
  tillUrl = await rig.hq.addTill('Counter C');
}, 120_000);

// A till holds one listening connection; its role allows only a few (head office's role limits), so each test closes its own.
afterEach(async () => {
  for (const part of open.splice(0).reverse()) await part.close();
});

afterAll(async () => {
  await serve?.close();
});

async function till(sim: NonNullable<Parameters<typeof startEngineRig>[0]>['sim'] = {}): Promise<{ engine: EngineRig; relay: CallbackRelay; listener: CallbackListener }> {
  const relay = createCallbackRelay();
  let engine: EngineRig | undefined;
  const listener = startCallbackListener({
    url: tillUrl,
    publicBase: serve.origin,
    onCallback: (reference) => {
      relay.heard(reference);
      void engine?.engine.hint(reference);
    },
    backoffMs: { first: 50, max: 500 },
  });
  relay.attach(listener);
  open.push(listener);
  await listener.ready();
  engine = await startEngineRig({
    schedule: TODAY,
    callbacks: relay,
    sim: { approvalDelayMs: 300, users: [{ apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey, providerCallbackHost: '127.0.0.1' }], ...sim },
  });
  open.push(engine);
  return { engine, relay, listener };
}

const statusCalls = (engine: EngineRig) => engine.sim.stats().byOperation.getRequestToPayStatus ?? 0;

describe.skipIf(rig.missing)('a payment with callbacks', () => {
  it('is final one status call after MoMo’s final state, long before the first poll', async () => {
    const { engine } = await till();
    const started = Date.now();
    const { payment } = engine.engine.charge({ phone: '250788123456', amount: '1000' });
    const done = await engine.waitFor(payment.id);
    expect(done.status).toBe('successful');
    expect(Date.now() - started).toBeLessThan(TODAY.firstDelayMs);
    expect(statusCalls(engine)).toBe(1);
    expect(engine.sim.callbacksSent()[0]!.url).toContain(`/momo/callback/`);
    expect(engine.sim.callbacksSent()[0]!.url).toContain(payment.referenceId);
  });

  it('a duplicate, a late one, one for a final payment, one for another till and a forged one change nothing', async () => {
    const { engine, listener } = await till({ callbacks: { fault: 'twice', delayMs: 1_200 } });
    const { payment } = engine.engine.charge({ phone: '250788123456', amount: '1000' });
    await engine.waitFor(payment.id);
    const journal = engine.ledger.db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number };
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // The second copy arrived; the payment is final: no status call, no journal entry.
    expect(engine.sim.callbacksSent()).toHaveLength(2);
    expect(statusCalls(engine)).toBe(1);
    expect(await engine.engine.hint(payment.referenceId)).toBe(false);
    expect(await engine.engine.hint(randomUUID())).toBe(false);
    const forged = await fetch(listener.callbackUrl(randomUUID())!, { method: 'POST', body: '{"status":"SUCCESSFUL"}' });
    expect(forged.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statusCalls(engine)).toBe(1);
    expect(engine.ledger.db.prepare('SELECT count(*) AS n FROM journal').get()).toEqual(journal);
  });

  it('a forged "SUCCESSFUL" callback for a payment still pending does not settle it: the till asks MoMo, which says pending', async () => {
    const { engine, listener } = await till({ approvalDelayMs: 60_000 });
    const { payment } = engine.engine.charge({ phone: '250788123456', amount: '1000' });
    await engine.waitFor(payment.id, (p) => p.status === 'pending');
    const forged = await fetch(listener.callbackUrl(payment.referenceId)!, { method: 'PUT', body: '{"status":"SUCCESSFUL","financialTransactionId":"1"}' });
    expect(forged.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(engine.ledger.getPayment(payment.id)!.status).toBe('pending');
    expect(statusCalls(engine)).toBe(1);
  });

  it('callbacks never sent: polling finds it, withdraws trust, and the next payment polls on today’s schedule', async () => {
    const { engine, relay } = await till({ callbacks: { fault: 'never' } });
    expect(relay.trusted()).toBe(true);
    const first = engine.engine.charge({ phone: '250788123456', amount: '1000' });
    const started = Date.now();
    await engine.waitFor(first.payment.id, undefined, 10_000);
    // Slowed: the first poll at 2 s found it (the approval came at 0.3 s).
    expect(Date.now() - started).toBeGreaterThanOrEqual(TODAY.firstDelayMs - 50);
    await engine.engine.idle();
    // Overdue once the grace for a crossing callback (2 s) has passed.
    for (let waited = 0; relay.trusted() && waited < 3_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(relay.trusted()).toBe(false);
    // Trust withdrawn: the next payment (approved at 2.1 s) is found on today's step (2 s, 3.4 s), not the slowed one (2 s, 6 s).
    const second = engine.engine.charge({ phone: '250788123456', amount: '1000' });
    const secondStarted = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    engine.sim.decide(second.payment.referenceId, { status: 'SUCCESSFUL' });
    await engine.waitFor(second.payment.id, undefined, 10_000);
    expect(Date.now() - secondStarted).toBeLessThan(TODAY.firstDelayMs + CALLBACK_FAST_INTERVAL_MS - 500);
  }, 20_000);

  it('trust grows as callbacks keep arriving (first look at 10 s after 10 in a row), and polling falls back at once when listening drops', async () => {
    const { engine, relay, listener } = await till({ approvalDelayMs: 3_600_000 });
    for (let i = 0; i < 10; i++) relay.confirmed(randomUUID());
    const { payment } = engine.engine.charge({ phone: '250788123456', amount: '1000' });
    await engine.waitFor(payment.id, (p) => p.status === 'pending');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    // Trusted: no status call at 2 s (today's first look); the slowed one is at 10 s.
    expect(statusCalls(engine)).toBe(0);
    await listener.close();
    // Trust gone: the next normal step (1.4 s) polls, without waiting for the slowed one.
    for (let waited = 0; statusCalls(engine) === 0 && waited < 3_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statusCalls(engine)).toBe(1);
  }, 20_000);

  it('when the listening connection drops, trust goes with it', async () => {
    const { relay, listener } = await till();
    expect(relay.trusted()).toBe(true);
    await listener.close();
    expect(relay.trusted()).toBe(false);
    expect(relay.urlFor(randomUUID())).toBeUndefined();
  });
});

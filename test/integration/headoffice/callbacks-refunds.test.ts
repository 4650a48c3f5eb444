/**
 * Callbacks reach refunds and transfers: a real till (real ledger, real MoMo
 * client, simulator paying back and calling back) with `hq serve` and the
 * till's listener over a throwaway PostgreSQL. The relay offers each callback
 * to the payment engine and to the refund engine; the one that does not know
 * the reference does nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCallbackRelay, startCallbackListener, startCallbackServer, type CallbackListener, type CallbackRelay, type CallbackServer } from '../../../electron/core/headoffice';
import { DEFAULT_SCHEDULE } from '../../../electron/core/payments';
import type { Till } from '../../../electron/core/till';
import { SECRETS } from '../../helpers/payments';
import { MANAGER, startTillRig, type TillRig } from '../till/rig';
import { useThrowawayHeadOffice } from './rig';

const rig = useThrowawayHeadOffice();
let serve: CallbackServer;
let tillUrl: string;
const open: Array<{ close(): Promise<void> }> = [];

// Today's refund schedule as a live till runs it: the first status call 2 s after sending.
const TODAY = DEFAULT_SCHEDULE;

beforeAll(async () => {
  if (rig.missing) return;
  serve = await startCallbackServer({ url: rig.hq.adminUrl });
  tillUrl = await rig.hq.addTill('Counter R');
}, 120_000);

afterEach(async () => {
  for (const part of open.splice(0).reverse()) await part.close();
});

afterAll(async () => {
  await serve?.close();
});

interface RefundTill {
  shop: TillRig;
  till: Till;
  relay: CallbackRelay;
  listener: CallbackListener;
  delivered: string[];
}

async function refundTill(sim: NonNullable<Parameters<typeof startTillRig>[0]>['sim'] = {}): Promise<RefundTill> {
  const relay = createCallbackRelay();
  const delivered: string[] = [];
  const listener = startCallbackListener({
    url: tillUrl,
    publicBase: serve.origin,
    onCallback: (reference) => {
      delivered.push(reference);
      void relay.deliver(reference);
    },
    backoffMs: { first: 50, max: 500 },
  });
  relay.attach(listener);
  open.push(listener);
  await listener.ready();
  const shop = await startTillRig({ sim: { disbursementDelayMs: 300, users: [{ apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey, providerCallbackHost: '127.0.0.1' }], ...sim } });
  open.push(shop);
  await shop.ready();
  const till = shop.newTill({ schedule: TODAY, callbacks: relay });
  // As the app wires it: the payment engine and this till's refunds both take hints.
  relay.receive((reference) => shop.engine.hint(reference));
  relay.receive((reference) => till.hint(reference));
  return { shop, till, relay, listener, delivered };
}

const calls = (shop: TillRig, operation: string) => shop.sim.stats().byOperation[operation] ?? 0;
const journalSize = (shop: TillRig) => shop.ledger.db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number };

describe.skipIf(rig.missing)('refunds and transfers with callbacks', () => {
  it('a refund approved by MoMo is final one status call later, long before the first poll', async () => {
    const { shop, till } = await refundTill();
    const { saleId } = await shop.paidMomoSale('3000');
    const started = Date.now();
    const created = await till.createRefund({ saleId, amount: '1000', reason: 'one item back', pin: MANAGER, method: 'momo', via: 'refund' });
    const done = await shop.waitForRefund(created.id);
    expect(done.status).toBe('successful');
    expect(Date.now() - started).toBeLessThan(TODAY.firstDelayMs);
    expect(calls(shop, 'getRefundStatus')).toBe(1);
    const sent = shop.sim.callbacksSent().filter((callback) => callback.url.includes(done.referenceId!));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toContain('/momo/callback/');
  });

  it('a transfer carries the URL too and is learned from its callback', async () => {
    const { shop, till } = await refundTill();
    const { saleId } = await shop.paidMomoSale('3000');
    const started = Date.now();
    const created = await till.createRefund({ saleId, amount: '500', reason: 'paid back by transfer', pin: MANAGER, method: 'momo', via: 'transfer' });
    const done = await shop.waitForRefund(created.id);
    expect(done.status).toBe('successful');
    expect(done.via).toBe('transfer');
    expect(Date.now() - started).toBeLessThan(TODAY.firstDelayMs);
    expect(calls(shop, 'getTransferStatus')).toBe(1);
    expect(shop.sim.callbacksSent().some((callback) => callback.url.includes(done.referenceId!))).toBe(true);
  });

  it('a duplicate, one for a final refund, one for another till, a made-up one and a forged one change nothing', async () => {
    const { shop, till, listener, delivered } = await refundTill({ callbacks: { fault: 'twice', delayMs: 1_200 } });
    const { saleId } = await shop.paidMomoSale('3000');
    const created = await till.createRefund({ saleId, amount: '1000', reason: 'returned', pin: MANAGER, method: 'momo' });
    const done = await shop.waitForRefund(created.id);
    const journal = journalSize(shop);
    const refundCalls = calls(shop, 'getRefundStatus');
    const paymentCalls = calls(shop, 'getRequestToPayStatus');
    // The duplicate arrives 1.2 s later and is delivered (past the one-per-second gate), but nothing is in flight.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(shop.sim.callbacksSent().filter((callback) => callback.url.includes(done.referenceId!))).toHaveLength(2);
    expect(delivered.filter((reference) => reference === done.referenceId)).toHaveLength(2);
    expect(await till.hint(done.referenceId!)).toBe(false);
    expect(await till.hint(randomUUID())).toBe(false);
    // Another till's callback never reaches this one (its own key, its own channel).
    const other = await rig.hq.addTill('Counter Other');
    const otherKey = (await rig.hq.admin.query<{ callback_key: string }>('SELECT callback_key FROM hq.tills WHERE role_name = $1', [new URL(other).username])).rows[0]!.callback_key;
    const foreign = await fetch(`${serve.origin}/momo/callback/${otherKey}/${done.referenceId}`, { method: 'POST', body: '{"status":"SUCCESSFUL"}' });
    expect(foreign.status).toBe(200);
    const forged = await fetch(listener.callbackUrl(randomUUID())!, { method: 'PUT', body: '{"status":"FAILED"}' });
    expect(forged.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(delivered.filter((reference) => reference === done.referenceId)).toHaveLength(2);
    expect(calls(shop, 'getRefundStatus')).toBe(refundCalls);
    expect(calls(shop, 'getRequestToPayStatus')).toBe(paymentCalls);
    expect(shop.ledger.getRefund(created.id)!.status).toBe('successful');
    expect(journalSize(shop)).toEqual(journal);
  });

  it('a forged "SUCCESSFUL" for a refund still pending does not settle it: the till asks MoMo, which says pending', async () => {
    const { shop, till, listener } = await refundTill({ disbursementDelayMs: 60_000 });
    const { saleId } = await shop.paidMomoSale('3000');
    const created = await till.createRefund({ saleId, amount: '1000', reason: 'returned', pin: MANAGER, method: 'momo' });
    const refund = await shop.waitForRefund(created.id, (r) => r.status === 'pending');
    const forged = await fetch(listener.callbackUrl(refund.referenceId!)!, { method: 'POST', body: '{"status":"SUCCESSFUL","financialTransactionId":"1"}' });
    expect(forged.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(calls(shop, 'getRefundStatus')).toBe(1);
    expect(shop.ledger.getRefund(created.id)!.status).toBe('pending');
  });
});

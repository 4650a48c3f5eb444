/**
 * A request that provably never left the machine ends at once as "not sent"
 * (no prompt, retry or cash); only an answer lost after the request may have
 * reached MoMo stays unknown. Repeated 404s on a request MoMo had taken end
 * the payment with its reason, and the screen and the transcript agree.
 * Real engine, real ledger file, real HTTP to the simulator and to a closed port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEngineRig, SECRETS, type EngineRig } from '../../helpers/payments';
import { closedPort } from '../../helpers/network';
import { renderTranscript } from '../../../electron/core/payments';
import { startMomoSimulator } from '../../../electron/core/momo-sim';
import { paymentView } from '../../../electron/core/payments/views';
import { describePayment } from '../../../shared/messages';
import { MARKETS } from '../../../shared/markets';

let rig: EngineRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/**
 * The client's keep-alive pool learns that the server closed its sockets a
 * moment after close(): until then a request may go out on a dead socket,
 * which is (rightly) not proof that nothing left. Real outages outlive it.
 */
const socketsNoticeTheClose = () => new Promise((resolve) => setTimeout(resolve, 200));

const trail = (r: EngineRig, paymentId: string) => r.ledger.paymentEvents(paymentId).map((event) => event.to);

function transcriptOf(r: EngineRig, paymentId: string): string {
  const payment = r.ledger.getPayment(paymentId)!;
  return renderTranscript({ payment, sale: r.ledger.getSale(payment.saleId)!, exchanges: r.ledger.exchanges(paymentId) as never, merchantName: 'Test shop', generatedAt: new Date().toISOString() });
}

describe('a request that never left is "not sent", never "unknown"', () => {
  it('MTN unreachable (nothing listens at the base URL: the token request is refused): failed MTN_UNREACHABLE, with the sentence and Retry first', async () => {
    rig = await startEngineRig({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    const { sale, payment } = rig.engine.charge({ phone: '250788123456', amount: '1500' });
    const final = await rig.waitFor(payment.id);
    expect(final).toMatchObject({ status: 'failed', reasonCode: 'MTN_UNREACHABLE' });
    expect(trail(rig, payment.id)).toEqual(['recorded', 'sending', 'failed']);
    expect(rig.ledger.getSale(sale.id)?.status).toBe('not_paid');
    const shown = describePayment(final);
    expect(shown).toMatchObject({ kind: 'not_sent', headline: 'Not sent', sentence: 'Could not reach MTN. No prompt was sent.', nextStep: 'Retry or take cash.' });
    expect(shown.actions.slice(0, 2)).toEqual(['retry', 'cash']);
    expect(describePayment(final, 'fr').sentence).toBe('Impossible de joindre MTN. Aucune demande n’a été envoyée.');
    expect(transcriptOf(rig, payment.id)).toContain('Failure Reason: MTN_UNREACHABLE');

    // Retry is allowed at once (nothing is live at MoMo): a new attempt, which meets the same closed door.
    const again = rig.engine.retry(sale.id);
    expect((await rig.waitFor(again.payment.id)).reasonCode).toBe('MTN_UNREACHABLE');
    // Cash settles the sale: nothing is live at MoMo.
    expect(rig.ledger.payCashForSale(sale.id).status).toBe('paid');
  });

  it('the token refused (wrong API key: 500 login_failed): failed LOGIN_FAILED at once, nothing reached the request-to-pay endpoint', async () => {
    rig = await startEngineRig({ sim: { users: [{ apiUser: SECRETS.apiUser, apiKey: 'another-key-entirely' }] } });
    const { payment } = rig.engine.charge({ phone: '250788123456', amount: '1500' });
    const final = await rig.waitFor(payment.id);
    expect(final).toMatchObject({ status: 'failed', reasonCode: 'LOGIN_FAILED' });
    expect(trail(rig, payment.id)).toEqual(['recorded', 'sending', 'failed']);
    expect(rig.sim.requestToPayCount(payment.referenceId)).toBe(0);
    expect(describePayment(final)).toMatchObject({ kind: 'not_sent', sentence: expect.stringContaining('No prompt was sent') });
  });

  it('connection refused on the POST itself (token in hand, then MoMo gone): failed MTN_UNREACHABLE', async () => {
    rig = await startEngineRig();
    await rig.momo.collection.getAccountBalance(); // the token is cached now
    await rig.sim.close();
    await socketsNoticeTheClose();
    const { payment } = rig.engine.charge({ phone: '250788123456', amount: '1500' });
    const final = await rig.waitFor(payment.id);
    expect(final).toMatchObject({ status: 'failed', reasonCode: 'MTN_UNREACHABLE' });
    const posts = (rig.ledger.exchanges(payment.id) as Array<{ operation: string; error?: { code: string } }>).filter((exchange) => exchange.operation === 'requestToPay');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.error?.code).toBe('NETWORK');
    expect(trail(rig, payment.id)).not.toContain('unknown');
  });

  it('a name that does not resolve (DNS failure): failed MTN_UNREACHABLE', async () => {
    rig = await startEngineRig({ baseUrl: 'http://momo-pos-test.invalid', timeoutMs: 15_000 });
    const { payment } = rig.engine.charge({ phone: '250788123456', amount: '1500' });
    const final = await rig.waitFor(payment.id, undefined, 20_000);
    expect(final).toMatchObject({ status: 'failed', reasonCode: 'MTN_UNREACHABLE' });
  });

  it('an answer lost after the request left (connection dropped after MoMo took it) stays unknown and is resolved by GET', async () => {
    rig = await startEngineRig({ sim: { faults: [{ operation: 'requestToPay', kind: 'drop-after' }] } });
    const { payment } = rig.engine.charge({ phone: '250788123456', amount: '1500' });
    const final = await rig.waitFor(payment.id);
    expect(final.status).toBe('successful');
    expect(trail(rig, payment.id)).toContain('unknown');
    expect(rig.sim.requestToPayCount(payment.referenceId)).toBe(1);
  });
});

describe('repeated 404s on a request MoMo had taken', () => {
  it('end the payment failed RESOURCE_NOT_FOUND; the screen and the transcript summary say the same', async () => {
    rig = await startEngineRig({ sim: { approvalDelayMs: 60_000 }, schedule: { fastPhaseMs: 800, windowMs: 6_000 } });
    const { sale, payment } = rig.engine.charge({ phone: '250788123456', amount: '1500' });
    await rig.waitFor(payment.id, (p) => p.status === 'pending');
    // MoMo forgets it: a fresh simulator on the same port (as training's does after a restart) answers 404.
    const port = rig.sim.port;
    await rig.sim.close();
    const forgetful = await startMomoSimulator({ port, users: [{ apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey }], subscriptionKeys: [SECRETS.subscriptionKey] });
    try {
      const final = await rig.waitFor(payment.id);
      expect(final).toMatchObject({ status: 'failed', reasonCode: 'RESOURCE_NOT_FOUND' });
      expect(trail(rig, payment.id)).toEqual(['recorded', 'sending', 'pending', 'failed']);
      const view = paymentView(final, rig.ledger.getSale(sale.id)!);
      const text = transcriptOf(rig, payment.id);
      expect(text).toContain(`Payment Status: ${view.status.toUpperCase()}`);
      expect(text).toContain(`Failure Reason: ${view.reasonCode}`);
      expect(view.message).toBe('MTN has no record of this payment.');
    } finally {
      await forgetful.close();
    }
  });

  it('after a restart, a timed-out payment MoMo has no record of ends failed (NOT_SENT) instead of waiting for ever', async () => {
    rig = await startEngineRig({ sim: { approvalDelayMs: 60_000 }, schedule: { fastPhaseMs: 300, windowMs: 600 } });
    const { payment } = rig.engine.charge({ phone: '46733123453', amount: '1500' });
    await rig.waitFor(payment.id, (p) => p.status === 'timed_out');
    rig.engine.stop();
    await rig.engine.idle();
    const port = rig.sim.port;
    await rig.sim.close();
    await socketsNoticeTheClose();
    const forgetful = await startMomoSimulator({ port, users: [{ apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey }], subscriptionKeys: [SECRETS.subscriptionKey] });
    try {
      const { createPaymentEngine } = await import('../../../electron/core/payments');
      const restarted = createPaymentEngine({ ledger: rig.ledger, collection: rig.momo.collection, currency: 'RWF', phoneRules: { country: MARKETS.mtnrwanda.country, mtnPrefixes: MARKETS.mtnrwanda.mtnPrefixes, training: true }, shopName: () => 'Test shop' });
      await restarted.recover();
      await restarted.idle();
      restarted.stop();
      const final = rig.ledger.getPayment(payment.id)!;
      expect(final).toMatchObject({ status: 'failed', reasonCode: 'NOT_SENT' });
      expect(transcriptOf(rig, payment.id)).toContain('Payment Status: FAILED');
    } finally {
      await forgetful.close();
    }
  });
});

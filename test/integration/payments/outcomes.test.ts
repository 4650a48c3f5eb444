import { afterEach, describe, expect, it } from 'vitest';
import { startEngineRig, SECRETS, type EngineRig } from '../../helpers/payments';
import { renderTranscript } from '../../../electron/core/payments';
import { PosError } from '../../../shared/errors';

let rig: EngineRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const statusTrail = (r: EngineRig, paymentId: string) => r.ledger.paymentEvents(paymentId).map((event) => event.to);

describe('every sandbox outcome reaches its final state in the ledger', () => {
  it.each([
    ['250788123456', 'successful', undefined],
    ['46733123454', 'successful', undefined],
    ['46733123450', 'failed', 'INTERNAL_PROCESSING_ERROR'],
    ['46733123451', 'rejected', 'APPROVAL_REJECTED'],
    ['46733123452', 'expired', 'EXPIRED'],
    ['46733123455', 'failed', 'PAYER_NOT_FOUND'],
    ['46733123456', 'failed', 'PAYEE_NOT_ALLOWED_TO_RECEIVE'],
    ['46733123457', 'failed', 'NOT_ALLOWED'],
    ['46733123460', 'failed', 'INVALID_CURRENCY'],
  ])('%s -> %s %s', async (phone, status, reason) => {
    rig = await startEngineRig();
    const { sale, payment } = rig.engine.charge({ phone, amount: '1500' });
    const final = await rig.waitFor(payment.id);
    expect(final.status).toBe(status);
    expect(final.reasonCode).toBe(reason);
    if (status === 'successful') {
      expect(final.financialTransactionId).toBeTruthy();
      expect(rig.ledger.getSale(sale.id)?.status).toBe('paid');
    } else {
      expect(rig.ledger.getSale(sale.id)?.status).not.toBe('paid');
    }
    expect(statusTrail(rig, payment.id).slice(0, 3)).toEqual(['recorded', 'sending', 'pending']);
    expect(rig.sim.requestToPayCount(payment.referenceId)).toBe(1);
    expect(rig.ledger.verify().ok).toBe(true);
  });

  it('a customer who never answers ends timed_out at the window, re-checkable', async () => {
    rig = await startEngineRig({ schedule: { windowMs: 1_500, fastPhaseMs: 1_000 } });
    const { payment } = rig.engine.charge({ phone: '46733123453', amount: '700' });
    const timedOut = await rig.waitFor(payment.id, (p) => p.status === 'timed_out');
    expect(timedOut.checks).toBeGreaterThan(3);
    const rechecked = await rig.engine.recheck(payment.id);
    expect(rechecked.status).toBe('timed_out');
    rig.sim.decide(payment.referenceId, { status: 'SUCCESSFUL' });
    expect((await rig.engine.recheck(payment.id)).status).toBe('successful');
  });
});

describe('faults on the way resolve on the same reference, never a second one', () => {
  it.each([
    ['http500 on the request to pay', { operation: 'requestToPay', kind: 'http500' }],
    ['http503 on the request to pay', { operation: 'requestToPay', kind: 'http503' }],
    ['connection dropped before MoMo read it', { operation: 'requestToPay', kind: 'drop-before' }],
    ['connection dropped after MoMo took it', { operation: 'requestToPay', kind: 'drop-after' }],
    ['answer slower than our timeout', { operation: 'requestToPay', kind: 'slow', delayMs: 1_500 }],
    ['malformed JSON on a status call', { operation: 'getRequestToPayStatus', kind: 'malformed' }],
    ['503 on status calls', { operation: 'getRequestToPayStatus', kind: 'http503', times: 3 }],
    ['401 mid-flight (token revoked)', { operation: 'getRequestToPayStatus', kind: 'unauthorized' }],
    ['slow token endpoint', { operation: 'token', kind: 'slow', delayMs: 300 }],
  ] as const)('%s', async (_name, fault) => {
    rig = await startEngineRig({ sim: { faults: [fault] } });
    const { sale, payment } = rig.engine.charge({ phone: '250788123456', amount: '2500' });
    const final = await rig.waitFor(payment.id);
    expect(final.status).toBe('successful');
    expect(rig.ledger.paymentsForSale(sale.id)).toHaveLength(1);
    expect(rig.sim.requestToPayCount(payment.referenceId)).toBe(1);
    expect(rig.sim.requestsToPay().filter((r) => r.referenceId !== payment.referenceId)).toHaveLength(0);
  });

  it('a lost answer shows as unknown first, then the status MoMo gives', async () => {
    rig = await startEngineRig({ sim: { faults: [{ operation: 'requestToPay', kind: 'drop-after' }] } });
    const { payment } = rig.engine.charge({ phone: '250788123456', amount: '2500' });
    await rig.waitFor(payment.id);
    expect(statusTrail(rig, payment.id)).toEqual(['recorded', 'sending', 'unknown', 'pending', 'successful']);
  });

  it('401 mid-flight: the token is refreshed once and the call repeated', async () => {
    rig = await startEngineRig({ sim: { faults: [{ operation: 'getRequestToPayStatus', kind: 'unauthorized' }] } });
    const { payment } = rig.engine.charge({ phone: '250788123456', amount: '2500' });
    await rig.waitFor(payment.id);
    expect(rig.sim.tokenRequests('collection')).toBe(2);
  });
});

describe('cashier actions', () => {
  it('stop waiting: the sale shows not paid, and a late approval still lands as paid', async () => {
    rig = await startEngineRig({ sim: { outcomes: { '250788000111': { status: 'SUCCESSFUL', afterMs: 1_200 } } } });
    const { sale, payment } = rig.engine.charge({ phone: '250788000111', amount: '3000' });
    await rig.waitFor(payment.id, (p) => p.status === 'pending');
    rig.engine.cancelWaiting(payment.id);
    expect(rig.ledger.getSale(sale.id)?.status).toBe('not_paid');
    const final = await rig.waitFor(payment.id);
    expect(final.status).toBe('successful');
    expect(rig.ledger.getSale(sale.id)?.status).toBe('paid');
  });

  it('retry makes a new reference only after the first is final; refused while one is live', async () => {
    rig = await startEngineRig();
    const live = rig.engine.charge({ phone: '46733123453', amount: '900' });
    await rig.waitFor(live.payment.id, (p) => p.status === 'pending');
    expect(() => rig!.engine.retry(live.sale.id)).toThrow(PosError);
    expect(rig.ledger.paymentsForSale(live.sale.id)).toHaveLength(1);

    const declined = rig.engine.charge({ phone: '46733123451', amount: '900' });
    await rig.waitFor(declined.payment.id);
    const second = rig.engine.retry(declined.sale.id);
    expect(second.payment.referenceId).not.toBe(declined.payment.referenceId);
    expect(second.payment.attempt).toBe(2);
    await rig.waitFor(second.payment.id);
    expect(rig.ledger.paymentsForSale(declined.sale.id).map((p) => p.status)).toEqual(['rejected', 'rejected']);
  });

  it('bad input is refused before anything is recorded or sent', async () => {
    rig = await startEngineRig();
    for (const [phone, amount, field] of [
      ['12', '1000', 'phone'],
      ['0788 123 456', '0', 'amount'],
      ['0788 123 456', '10.5', 'amount'],
      ['0788 123 456', '-5', 'amount'],
      ['', '100', 'phone'],
    ]) {
      let error: unknown;
      try {
        rig.engine.charge({ phone: phone!, amount: amount! });
      } catch (e) {
        error = e;
      }
      expect(error, `${phone} / ${amount}`).toBeInstanceOf(PosError);
      expect((error as PosError).field).toBe(field);
    }
    expect(rig.ledger.listSales({})).toHaveLength(0);
    expect(rig.sim.requestsToPay()).toHaveLength(0);
  });

  it('takes 0788 123 456, +250788123456 and 250788123456 as the same payer', async () => {
    rig = await startEngineRig();
    const payers = ['0788 123 456', '+250 788 123 456', '250788123456'].map((phone) => rig!.engine.charge({ phone, amount: '100', confirmDuplicate: true }).payment.msisdn);
    expect(new Set(payers)).toEqual(new Set(['250788123456']));
    // The same payer however written: a new charge of the same amount while those wait is asked about first.
    expect(() => rig!.engine.charge({ phone: '+250788123456', amount: '100' })).toThrow(/still waiting: receipt/);
  });
});

describe('the support transcript', () => {
  it('for seed 000 (INTERNAL_PROCESSING_ERROR) has its sections, no secret and a masked number', async () => {
    rig = await startEngineRig();
    const { sale, payment } = rig.engine.charge({ phone: '46733123450', amount: '1000' });
    const final = await rig.waitFor(payment.id);
    const text = renderTranscript({
      payment: final,
      sale: rig.ledger.getSale(sale.id)!,
      exchanges: rig.ledger.exchanges(payment.id) as never,
      merchantName: 'Test shop',
      generatedAt: new Date().toISOString(),
    });
    for (const heading of ['MTN MoMo API - Complete Request/Response Capture', 'STEP 1: GET ACCESS TOKEN', 'STEP 2: REQUEST TO PAY', 'STEP 3: CHECK PAYMENT STATUS', 'SUMMARY FOR MTN', 'SHARE THIS ENTIRE OUTPUT WITH MTN']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain(`Reference ID: ${payment.referenceId}`);
    expect(text).toContain('Failure Reason: INTERNAL_PROCESSING_ERROR');
    expect(text).toContain('Status Code: 202');
    expect(text).toContain('4673*****50');
    expect(text).not.toContain('46733123450');
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/Bearer (?!<jwt-redacted>)/);
    expect(text).not.toMatch(/Basic (?!<base64)/);
  });
});

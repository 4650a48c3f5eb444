/**
 * The fault-sequence property for refunds, the driver's third kind: whatever
 * MoMo and the network throw at a MoMo refund (and however often the manager
 * presses "Check now"), the refund reaches a final or re-checkable state, its
 * one reference is the only one MoMo ever saw for it (resends reuse it), it
 * is never paid twice, and the ledger still verifies.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFinal } from '../../../shared/payment-states';
import { createRefundEngine, type RefundEngine } from '../../../electron/core/till';
import type { Refund } from '../../../electron/core/ledger';
import { startEngineRig, type EngineRig } from '../../helpers/payments';
import { waitFor } from './rig';

const fault = fc.record({
  operation: fc.constantFrom('refund', 'getRefundStatus', 'token'),
  kind: fc.constantFrom('http500', 'http503', 'slow', 'drop-before', 'drop-after', 'unauthorized', 'malformed'),
  times: fc.integer({ min: 1, max: 3 }),
  delayMs: fc.constantFrom(100, 1_300),
});

const scenario = fc.record({
  phone: fc.constantFrom('250788123456', '46733123455', '46733123457'),
  faults: fc.array(fault, { maxLength: 4 }),
  managerRechecks: fc.integer({ min: 0, max: 3 }),
});

let rig: EngineRig;
let engine: RefundEngine;

beforeAll(async () => {
  rig = await startEngineRig({ sim: { disbursementDelayMs: 150 }, timeoutMs: 1_000 });
  const schedule = { firstDelayMs: 40, fastIntervalMs: 40, fastPhaseMs: 2_000, backoffFactor: 1.5, maxIntervalMs: 200, windowMs: 2_500 };
  engine = createRefundEngine({ ledger: rig.ledger, disbursement: () => rig.momo.disbursement, shopName: () => 'Test shop', schedule });
});
afterAll(async () => {
  engine.stop();
  await engine.idle();
  await rig.close();
});

describe('random fault sequences (refund)', () => {
  it('one reference per refund, never paid twice, always ends final or re-checkable', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        rig.sim.clearFaults();
        const ledger = rig.ledger;
        const { sale, payment } = ledger.createMomoSale({ amountMinor: 1000, currency: 'RWF', msisdn: s.phone, referenceId: randomUUID() });
        for (const to of ['sending', 'pending', 'successful'] as const) ledger.transitionPayment(payment.id, to, { source: 'poll' });
        for (const f of s.faults) rig.sim.injectFault(f);
        const refund = ledger.createRefund({ saleId: sale.id, amountMinor: 1000, currency: 'RWF', method: 'momo', via: 'refund', referenceId: randomUUID(), reason: 'property', by: 'manager' });
        engine.start(refund.id);
        for (let i = 0; i < s.managerRechecks; i++) await engine.recheck(refund.id).catch(() => undefined);
        const last: Refund = await waitFor(() => {
          const now = ledger.getRefund(refund.id)!;
          return isFinal(now.status) || now.status === 'timed_out' ? now : undefined;
        }, `refund ${refund.id}`, 30_000);
        rig.sim.clearFaults();
        await engine.idle();

        // One refund row, one reference: MoMo holds at most one refund for it however often it was sent (a resend reuses it).
        expect(ledger.refundsForSale(sale.id).map((r) => r.referenceId)).toEqual([refund.referenceId]);
        if (last.status === 'successful') expect(last.financialTransactionId).toBeTruthy();
        // Sent again only after MoMo said it never received it: each extra POST followed a 404 or a lost answer.
        if (rig.sim.postsReceived('refund', refund.referenceId!) > 1) expect(ledger.refundEvents(refund.id).map((e) => e.to)).toContain('unknown');
        expect(ledger.verify().ok).toBe(true);
      }),
      { numRuns: Number(process.env.MOMO_POS_PROPERTY_RUNS ?? 10), seed: Number(process.env.MOMO_POS_PROPERTY_SEED ?? 20261201), endOnFailure: true },
    );
  }, 400_000);
});

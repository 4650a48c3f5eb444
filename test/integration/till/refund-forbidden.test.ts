/**
 * Production's Disbursement answers 403 until MTN has whitelisted the shop's
 * public IP: a MoMo refund then fails at once with FORBIDDEN, and the
 * manager reads what to do (ask MTN to whitelist the shop's internet address)
 * in en, fr and rw. Real till, real ledger file, real HTTP to the simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { describeReason, LANGUAGES } from '../../../shared/messages';
import { MANAGER, startTillRig, type TillRig } from './rig';

let rig: TillRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('a MoMo refund while Disbursement is not whitelisted', () => {
  it('fails FORBIDDEN, frees the amount, and explains the IP whitelist', async () => {
    rig = await startTillRig({ sim: { notWhitelisted: ['disbursement'] } });
    await rig.ready();
    const { saleId } = await rig.paidMomoSale('2000');
    const created = await rig.till.createRefund({ saleId, amount: '2000', reason: 'returned', pin: MANAGER, method: 'momo' });
    const refund = await rig.waitForRefund(created.id);
    expect(refund).toMatchObject({ status: 'failed', reasonCode: 'FORBIDDEN' });
    expect(rig.ledger.refundEvents(created.id).map((event) => event.to)).toEqual(['recorded', 'sending', 'failed']);
    expect(rig.till.saleRefunds(saleId).refundableByMomoMinor).toBe(2000);
    // What the refund card shows (RefundCard: describeReason(reasonCode), the payment.reason. keys).
    const shown = describeReason(refund.reasonCode!, 'en');
    expect(`${shown.sentence} ${shown.nextStep}`).toMatch(/whitelist this shop’s internet address/);
    expect(describeReason('FORBIDDEN', 'fr').nextStep).toMatch(/liste blanche/);
    for (const language of LANGUAGES) expect(describeReason('FORBIDDEN', language).sentence).toContain('403');
  });
});

/**
 * What MoMo receives is a cleaned copy of the shop's name and the cashier's
 * note (shared/momo-text); the ledger and the receipt keep what was typed.
 * Real engine, real ledger file, real HTTP to the simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEngineRig, type EngineRig } from '../../helpers/payments';
import { startTillRig, MANAGER, type TillRig } from '../till/rig';
import { updateSettings } from '../../../electron/core/settings';

let rig: EngineRig | undefined;
let tillRig: TillRig | undefined;
afterEach(async () => {
  await rig?.close();
  await tillRig?.close();
  rig = undefined;
  tillRig = undefined;
});

describe('texts MoMo receives', () => {
  it('a request to pay from "Jean & Fils\' Boutique" with the note "Marie\'s order & co" leaves cleaned; the ledger keeps the note as typed', async () => {
    rig = await startEngineRig({ shopName: "Jean & Fils' Boutique" });
    const { sale, payment } = rig.engine.charge({ phone: '250788123456', amount: '1500', note: "Marie's order & co" });
    expect((await rig.waitFor(payment.id)).status).toBe('successful');
    const [received] = rig.sim.requestsToPay();
    expect(received?.body).toMatchObject({ payerMessage: 'Jean and Fils Boutique', payeeNote: `${sale.receiptNumber} Maries order and co` });
    expect(rig.ledger.getSale(sale.id)?.note).toBe("Marie's order & co");
  });

  it('a shop named only with emoji still sends a note: the receipt number', async () => {
    rig = await startEngineRig({ shopName: '☕🥐' });
    const { sale, payment } = rig.engine.charge({ phone: '250788123456', amount: '1500' });
    await rig.waitFor(payment.id);
    expect(rig.sim.requestsToPay()[0]?.body).toMatchObject({ payerMessage: sale.receiptNumber, payeeNote: sale.receiptNumber });
  });

  it('a MoMo refund says who pays back, cleaned', async () => {
    tillRig = await startTillRig();
    updateSettings(tillRig.ledger, { merchantName: "Jean & Fils' Boutique" });
    await tillRig.ready();
    const { saleId } = await tillRig.paidMomoSale('2000');
    const created = await tillRig.till.createRefund({ saleId, amount: '2000', reason: 'returned', pin: MANAGER, method: 'momo' });
    const refund = await tillRig.waitForRefund(created.id);
    expect(refund.status).toBe('successful');
    const answer = await tillRig.momo.disbursement.getRefundStatus(refund.referenceId!);
    const receipt = tillRig.ledger.getSale(saleId)!.receiptNumber;
    expect(answer).toMatchObject({ payerMessage: 'Refund from Jean and Fils Boutique', payeeNote: `Refund ${receipt}` });
  });
});

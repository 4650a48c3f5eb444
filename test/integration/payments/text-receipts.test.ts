/**
 * Text receipts over the real client and simulator: exactly one delivery
 * notification after a paid prompt, written to the ledger before it leaves,
 * at most once across restarts, never holding the sale up, a failure logged
 * and never a sale problem; off when the setting says so.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { textReceiptMessage } from '../../../electron/core/payments';
import { MOMO_TEXT_PATTERN } from '../../../shared/momo-text';
import { startEngineRig, type EngineRig } from '../../helpers/payments';

let rig: EngineRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('the text receipt', () => {
  it('goes once after the customer paid: shop, amount and receipt number, cleaned, ≤ 160 characters; recorded as sent', async () => {
    rig = await startEngineRig({ textReceipts: () => true, shopName: "Jean & Fils' Boutique" });
    const { sale, payment } = rig.engine.charge({ phone: '0788 123 456', amount: '12500' });
    expect((await rig.waitFor(payment.id)).status).toBe('successful');
    await rig.engine.idle();
    const texts = rig.sim.deliveryNotifications(payment.referenceId);
    expect(texts).toEqual([`Jean and Fils Boutique: paid 12500 RWF, receipt ${sale.receiptNumber}. Thank you`]);
    expect(texts[0]).toMatch(MOMO_TEXT_PATTERN);
    expect(rig.ledger.getTextReceipt(payment.id)).toMatchObject({ status: 'sent', message: texts[0] });
    // A later "Check now" on the paid sale sends nothing more.
    await rig.engine.recheck(payment.id);
    await rig.engine.idle();
    expect(rig.sim.deliveryNotifications(payment.referenceId)).toHaveLength(1);
  });

  it('a shop name too long still gives one text of at most 160 characters', () => {
    const text = textReceiptMessage({ shopName: 'Boutique '.repeat(30), amountMinor: 1050, currency: 'GHS', receiptNumber: 'POS1-000001' });
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text).toMatch(MOMO_TEXT_PATTERN);
  });

  it('none for a declined prompt, none for an invoice, none when switched off in Settings', async () => {
    let on = true;
    rig = await startEngineRig({ textReceipts: () => on, merchantMsisdn: '250788000111', sim: { invoicePaidAfterMs: 100 } });
    const declined = rig.engine.charge({ phone: '46733123451', amount: '1000' });
    const invoice = rig.engine.payLater({ phone: '0788 123 456', amount: '1000' });
    await Promise.all([rig.waitFor(declined.payment.id), rig.waitFor(invoice.payment.id)]);
    on = false;
    const off = rig.engine.charge({ phone: '0788 123 456', amount: '1000' });
    await rig.waitFor(off.payment.id);
    await rig.engine.idle();
    for (const p of [declined.payment, invoice.payment, off.payment]) {
      expect(rig.sim.deliveryNotifications(p.referenceId)).toEqual([]);
      expect(rig.ledger.getTextReceipt(p.id)).toBeUndefined();
    }
  });

  it('a failure is logged and recorded, never a sale problem, never retried', async () => {
    rig = await startEngineRig({ textReceipts: () => true });
    rig.sim.injectFault({ operation: 'requestToPayDeliveryNotification', kind: 'http500', times: 5 });
    const { sale, payment } = rig.engine.charge({ phone: '0788 123 456', amount: '3000' });
    expect((await rig.waitFor(payment.id)).status).toBe('successful');
    await rig.engine.idle();
    expect(rig.ledger.getSale(sale.id)?.status).toBe('paid');
    expect(rig.ledger.getTextReceipt(payment.id)).toMatchObject({ status: 'failed', error: expect.any(String) });
    expect(rig.logs.join('\n')).toMatch(new RegExp(`text receipt for payment ${payment.id} not sent`));
    expect(rig.sim.stats().byOperation.requestToPayDeliveryNotification).toBe(1);
  });

  it('never holds the sale up: the payment is final while MoMo is still slow to take the text', async () => {
    rig = await startEngineRig({ textReceipts: () => true, timeoutMs: 3_000 });
    rig.sim.injectFault({ operation: 'requestToPayDeliveryNotification', kind: 'slow', delayMs: 1_500 });
    const { payment } = rig.engine.charge({ phone: '0788 123 456', amount: '3000' });
    expect((await rig.waitFor(payment.id)).status).toBe('successful');
    expect(rig.ledger.getTextReceipt(payment.id)?.status).toBe('sending'); // written before it left, still on its way
    await rig.engine.idle();
    expect(rig.ledger.getTextReceipt(payment.id)?.status).toBe('sent');
  });

  it('across a restart: one cut off mid-send is never sent again; a paid prompt with no text yet gets exactly one', async () => {
    rig = await startEngineRig({ textReceipts: () => true, schedule: { windowMs: 60_000 } });
    const ledger = rig.ledger;
    // As a SIGKILL leaves them: both paid; one text claimed ('sending') before the POST, the other never started.
    const pay = (amountMinor: number) => {
      const { payment } = ledger.createMomoSale({ amountMinor, currency: 'RWF', msisdn: '250788123456', referenceId: randomUUID() });
      for (const to of ['sending', 'pending', 'successful'] as const) ledger.transitionPayment(payment.id, to, { source: 'poll' });
      return payment;
    };
    const cutOff = pay(1000);
    const untexted = pay(2000);
    expect(ledger.claimTextReceipt({ paymentId: cutOff.id, message: 'Test shop: paid 1000 RWF' })).toBe(true);
    // The simulator must know the untexted one as paid to accept its notification.
    await rig.momo.collection.requestToPay({ referenceId: untexted.referenceId, amount: '2000', currency: 'RWF', externalId: 'x', payer: { partyIdType: 'MSISDN', partyId: '250788123456' } });
    rig.sim.decide(untexted.referenceId, { status: 'SUCCESSFUL' });

    await rig.engine.recover();
    await rig.engine.idle();
    expect(ledger.getTextReceipt(cutOff.id)).toMatchObject({ status: 'unknown' });
    expect(rig.sim.deliveryNotifications(cutOff.referenceId)).toEqual([]);
    expect(ledger.getTextReceipt(untexted.id)?.status).toBe('sent');
    expect(rig.sim.deliveryNotifications(untexted.referenceId)).toHaveLength(1);

    // A second restart sends nothing more.
    await rig.engine.recover();
    await rig.engine.idle();
    expect(rig.sim.deliveryNotifications(untexted.referenceId)).toHaveLength(1);
    expect(ledger.claimTextReceipt({ paymentId: untexted.id, message: 'again' })).toBe(false);
    expect(ledger.verify().ok).toBe(true);
  });
});

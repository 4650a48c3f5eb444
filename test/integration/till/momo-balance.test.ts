/**
 * The MoMo balance on the shift, against the real simulator's merchant
 * wallet: read at opening and closing (and on demand for the X report),
 * journaled, held against the shift's MoMo sales − MoMo refunds − fees on
 * the Z; "not read" when MoMo cannot be reached, never a guess.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createPaymentEngine, INVOICE_SCHEDULE } from '../../../electron/core/payments';
import { feeFor, RWANDA_FEES } from '../../../electron/core/till';
import { MARKETS } from '../../../shared/markets';
import { fromDecimalString, toDecimalString } from '../../../shared/money';
import { removeTempDirs } from '../../helpers/ledger';
import { ANN, MANAGER, startTillRig, waitFor, type TillRig } from './rig';

let rig: TillRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  removeTempDirs();
});

/** A rig whose simulator wallet speaks RWF and keeps Rwanda's fee: what a real account would show. */
async function start(fee = (amount: string) => toDecimalString(feeFor(fromDecimalString(amount, 'RWF'), RWANDA_FEES), 'RWF')) {
  rig = await startTillRig({ sim: { walletCurrency: () => 'RWF', openingBalance: '1000000', collectionFee: fee } });
  const till = rig.newTill({ collection: () => rig!.momo.collection });
  await till.setManagerPin({ pin: MANAGER });
  await till.setCashier({ name: 'Ann', pin: ANN, managerPin: MANAGER });
  return { rig, till };
}

describe('the MoMo balance on the shift', () => {
  it('is read at opening and closing; the Z shows both, the change, the expected change and no difference when the account matches', async () => {
    const { rig, till } = await start();
    const shift = await till.openShift({ cashier: 'Ann', pin: ANN, openingFloat: '5000' });
    expect(rig.ledger.momoBalances(shift.id).open).toMatchObject({ availableMinor: 1_000_000, currency: 'RWF' });

    const big = await rig.paidMomoSale('5000'); // fee 25 (0.5 % above 4,000)
    await rig.paidMomoSale('3000'); // no fee
    expect(big.payment.status).toBe('successful');
    const refund = await till.createRefund({ saleId: big.saleId, amount: '1000', reason: 'one item back', pin: MANAGER, method: 'momo' });
    expect((await rig.waitForRefund(refund.id)).status).toBe('successful');

    const closed = await till.closeShift({ countedCash: '5000', pin: MANAGER });
    expect(closed.report.momoBalance).toEqual({
      open: { at: expect.any(String), availableMinor: 1_000_000 },
      close: { at: expect.any(String), availableMinor: 1_006_975 },
      changeMinor: 6_975,
      expectedChangeMinor: 8_000 - 1_000 - 25,
      differenceMinor: 0,
    });
    expect(closed.html.A4).toContain('MoMo account balance');
    expect(closed.html.A4).toContain('The MoMo account matches.');
    // Frozen with the Z: a reprint shows the same readings.
    expect((await till.zReport({ pin: MANAGER })).report.momoBalance).toEqual(closed.report.momoBalance);
    const readings = rig.ledger.journal().filter((entry) => entry.kind === 'momo.balance');
    expect(readings.map((entry) => [entry.body.moment, entry.body.availableMinor, entry.body.problem])).toEqual([
      ['open', 1_000_000, null],
      ['close', 1_006_975, null],
    ]);
    expect(rig.ledger.verify().ok).toBe(true);
  });

  it('highlights the difference when money moved on the account outside the till', async () => {
    const { rig, till } = await start();
    await till.openShift({ cashier: 'Ann', pin: ANN, openingFloat: '0' });
    await rig.paidMomoSale('2000');
    // Someone sends money out of the merchant account from elsewhere.
    const referenceId = randomUUID();
    await rig.momo.disbursement.transfer({ referenceId, amount: '700', currency: 'RWF', externalId: 'elsewhere', payee: { partyIdType: 'MSISDN', partyId: '250788999999' } });

    const closed = await till.closeShift({ countedCash: '0', pin: MANAGER });
    expect(closed.report.momoBalance).toMatchObject({ changeMinor: 1_300, expectedChangeMinor: 2_000, differenceMinor: -700 });
    expect(closed.html.A4).toContain('CHECK THE MOMO ACCOUNT');
    expect(closed.html.A4).toContain('Money that did not arrive, or other activity on the account.');
  });

  it('says "not read" when MoMo cannot be reached — at opening or closing — and then shows no change and no difference', async () => {
    const { rig, till } = await start();
    rig.sim.injectFault({ operation: 'getAccountBalance', kind: 'http503', times: 10 });
    const shift = await till.openShift({ cashier: 'Ann', pin: ANN, openingFloat: '0' });
    rig.sim.clearFaults();
    expect(rig.ledger.momoBalances(shift.id).open).toMatchObject({ problem: expect.any(String) });
    expect(rig.ledger.momoBalances(shift.id).open?.availableMinor).toBeUndefined();
    await rig.paidMomoSale('2000');

    const closed = await till.closeShift({ countedCash: '0', pin: MANAGER });
    const check = closed.report.momoBalance!;
    expect(check.open?.availableMinor).toBeUndefined();
    expect(check.close?.availableMinor).toBe(1_002_000);
    expect(check.expectedChangeMinor).toBe(2_000);
    expect(check).not.toHaveProperty('changeMinor');
    expect(check).not.toHaveProperty('differenceMinor');
    expect(closed.html.A4).toMatch(/not read \(/);
    expect(rig.ledger.verify().ok).toBe(true);
  });

  it('a balance MoMo gives in another currency is not read, never converted', async () => {
    rig = await startTillRig({ sim: { walletCurrency: () => 'EUR' } });
    const till = rig.newTill({ collection: () => rig!.momo.collection });
    await till.setManagerPin({ pin: MANAGER });
    await till.setCashier({ name: 'Ann', pin: ANN, managerPin: MANAGER });
    const shift = await till.openShift({ cashier: 'Ann', pin: ANN, openingFloat: '0' });
    expect(rig.ledger.momoBalances(shift.id).open).toMatchObject({ problem: 'OTHER_CURRENCY' });
  });

  it('the X report reads it on demand only, without writing anything to the ledger', async () => {
    const { rig, till } = await start();
    await till.openShift({ cashier: 'Ann', pin: ANN, openingFloat: '0' });
    await rig.paidMomoSale('1500');
    const plain = till.xReport();
    expect(plain.report.momoBalance).toEqual({ open: { at: expect.any(String), availableMinor: 1_000_000 }, expectedChangeMinor: 1_500 });
    expect(plain.html.A4).toContain('not read yet');

    expect(await till.readBalanceNow()).toMatchObject({ availableMinor: 1_001_500 });
    // Every X of the shift shows the latest reading until it closes.
    await rig.paidMomoSale('500');
    const x = till.xReport();
    // The sale after the reading is not in it: its own line, not a difference.
    expect(x.report.momoBalance).toMatchObject({ close: { availableMinor: 1_001_500 }, changeMinor: 1_500, expectedChangeMinor: 1_500, differenceMinor: 0 });
    expect(rig.ledger.journal().filter((entry) => entry.kind === 'momo.balance')).toHaveLength(1);
  });
});

describe('a pay-later invoice paid between shifts (the Z never cries wolf)', () => {
  it('is in the next Z’s sales, on its own line, and never a difference: the change counts what reached the account during the shift', async () => {
    rig = await startTillRig({
      sim: { walletCurrency: () => 'RWF', openingBalance: '1000000', invoicePaidAfterMs: 400, collectionFee: (amount) => toDecimalString(feeFor(fromDecimalString(amount, 'RWF'), RWANDA_FEES), 'RWF') },
    });
    const r = rig;
    const till = r.newTill({ collection: () => r.momo.collection });
    await till.setManagerPin({ pin: MANAGER });
    await till.setCashier({ name: 'Ann', pin: ANN, managerPin: MANAGER });

    // Shift 2 of the issue: an invoice of RWF 5,500 sent, the shift closed while it is still open.
    await till.openShift({ cashier: 'Ann', pin: ANN, openingFloat: '0' });
    const { payment } = r.engine.payLater({ phone: '0788 123 456', amount: '5500' });
    const first = await till.closeShift({ countedCash: '0', pin: MANAGER });
    expect(first.report.invoices).toMatchObject({ sent: 1, open: 1 });
    expect(first.report.momoBalance).toMatchObject({ changeMinor: 0, expectedChangeMinor: 0, differenceMinor: 0 });
    expect(first.report.momoBalance).not.toHaveProperty('betweenShifts');

    // Paid before the next shift opens: the money is in the next opening balance.
    await waitFor(() => (r.ledger.getPayment(payment.id)!.status === 'successful' ? true : undefined), 'the invoice paid');
    const fee = feeFor(550_0, RWANDA_FEES);
    expect(fee).toBe(28);

    // Shift 3: a prompt paid during it, then closed.
    await till.openShift({ cashier: 'Ann', pin: ANN, openingFloat: '0' });
    await r.paidMomoSale('2000');
    const second = await till.closeShift({ countedCash: '0', pin: MANAGER });
    // The sale counts in this Z (its money arrived after the last one)…
    expect(second.report.sales.momo).toEqual({ count: 2, amountMinor: 7_500 });
    expect(second.report.invoices).toMatchObject({ paid: 1 });
    // …but the balance check holds the readings against what moved between them: no wolf.
    expect(second.report.momoBalance).toEqual({
      open: { at: expect.any(String), availableMinor: 1_000_000 + 5_500 - fee },
      close: { at: expect.any(String), availableMinor: 1_000_000 + 5_500 - fee + 2_000 },
      changeMinor: 2_000,
      expectedChangeMinor: 2_000,
      betweenShifts: { count: 1, amountMinor: 5_500 - fee },
      differenceMinor: 0,
    });
    expect(second.html.A4).toContain('Reached the account between shifts');
    expect(second.html.A4).toContain('The MoMo account matches.');
    expect(second.html.A4).not.toContain('CHECK THE MOMO ACCOUNT');
    expect(rig.ledger.verify().ok).toBe(true);
  });

  it('the X holds an on-demand reading against what arrived before it: a payment after the reading is not a difference', async () => {
    const { rig, till } = await start();
    await till.openShift({ cashier: 'Ann', pin: ANN, openingFloat: '0' });
    await rig.paidMomoSale('1500');
    expect(await till.readBalanceNow()).toMatchObject({ availableMinor: 1_001_500 });
    await rig.paidMomoSale('500');
    const x = till.xReport();
    expect(x.report.momoBalance).toMatchObject({ changeMinor: 1_500, expectedChangeMinor: 1_500, betweenShifts: { count: 1, amountMinor: 500 }, differenceMinor: 0 });
  });

  it('paid while the app was closed between shifts: the till asks MoMo before the opening reading, so the Z of shift 3 shows no difference', async () => {
    rig = await startTillRig({
      sim: { walletCurrency: () => 'RWF', openingBalance: '1000000', invoicePaidAfterMs: 300, collectionFee: (amount) => toDecimalString(feeFor(fromDecimalString(amount, 'RWF'), RWANDA_FEES), 'RWF') },
    });
    const r = rig;
    // The app as it reopens: a fresh engine on the same ledger, its invoices' next look a minute away.
    const reopened = () =>
      createPaymentEngine({
        ledger: r.ledger,
        collection: r.momo.collection,
        currency: 'RWF',
        phoneRules: { country: MARKETS.mtnrwanda.country, mtnPrefixes: MARKETS.mtnrwanda.mtnPrefixes, training: false },
        shopName: () => 'Test shop',
        merchantMsisdn: () => '250788000111',
        // No poll due before shift 3 opens (the app was closed; its first look comes later).
        invoiceSchedule: { ...INVOICE_SCHEDULE, firstDelayMs: 60_000, fastIntervalMs: 60_000 },
      });
    const fee = feeFor(5_500, RWANDA_FEES);

    const story = async (checkFirst: boolean) => {
      const first = reopened();
      const till = r.newTill({ collection: () => r.momo.collection });
      if ((await till.status()).managerPinSet === false) {
        await till.setManagerPin({ pin: MANAGER });
        await till.setCashier({ name: 'Ann', pin: ANN, managerPin: MANAGER });
      }
      // Shift 2: an invoice of RWF 5,500 sent; the shift closed while it is open; the app closed.
      await till.openShift({ cashier: 'Ann', pin: ANN, openingFloat: '0' });
      const { payment } = first.payLater({ phone: '0788 123 456', amount: '5500' });
      await waitFor(() => (r.ledger.getPayment(payment.id)!.status === 'pending' ? true : undefined), 'the invoice sent');
      expect((await till.closeShift({ countedCash: '0', pin: MANAGER })).report.invoices).toMatchObject({ open: 1 });
      first.stop();
      await first.idle();
      // Paid while the app is closed.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(r.ledger.getPayment(payment.id)!.status).toBe('pending');

      // The app reopens; shift 3 opens at once and closes.
      const engine = reopened();
      await engine.recover();
      const next = r.newTill({ collection: () => r.momo.collection, ...(checkFirst ? { beforeOpeningReading: () => engine.checkUnfinished() } : {}) });
      await next.openShift({ cashier: 'Ann', pin: ANN, openingFloat: '0' });
      if (!checkFirst) await engine.recheck(payment.id); // learned after the reading, as the slow poll would
      expect(r.ledger.getPayment(payment.id)!.status).toBe('successful');
      const z3 = await next.closeShift({ countedCash: '0', pin: MANAGER });
      engine.stop();
      await engine.idle();
      return z3;
    };

    // Before the fix (no check before the reading): the wolf of the issue, −5,472.
    const wolf = await story(false);
    expect(wolf.report.momoBalance).toMatchObject({ changeMinor: 0, expectedChangeMinor: 5_500 - fee, differenceMinor: -(5_500 - fee) });
    expect(5_500 - fee).toBe(5_472);

    // With it: the payment is journaled before the opening reading — in Z3's sales, its own line, no difference.
    const z3 = await story(true);
    expect(z3.report.sales.momo).toEqual({ count: 1, amountMinor: 5_500 });
    expect(z3.report.momoBalance).toMatchObject({ changeMinor: 0, expectedChangeMinor: 0, betweenShifts: { count: 1, amountMinor: 5_472 }, differenceMinor: 0 });
    expect(z3.html.A4).toContain('Reached the account between shifts');
    expect(z3.html.A4).toContain('The MoMo account matches.');
    expect(z3.html.A4).not.toContain('CHECK THE MOMO ACCOUNT');
    const asked = r.ledger.journal().filter((entry) => entry.kind === 'payment.final' || entry.kind === 'momo.balance').map((entry) => entry.kind);
    // Second story: the invoice's final entry comes before shift 3's opening reading.
    expect(asked.slice(-3)).toEqual(['payment.final', 'momo.balance', 'momo.balance']);
    expect(r.ledger.verify().ok).toBe(true);
  });
});

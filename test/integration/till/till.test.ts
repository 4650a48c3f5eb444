/**
 * The till against a real ledger file and the real simulator: PINs, shifts,
 * the drawer, Z reports that never change, and refunds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PosError } from '../../../shared/errors';
import { removeTempDirs, rowCounts } from '../../helpers/ledger';
import { ANN, MANAGER, startTillRig, type TillRig } from './rig';

let rig: TillRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  removeTempDirs();
});
const start = async (...args: Parameters<typeof startTillRig>) => (rig = await startTillRig(...args));

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<PosError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(PosError);
    return error as PosError;
  }
  throw new Error('did not fail');
}

describe('the manager PIN', () => {
  it('is set on first use, kept only as a salted scrypt hash, and changing it needs the current one', async () => {
    const { till, ledger } = await start();
    expect(till.status().managerPinSet).toBe(false);
    // Before it exists, nothing that needs it can happen.
    expect((await failure(till.zReport({ pin: '0000' }))).code).toBe('FORBIDDEN');
    await till.setManagerPin({ pin: MANAGER });
    expect(till.status().managerPinSet).toBe(true);
    const stored = ledger.getSetting<Record<string, unknown>>('till.managerPin')!;
    expect(stored).toMatchObject({ kdf: 'scrypt' });
    expect(JSON.stringify(ledger.allSettings())).not.toContain(MANAGER);
    expect(JSON.stringify(ledger.journal())).not.toContain(MANAGER);

    expect((await failure(till.setManagerPin({ pin: '739105' }))).code).toBe('UNAUTHORIZED');
    expect((await failure(till.setManagerPin({ pin: '739105', currentPin: '999999' }))).code).toBe('UNAUTHORIZED');
    await till.setManagerPin({ pin: '739105', currentPin: MANAGER });
    expect((await failure(till.setCashier({ name: 'Ann', pin: ANN, managerPin: MANAGER }))).code).toBe('UNAUTHORIZED');
    await till.setCashier({ name: 'Ann', pin: ANN, managerPin: '739105' });
    expect(ledger.journal().filter((e) => e.kind === 'pin.changed').map((e) => [e.body.action, e.body.who, e.body.name])).toEqual([
      ['changeManagerPin', 'manager', null],
      ['changeManagerPin', 'manager', null],
      ['setCashier', 'cashier', 'Ann'],
    ]);
    expect(ledger.verify().ok).toBe(true);
  });

  it('a wrong PIN is refused and logged — journaled with the action, never the digits — and five in a row lock PIN entry for a minute', async () => {
    const { till, ledger, logs, clock } = await start();
    await rig!.ready();
    const before = ledger.journal().length;
    const wrong = await failure(till.closeShift({ countedCash: '5000', pin: '000000' }));
    expect(wrong).toMatchObject({ code: 'UNAUTHORIZED', field: 'pin', message: 'Wrong manager PIN.' });
    expect(ledger.currentShift()).toBeDefined();
    const entry = ledger.journal().at(-1)!;
    expect(entry.kind).toBe('pin.refused');
    expect(entry.body).toMatchObject({ action: 'closeShift', who: 'manager', name: null });
    expect(JSON.stringify(entry)).not.toContain('000000');
    expect(logs.at(-1)).toBe('wrong manager PIN for closeShift (1 in a row)');
    expect(logs.join('\n')).not.toContain('000000');
    // A cashier's wrong PIN names the cashier, not the PIN.
    await till.closeShift({ countedCash: '5000', pin: MANAGER });
    expect((await failure(till.openShift({ cashier: 'ann', pin: '2468', openingFloat: '0' }))).message).toBe('Wrong PIN for Ann.');
    expect(ledger.journal().at(-1)!.body).toMatchObject({ action: 'openShift', who: 'cashier', name: 'Ann' });

    for (let i = 0; i < 3; i++) expect((await failure(till.zReport({ pin: '999999' }))).code).toBe('UNAUTHORIZED');
    const locked = await failure(till.zReport({ pin: '999999' }));
    expect(locked).toMatchObject({ code: 'FORBIDDEN', message: 'Too many wrong PINs. Try again in 60 seconds.' });
    expect(till.status().pinLockedForSeconds).toBe(60);
    // Locked means locked: the right PIN waits too, and nothing more is journaled meanwhile.
    const refused = ledger.journal().filter((e) => e.kind === 'pin.refused').length;
    expect((await failure(till.zReport({ pin: MANAGER }))).code).toBe('FORBIDDEN');
    expect(ledger.journal().filter((e) => e.kind === 'pin.refused').length).toBe(refused);
    clock.now += 61_000;
    expect((await till.zReport({ pin: MANAGER })).report.z.number).toBe(1);
    expect(ledger.journal().length).toBeGreaterThan(before);
    expect(ledger.verify().ok).toBe(true);
  });
});

describe('shifts and the drawer', () => {
  it('a cashier signs in with name and PIN; every sale of the shift carries the name without the counter asking', async () => {
    const { till, ledger } = await start();
    await till.setManagerPin({ pin: MANAGER });
    expect((await failure(till.openShift({ cashier: 'Ann', pin: ANN, openingFloat: '0' }))).field).toBe('cashier');
    await till.setCashier({ name: '  Ann  ', pin: ANN, managerPin: MANAGER });
    expect(till.status().cashiers).toEqual(['Ann']);
    const shift = await till.openShift({ cashier: 'ANN', pin: ANN, openingFloat: '0' });
    expect(shift).toMatchObject({ cashier: 'Ann', openingFloatMinor: 0, status: 'open' });
    expect((await failure(till.openShift({ cashier: 'Ann', pin: ANN, openingFloat: '0' }))).code).toBe('CONFLICT');
    const { sale: cash } = ledger.createCashSale({ amountMinor: 700, currency: 'RWF' });
    expect(cash).toMatchObject({ cashier: 'Ann', paidCashBy: 'Ann', shiftId: shift.id, paidCashShiftId: shift.id });
    const { saleId } = await rig!.paidMomoSale('1500');
    expect(ledger.getSale(saleId)!.cashier).toBe('Ann');
    // A name the counter gives still wins.
    expect(ledger.createCashSale({ amountMinor: 100, currency: 'RWF', cashier: 'Ben' }).sale.cashier).toBe('Ben');
  });

  it('cash in needs no PIN, cash out needs the manager’s; both need an open shift and a reason', async () => {
    const { till } = await start();
    expect((await failure(till.cashMovement({ kind: 'in', amount: '1000', reason: 'change' }))).code).toBe('CONFLICT');
    await rig!.ready('2000');
    await till.cashMovement({ kind: 'in', amount: '1 000', reason: 'change from the bank' });
    expect((await failure(till.cashMovement({ kind: 'out', amount: '500', reason: 'bread' }))).code).toBe('UNAUTHORIZED');
    expect((await failure(till.cashMovement({ kind: 'out', amount: '500', reason: 'bread', pin: '000000' }))).code).toBe('UNAUTHORIZED');
    const out = await till.cashMovement({ kind: 'out', amount: '500', reason: 'bread', pin: MANAGER });
    expect(out).toMatchObject({ kind: 'out', amountMinor: 500, by: 'manager', reason: 'bread' });
    const x = till.xReport().report;
    expect(x.cash).toMatchObject({ openingFloatMinor: 2000, inMinor: 1000, outMinor: 500, expectedMinor: 2500 });
    expect(x.cash.movements.map((m) => [m.kind, m.by])).toEqual([
      ['in', 'Ann'],
      ['out', 'manager'],
    ]);
  });
});

describe('the Z report', () => {
  it('closing freezes a numbered Z equal to the X just before it; it cannot be changed, and a forged one does not verify', async () => {
    const { till, ledger } = await start();
    await rig!.ready('5000');
    ledger.createCashSale({ amountMinor: 3000, currency: 'RWF' });
    await rig!.paidMomoSale('6000');
    const x = till.xReport().report;
    const closed = await till.closeShift({ countedCash: '7500', pin: MANAGER });
    const z = closed.report;
    expect(z.kind).toBe('Z');
    expect(z.z).toMatchObject({ number: 1, salesMinor: 9000, refundsMinor: 0, previousGrandSalesMinor: 0, grandSalesMinor: 9000, grandRestarted: false });
    for (const part of ['sales', 'refunds', 'prompts', 'cashiers', 'hours', 'fees', 'salesStarted', 'netMinor'] as const) expect(z[part]).toEqual(x[part]);
    expect(z.cash).toMatchObject({ expectedMinor: 8000, countedMinor: 7500, differenceMinor: -500 });
    expect(z.z.lastHash).toBe(ledger.journal().find((e) => e.seq === z.z.toSeq)!.hash);
    expect(closed.html.A4).toContain('CASH MISSING');
    expect(closed.shift.status).toBe('closed');
    expect(ledger.journal().at(-1)!.kind).toBe('till.z_report');

    // The row refuses every change…
    expect(() => ledger.db.prepare(`UPDATE z_reports SET sales_minor = 1`).run()).toThrow(/append-only/);
    expect(() => ledger.db.prepare(`DELETE FROM z_reports`).run()).toThrow(/append-only/);
    // …a reprint is the same frozen report, marked COPY, even after the ledger moved on…
    ledger.createCashSale({ amountMinor: 100, currency: 'RWF' });
    const copy = await till.zReport({ pin: MANAGER, number: 1 });
    expect({ ...copy.report, copy: false }).toEqual(z);
    expect(copy.report.copy).toBe(true);
    expect(copy.html.A4).toContain('COPY');
    expect(ledger.verify().ok).toBe(true);
    // …and someone who drops the guard to edit it is caught by verify.
    ledger.db.exec('DROP TRIGGER z_reports_no_update');
    const forged = JSON.stringify({ ...JSON.parse((ledger.db.prepare('SELECT report FROM z_reports').get() as { report: string }).report), netMinor: 1 });
    ledger.db.prepare('UPDATE z_reports SET report = ?').run(forged);
    const verdict = ledger.verify();
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.problems.map((p) => p.what)).toContain('the frozen report of Z No. 1 does not match its hash: it was changed');
  });

  it('Z numbers run on with the grand total carried; a MoMo success that lands after its shift closed counts in the next Z; a missing Z shows', async () => {
    const { till, ledger, engine } = await start({ sim: { approvalDelayMs: 400 } });
    await rig!.ready('0');
    ledger.createCashSale({ amountMinor: 1000, currency: 'RWF' });
    const late = engine.charge({ phone: '0788 123 456', amount: '2500' });
    const z1 = (await till.closeShift({ countedCash: '1000', pin: MANAGER })).report;
    expect(z1.z).toMatchObject({ number: 1, salesMinor: 1000, grandSalesMinor: 1000 });
    expect(z1.prompts.waiting).toBe(1);
    for (let i = 0; i < 100 && ledger.getPayment(late.payment.id)!.status !== 'successful'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(ledger.getPayment(late.payment.id)!.status).toBe('successful');
    await till.openShift({ cashier: 'Ann', pin: ANN, openingFloat: '0' });
    ledger.createCashSale({ amountMinor: 400, currency: 'RWF' });
    const z2 = (await till.closeShift({ countedCash: '400', pin: MANAGER })).report;
    expect(z2.sales.momo).toEqual({ count: 1, amountMinor: 2500 });
    expect(z2.cash.expectedMinor).toBe(400); // MoMo money never enters the drawer
    expect(z2.z).toMatchObject({ number: 2, fromSeq: z1.z.toSeq, salesMinor: 2900, previousGrandSalesMinor: 1000, grandSalesMinor: 3900 });
    expect(till.status().lastZ?.number).toBe(2);
    expect(ledger.verify().ok).toBe(true);

    ledger.db.exec('DROP TRIGGER z_reports_no_delete');
    ledger.db.prepare('DELETE FROM z_reports WHERE number = 1').run();
    const verdict = ledger.verify();
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      const what = verdict.problems.map((p) => p.what);
      expect(what).toContain('the Z report is missing from the z_reports table');
      expect(what).toContain('Z report numbers of device POS1 jump from 0 to 2: a Z report is missing');
    }
  });
});

describe('refunds', () => {
  it('more than was paid is refused, and nothing is written', async () => {
    const { till, ledger } = await start();
    await rig!.ready();
    const { saleId } = await rig!.paidMomoSale('1000');
    const before = rowCounts(ledger.db);
    const head = ledger.journalHead();
    const tooMuch = await failure(till.createRefund({ saleId, amount: '1001', reason: 'returned', pin: MANAGER, method: 'cash' }));
    expect(tooMuch).toMatchObject({ code: 'VALIDATION', field: 'amount' });
    expect(tooMuch.message).toBe('That is more than was paid: at most RWF 1,000 is left to refund on sale POS1-000001.');
    expect((await failure(till.createRefund({ saleId, amount: '1001', reason: 'returned', pin: MANAGER, method: 'momo' }))).field).toBe('amount');
    expect(rowCounts(ledger.db)).toEqual(before);
    expect(ledger.journalHead()).toEqual(head);

    await till.createRefund({ saleId, amount: '400', reason: 'one item back', pin: MANAGER, method: 'cash' });
    expect(till.saleRefunds(saleId)).toMatchObject({ paidMomoMinor: 1000, refundedMinor: 400, refundableMinor: 600, refundableByMomoMinor: 600 });
    expect((await failure(till.createRefund({ saleId, amount: '601', reason: 'x', pin: MANAGER, method: 'cash' }))).field).toBe('amount');
    await till.createRefund({ saleId, amount: '600', reason: 'the rest', pin: MANAGER, method: 'cash' });
    expect((await failure(till.createRefund({ saleId, amount: '1', reason: 'x', pin: MANAGER, method: 'cash' }))).code).toBe('CONFLICT');
    // Refunds need the manager PIN.
    expect((await failure(till.createRefund({ saleId, amount: '1', reason: 'x', pin: '000000', method: 'cash' }))).code).toBe('UNAUTHORIZED');
  });

  it('a cash refund comes out of the drawer (a MoMo sale may be refunded in cash), never beyond what it holds; without an open shift it is refused', async () => {
    const { till, ledger } = await start();
    await rig!.ready('1000');
    const { saleId } = await rig!.paidMomoSale('3000');
    const head = ledger.journalHead();
    const beyond = await failure(till.createRefund({ saleId, amount: '1200', reason: 'damaged', pin: MANAGER, method: 'cash' }));
    expect(beyond).toMatchObject({ code: 'VALIDATION', field: 'amount', message: 'Only RWF 1,000 is expected in the drawer: not enough to pay out RWF 1,200.' });
    expect(ledger.journalHead()).toEqual(head);
    const refund = await till.createRefund({ saleId, amount: '1000', reason: 'damaged', pin: MANAGER, method: 'cash' });
    expect(refund).toMatchObject({ method: 'cash', status: 'successful', amountMinor: 1000 });
    const x = till.xReport().report;
    expect(x.refunds.cash).toEqual({ count: 1, amountMinor: 1000 });
    expect(x.cash).toMatchObject({ openingFloatMinor: 1000, salesMinor: 0, refundsMinor: 1000, expectedMinor: 0 });
    await till.closeShift({ countedCash: '0', pin: MANAGER });
    expect((await failure(till.createRefund({ saleId, amount: '100', reason: 'x', pin: MANAGER, method: 'cash' }))).message).toMatch(/No shift is open/);
  });

  it('a MoMo refund goes through Disbursement: reference stored before it leaves, tracked like a payment to successful, linked to the sale and journaled', async () => {
    const { till, ledger, sim } = await start();
    await rig!.ready();
    const { saleId, payment } = await rig!.paidMomoSale('5000');
    const created = await till.createRefund({ saleId, amount: '2000', reason: 'returned', pin: MANAGER, method: 'momo' });
    expect(created).toMatchObject({ saleId, method: 'momo', via: 'refund', amountMinor: 2000, maskedPayee: '2507******56' });
    const row = ledger.getRefund(created.id)!;
    expect(row.referenceId).toMatch(/^[0-9a-f-]{36}$/);
    const done = await rig!.waitForRefund(created.id);
    expect(done.status).toBe('successful');
    expect(done.financialTransactionId).toBeTruthy();
    expect(ledger.refundEvents(created.id).map((e) => e.to)).toEqual(['recorded', 'sending', 'pending', 'successful']);
    expect(sim.stats().byOperation).toMatchObject({ refund: 1 });
    expect(sim.stats().byOperation.transfer).toBeUndefined();
    const kinds = ledger.journal().filter((e) => e.subjectId === created.id).map((e) => e.kind);
    expect(kinds).toEqual(['refund.created', 'refund.final']);
    expect(ledger.journal().find((e) => e.kind === 'refund.created' && e.subjectId === created.id)!.body).toMatchObject({ saleId, via: 'refund', referenceId: row.referenceId });
    expect(payment.referenceId).not.toBe(row.referenceId);
    expect(till.xReport().report.refunds.momo).toEqual({ count: 1, amountMinor: 2000 });
    expect(ledger.verify().ok).toBe(true);
  });

  it('where the market offers no refund, it goes as a transfer to the payer; a refusal ends failed with MoMo’s reason and frees the amount', async () => {
    const { till, ledger, sim } = await start();
    await rig!.ready();
    const { saleId } = await rig!.paidMomoSale('3000');
    await till.setRules({ managerPin: MANAGER, refundVia: 'transfer' });
    const sent = await till.createRefund({ saleId, amount: '3000', reason: 'cancelled', pin: MANAGER, method: 'momo' });
    sim.decide(ledger.getRefund(sent.id)!.referenceId!, { status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' });
    const failed = await rig!.waitForRefund(sent.id);
    expect(failed).toMatchObject({ status: 'failed', reasonCode: 'NOT_ENOUGH_FUNDS', via: 'transfer' });
    expect(sim.stats().byOperation).toMatchObject({ transfer: 1 });
    expect(till.saleRefunds(saleId).refundableByMomoMinor).toBe(3000);
    const again = await till.createRefund({ saleId, amount: '3000', reason: 'cancelled', pin: MANAGER, method: 'momo' });
    expect((await rig!.waitForRefund(again.id)).status).toBe('successful');
    const x = till.xReport().report;
    expect(x.refunds.failed).toEqual({ count: 1, amountMinor: 3000 });
    expect(x.refunds.momo).toEqual({ count: 1, amountMinor: 3000 });
  });

  it('a lost answer is looked up on the same reference; "never received" is resent with that same reference — never two refunds', async () => {
    const { till, ledger, sim } = await start();
    await rig!.ready();
    const { saleId } = await rig!.paidMomoSale('2000');
    sim.injectFault({ operation: 'refund', kind: 'drop-after' });
    const first = await till.createRefund({ saleId, amount: '500', reason: 'a', pin: MANAGER, method: 'momo' });
    expect((await rig!.waitForRefund(first.id)).status).toBe('successful');
    expect(ledger.refundEvents(first.id).map((e) => e.to)).toContain('unknown');
    sim.injectFault({ operation: 'refund', kind: 'drop-before' });
    const second = await till.createRefund({ saleId, amount: '500', reason: 'b', pin: MANAGER, method: 'momo' });
    expect((await rig!.waitForRefund(second.id)).status).toBe('successful');
    const references = new Set(ledger.refundsForSale(saleId).map((r) => r.referenceId));
    expect(references.size).toBe(2);
    // Two refunds of 500 each reached MoMo once each: 1,000 back, not more.
    expect(till.saleRefunds(saleId).refundedMinor).toBe(1000);
  });

  it('after a restart, a refund that never left is sent on its stored reference and finishes', async () => {
    const { ledger, newTill, sim } = await start();
    await rig!.ready();
    const { saleId } = await rig!.paidMomoSale('2000');
    const stranded = ledger.createRefund({ saleId, amountMinor: 700, currency: 'RWF', method: 'momo', referenceId: crypto.randomUUID(), reason: 'x', by: 'manager' });
    expect(stranded.status).toBe('recorded');
    const restarted = newTill();
    await restarted.recover();
    expect((await rig!.waitForRefund(stranded.id)).status).toBe('successful');
    expect(sim.stats().byOperation.refund).toBe(1);
    expect((await restarted.getRefund({ refundId: stranded.id })).status).toBe('successful');
  });
});

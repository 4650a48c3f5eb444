/**
 * What a training day at the counter and the till ran into (issue 14), through
 * the one router with a real ledger file and the MoMo simulator: the limit per
 * payment, sums that always close, a drawer that never goes negative, and
 * sales with no shift open kept apart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPos, type Pos } from '../../../electron/core/app';
import { businessDayOf } from '../../../electron/core/ledger';
import type { PosResult } from '../../../shared/contract';
import { MAX_AMOUNT_MINOR } from '../../../shared/money';

const MANAGER = '482916';
let app: Pos;
let dataDir: string;
const call = (method: string, input: unknown = {}) => app.router.call(method, input) as Promise<PosResult<any>>;
async function ok(method: string, input: unknown = {}) {
  const result = await call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.code} ${result.message}`);
  return result.data;
}
async function paid(saleId: string) {
  for (let i = 0; i < 200; i++) {
    const sale = await ok('sale.get', { saleId });
    if (sale.status === 'paid') return sale;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`sale ${saleId} not paid`);
}
async function openShift(float = '5000') {
  if (!(await ok('till.status')).managerPinSet) {
    await ok('till.setManagerPin', { pin: MANAGER });
    await ok('till.setCashier', { name: 'Ann', pin: '1357', managerPin: MANAGER });
  }
  return ok('till.openShift', { openingFloat: float, cashier: 'Ann', pin: '1357' });
}
const journalHead = () => app.ledger.journalHead();

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-money-limits-'));
  app = await startPos({ dataDir, dataDirKind: 'custom', version: 'test', transport: 'http', env: { MOMO_POS_SIM_APPROVAL_MS: '20' }, log: () => {} });
});
afterEach(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the limit per payment', () => {
  const RWANDA = 'That is more than the till takes at once: the limit is RWF 4,000,000 (MTN’s limit for one payment in Rwanda).';

  it('refuses RWF 999,999,999,999 at the counter, in cash, into the drawer and as a float, naming MTN’s limit; nothing is written or sent', async () => {
    expect((await ok('till.status')).saleLimit).toEqual({ amountMinor: 4_000_000, currency: 'RWF', source: 'market', market: 'Rwanda' });
    const head = journalHead();
    const requests = app.simulator!.stats().requests;
    expect(await call('sale.charge', { phone: '0788 123 456', amount: '999,999,999,999' })).toMatchObject({ ok: false, code: 'VALIDATION', field: 'amount', message: RWANDA, key: 'error.limits.overMarketLimit' });
    expect(app.simulator!.stats().requests).toBe(requests);
    expect(journalHead()).toEqual(head);
    expect(await call('till.openShift', { openingFloat: '999999999999', cashier: 'Ann', pin: '1357' })).toMatchObject({ ok: false });
    await openShift();
    const opened = journalHead();
    expect(await call('sale.payCash', { amount: '4000001' })).toMatchObject({ ok: false, code: 'VALIDATION', field: 'amount', message: RWANDA, key: 'error.limits.overMarketLimit' });
    expect(await call('till.cashMovement', { kind: 'in', amount: '999999999999', reason: 'float' })).toMatchObject({ ok: false, code: 'VALIDATION', field: 'amount', message: RWANDA, key: 'error.limits.overMarketLimit' });
    expect(journalHead()).toEqual(opened);
    // The limit itself is accepted.
    expect(await ok('sale.payCash', { amount: '4,000,000' })).toMatchObject({ amountMinor: 4_000_000, status: 'paid' });
  });

  it('is a setting: the manager’s own limit (PIN) is named instead, and empty goes back to MTN’s', async () => {
    await openShift();
    expect(await call('till.setRules', { managerPin: '000000', maxSale: '500000' })).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
    expect((await ok('till.setRules', { managerPin: MANAGER, maxSale: '500,000' })).saleLimit).toEqual({ amountMinor: 500_000, currency: 'RWF', source: 'shop' });
    expect(await call('sale.charge', { phone: '0788 123 456', amount: '500001' })).toMatchObject({
      ok: false,
      message: 'That is more than the till takes at once: the limit is RWF 500,000 (the shop’s own limit, set by the manager on the Till).',
    });
    expect((await ok('till.setRules', { managerPin: MANAGER, maxSale: '' })).saleLimit).toMatchObject({ amountMinor: 4_000_000, source: 'market' });
    expect(await call('till.setRules', { managerPin: MANAGER, maxSale: '1000000000001' })).toMatchObject({ ok: false, field: 'maxSale' });
  });

  it('whatever the ledger accepted sums, reports, closes and exports: a shift holding the largest accepted amount many times over', async () => {
    await openShift('0');
    const largest = String(MAX_AMOUNT_MINOR);
    await ok('till.setRules', { managerPin: MANAGER, maxSale: largest });
    const times = 12;
    for (let i = 0; i < times; i++) await ok('sale.payCash', { amount: largest });
    const momo = await ok('sale.charge', { phone: '0788 123 456', amount: largest });
    await paid(momo.sale.id);
    await ok('till.cashMovement', { kind: 'in', amount: largest, reason: 'safe' });
    await ok('refund.create', { saleId: momo.sale.id, amount: largest, reason: 'returned', pin: MANAGER, method: 'cash' });

    const expected = times * MAX_AMOUNT_MINOR; // 12 cash sales + cash in − the cash refund
    const x = (await ok('till.xReport')).report;
    expect(x.sales.total).toEqual({ count: times + 1, amountMinor: (times + 1) * MAX_AMOUNT_MINOR });
    expect(x.cash.expectedMinor).toBe(expected);
    const closed = await ok('till.closeShift', { countedCash: String(expected), pin: MANAGER });
    expect(closed.report.z).toMatchObject({ number: 1, salesMinor: (times + 1) * MAX_AMOUNT_MINOR, refundsMinor: MAX_AMOUNT_MINOR, grandSalesMinor: (times + 1) * MAX_AMOUNT_MINOR });
    expect(closed.report.cash).toMatchObject({ countedMinor: expected, differenceMinor: 0 });
    expect(closed.html.A4).toMatch(/RWF\s13,000,000,000,000/);

    // The grand total carries on past the next Z; the reprint, the export and verify read it all back.
    await openShift('0');
    await ok('sale.payCash', { amount: largest });
    const second = await ok('till.closeShift', { countedCash: largest, pin: MANAGER });
    expect(second.report.z.grandSalesMinor).toBe((times + 2) * MAX_AMOUNT_MINOR);
    expect((await ok('till.zReport', { number: 1, pin: MANAGER })).report.z.reportHash).toBe(closed.report.z.reportHash);
    const today = businessDayOf(new Date());
    expect((await ok('till.exportCsv', { from: today, to: today })).rows).toBe(times + 2);
    expect(app.ledger.verify().ok).toBe(true);
  });
});

describe('the drawer never goes negative through the app', () => {
  it('cash out beyond what the drawer should hold is refused naming the expected amount; the exact amount empties it', async () => {
    await openShift('30000');
    await ok('sale.payCash', { amount: '5500' });
    const head = journalHead();
    expect(await call('till.cashMovement', { kind: 'out', amount: '50000', reason: 'bank', pin: MANAGER })).toEqual({
      ok: false,
      code: 'VALIDATION',
      field: 'amount',
      message: 'Only RWF 35,500 is expected in the drawer: not enough to pay out RWF 50,000.',
      key: 'error.till.onlyExpectedDrawerNot',
      params: { expected: { money: '35500', currency: 'RWF' }, amount: { money: '50000', currency: 'RWF' } },
    });
    expect(journalHead()).toEqual(head);
    await ok('till.cashMovement', { kind: 'out', amount: '35500', reason: 'bank', pin: MANAGER });
    expect((await ok('till.xReport')).report.cash.expectedMinor).toBe(0);
    expect(await call('till.cashMovement', { kind: 'out', amount: '1', reason: 'bread', pin: MANAGER })).toMatchObject({ ok: false, message: 'Only RWF 0 is expected in the drawer: not enough to pay out RWF 1.' });
  });

  it('a cash refund beyond the drawer is refused naming it; by MoMo it goes', async () => {
    await openShift('1000');
    const momo = await ok('sale.charge', { phone: '0788 123 456', amount: '6000' });
    await paid(momo.sale.id);
    expect(await call('refund.create', { saleId: momo.sale.id, amount: '6000', reason: 'returned', pin: MANAGER, method: 'cash' })).toMatchObject({
      ok: false,
      field: 'amount',
      message: 'Only RWF 1,000 is expected in the drawer: not enough to pay out RWF 6,000.',
    });
    expect(await ok('refund.create', { saleId: momo.sale.id, amount: '6000', reason: 'returned', pin: MANAGER, method: 'momo' })).toMatchObject({ method: 'momo' });
    expect((await ok('till.xReport')).report.cash.expectedMinor).toBe(1000);
  });
});

describe('a sale belongs to the shift open when it was taken', () => {
  const NO_SHIFT = 'No shift is open: open a shift on the Till before taking cash, so the cash is counted in a drawer.';

  it('cash with no shift open is refused — a new cash sale and cash for a failed MoMo sale (F8) alike — and nothing is written', async () => {
    const declined = await ok('sale.charge', { phone: '46733123451', amount: '2000' });
    for (let i = 0; i < 200 && (await ok('sale.get', { saleId: declined.sale.id })).status !== 'not_paid'; i++) await new Promise((r) => setTimeout(r, 25));
    const head = journalHead();
    expect(await call('sale.payCash', { amount: '2000' })).toMatchObject({ ok: false, code: 'CONFLICT', field: 'shift', message: NO_SHIFT, key: 'error.app.noShiftForCash' });
    expect(await call('sale.payCash', { saleId: declined.sale.id })).toMatchObject({ ok: false, code: 'CONFLICT', field: 'shift', message: NO_SHIFT, key: 'error.app.noShiftForCash' });
    expect(journalHead()).toEqual(head);
    await openShift();
    expect(await ok('sale.payCash', { saleId: declined.sale.id })).toMatchObject({ status: 'paid', method: 'cash' });
  });

  it('MoMo sales taken before the shift opened are reported apart: not in its totals, cashiers or drawer; the Z’s grand total still has them', async () => {
    const before = await ok('sale.charge', { phone: '0788 123 456', amount: '7000' });
    await paid(before.sale.id);
    // Cash an older version took with no shift open (the app refuses it now): apart, and never in a drawer.
    app.ledger.createCashSale({ amountMinor: 900, currency: 'RWF' });
    await openShift('5000');
    const during = await ok('sale.charge', { phone: '0788 123 456', amount: '3000' });
    await paid(during.sale.id);
    await ok('sale.payCash', { amount: '2000' });

    const x = (await ok('till.xReport')).report;
    expect(x.sales.total).toEqual({ count: 2, amountMinor: 5000 });
    expect(x.outsideShift).toEqual({ count: 2, amountMinor: 7900 });
    expect(x.cashiers.map((line: { name: string | null }) => line.name)).toEqual(['Ann']);
    expect(x.cash).toMatchObject({ salesMinor: 2000, expectedMinor: 7000 });
    const closed = await ok('till.closeShift', { countedCash: '7000', pin: MANAGER });
    expect(closed.report.cash.differenceMinor).toBe(0);
    expect(closed.report.z.salesMinor).toBe(5000 + 7900);
    expect(closed.html.A4).toContain('Taken with no shift open');
  });
});

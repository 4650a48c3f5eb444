/**
 * The till through the one router (what both transports serve): the real
 * engine in training mode with its simulator, as the renderer drives it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPos, type Pos } from '../../../electron/core/app';
import { businessDayOf } from '../../../electron/core/ledger';
import type { PosResult } from '../../../shared/contract';

let app: Pos;
let dataDir: string;
const logs: string[] = [];
const call = (method: string, input: unknown = {}) => app.router.call(method, input) as Promise<PosResult<any>>;
async function ok(method: string, input: unknown = {}) {
  const result = await call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.code} ${result.message}`);
  return result.data;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-till-api-'));
  app = await startPos({ dataDir, dataDirKind: 'custom', version: 'test', transport: 'http', env: { MOMO_POS_SIM_APPROVAL_MS: '100' }, log: (line) => logs.push(line) });
});
afterAll(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('till.* and refund.* over the router', () => {
  it('a whole day: PIN, cashier, open, cash sale, MoMo sale, refund with PIN, close with a difference, reprint', async () => {
    expect(await ok('till.status')).toMatchObject({ currency: 'RWF', managerPinSet: false, cashiers: [], feeRule: { rateBasisPoints: 50, aboveMinor: 4000 }, refundVia: 'refund' });
    await ok('till.setManagerPin', { pin: '482916' });
    expect(await call('till.setManagerPin', { pin: '12' })).toMatchObject({ ok: false, code: 'VALIDATION', field: 'pin' });
    await ok('till.setCashier', { name: 'Ann', pin: '1357', managerPin: '482916' });
    expect(await call('till.openShift', { openingFloat: '5000', cashier: 'Ann', pin: '9999' })).toMatchObject({ ok: false, code: 'UNAUTHORIZED', field: 'pin' });
    expect(await ok('till.openShift', { openingFloat: '5000', cashier: 'Ann', pin: '1357' })).toMatchObject({ cashier: 'Ann', openingFloatMinor: 5000 });

    const cash = await ok('sale.payCash', { amount: '2000', tendered: '5000' });
    expect(cash).toMatchObject({ method: 'cash', status: 'paid', cashier: 'Ann' });
    const charged = await ok('sale.charge', { phone: '0788 123 456', amount: '6000' });
    for (let i = 0; i < 100 && (await ok('sale.get', { saleId: charged.sale.id })).status !== 'paid'; i++) await new Promise((r) => setTimeout(r, 50));

    expect(await ok('refund.forSale', { saleId: charged.sale.id })).toMatchObject({ paidMomoMinor: 6000, refundableMinor: 6000, refundableByMomoMinor: 6000 });
    expect(await call('refund.create', { saleId: charged.sale.id, amount: '7000', reason: 'x', pin: '482916', method: 'momo' })).toMatchObject({ ok: false, code: 'VALIDATION', field: 'amount' });
    expect(await call('refund.create', { saleId: charged.sale.id, amount: '1000', reason: 'x', pin: '000000', method: 'momo' })).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
    const refund = await ok('refund.create', { saleId: charged.sale.id, amount: '1000', reason: 'one back', pin: '482916', method: 'momo' });
    let seen = refund;
    for (let i = 0; i < 100 && seen.status !== 'successful'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await ok('refund.get', { refundId: refund.id });
    }
    expect(seen).toMatchObject({ status: 'successful', via: 'refund', receiptNumber: charged.receiptNumber });

    expect(await call('till.cashMovement', { kind: 'out', amount: '500', reason: 'bread' })).toMatchObject({ ok: false, code: 'VALIDATION', field: 'pin' });
    await ok('till.cashMovement', { kind: 'out', amount: '500', reason: 'bread', pin: '482916' });
    const x = await ok('till.xReport');
    expect(x.report.cash).toMatchObject({ openingFloatMinor: 5000, salesMinor: 2000, outMinor: 500, expectedMinor: 6500 });
    expect(x.report.sales.total.amountMinor).toBe(8000);
    expect(x.html.A4).toContain('@page { size: A4;');
    expect(x.html['80mm']).toMatch(/@page \{ size: 80mm \d+mm/);
    expect(x.html.A4).toContain('TRAINING — no real money');
    // The counter's "today" reads as the X does: taken, refunded, net — from the ledger, not summed on the screen.
    const today = await ok('till.today');
    expect(today).toEqual({ businessDay: businessDayOf(new Date()), currency: 'RWF', taken: { count: 2, amountMinor: 8000 }, refunded: { count: 1, amountMinor: 1000 }, netMinor: 7000 });
    expect([today.taken, today.refunded, today.netMinor]).toEqual([x.report.sales.total, x.report.refunds.total, x.report.netMinor]);

    const closed = await ok('till.closeShift', { countedCash: '6000', pin: '482916' });
    expect(closed.report.z.number).toBe(1);
    expect(closed.report.cash).toMatchObject({ expectedMinor: 6500, countedMinor: 6000, differenceMinor: -500 });
    expect(closed.report.refunds.momo).toEqual({ count: 1, amountMinor: 1000 });
    expect(closed.report.fees).toMatchObject({ paymentsCharged: 1, estimatedMinor: 30 });
    expect((await ok('till.status')).lastZ.number).toBe(1);
    expect(await call('till.zReport', {})).toMatchObject({ ok: false, code: 'VALIDATION', field: 'pin' });
    const copy = await ok('till.zReport', { number: 1, pin: '482916' });
    expect(copy.report.copy).toBe(true);
    expect(copy.report.z.reportHash).toBe(closed.report.z.reportHash);

    // After the Z, the day goes on counting every shift's money.
    expect(await ok('till.today')).toMatchObject({ taken: { count: 2, amountMinor: 8000 }, refunded: { count: 1, amountMinor: 1000 }, netMinor: 7000 });
    const day = businessDayOf(new Date());
    const csv = await ok('till.exportCsv', { from: day, to: day });
    expect(csv.rows).toBe(2);
    expect(csv.fileName).toMatch(/^momo-pos-sales-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(app.ledger.verify().ok).toBe(true);
    expect(logs.join('\n')).not.toMatch(/482916|1357/);
  });
});

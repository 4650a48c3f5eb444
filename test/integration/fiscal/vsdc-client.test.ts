/** The Rwanda VSDC client against the VSDC simulator over real HTTP on loopback. */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createKenyaOscuClient,
  createRwandaVsdcClient,
  labelOf,
  type FiscalAdapter,
  type FiscalEvent,
  type FiscalItemLine,
} from '../../../electron/core/fiscal';
import { startVsdcSimulator, type VsdcSimulator } from '../../../electron/core/vsdc-sim';
import { groupsOf4 } from '../../../electron/core/receipts';
import { base32 } from '../../../electron/core/vsdc-sim/signing';

const identity = { tin: '100600570', branchId: '00', deviceSerial: 'MOMOPOS-TEST-1' };
const item: FiscalItemLine = {
  itemCode: 'RW2NTU0000001',
  itemClassCode: '5020230100',
  name: 'Goods',
  packagingUnit: 'NT',
  quantityUnit: 'U',
  priceMinor: 7000,
  qtyMilli: 1000,
  discountMinor: 0,
  taxType: 'B',
};
const base = { lines: [item], payment: 'mobile-money' as const, confirmedAt: new Date(2026, 11, 4, 14, 5, 9), cashier: { id: 'c1', name: 'Aline' } };
const sale = (invoiceNo: number, mode: 'normal' | 'training' | 'proforma' = 'normal'): FiscalEvent => ({ ...base, kind: 'sale', mode, invoiceNo });

let sim: VsdcSimulator;
beforeEach(async () => {
  sim = await startVsdcSimulator();
});
afterEach(async () => {
  await sim.close();
});

async function initialised() {
  const client = createRwandaVsdcClient({ baseUrl: sim.url, identity, timeoutMs: 2000 });
  const init = await client.initialise(identity);
  expect(init.kind).toBe('initialised');
  return client;
}

describe('Rwanda VSDC client and simulator', () => {
  it('initialises once (SDC ID, MRC), then hears 902 already installed', async () => {
    const client = createRwandaVsdcClient({ baseUrl: sim.url, identity });
    const first = await client.initialise(identity);
    expect(first).toMatchObject({ kind: 'initialised', info: { sdcId: expect.stringMatching(/^SDC\d+$/), mrcNo: expect.stringMatching(/^WIS\d+$/), lastInvoiceNo: 0 } });
    expect(await client.initialise(identity)).toMatchObject({ kind: 'already-installed' });
  });

  it('signs a sale: 7000 RWF at B carries 1068 tax, numbers per label and in total, signature in Base32', async () => {
    const client = await initialised();
    const body = await client.post('/trnsSales/saveSales', {}); // nothing: 910 naming the first missing field
    expect(body).toMatchObject({ resultCd: '910', resultMsg: expect.stringContaining('<tin>') });

    const one = await client.sign(sale(1));
    const two = await client.sign(sale(2));
    const training = await client.sign(sale(3, 'training'));
    expect(one).toMatchObject({ kind: 'signed', signature: { label: 'NS', invoiceNo: 1, receiptNo: 1, totalReceiptNo: 1 } });
    expect(two).toMatchObject({ kind: 'signed', signature: { label: 'NS', receiptNo: 2, totalReceiptNo: 2 } });
    expect(training).toMatchObject({ kind: 'signed', signature: { label: 'TS', receiptNo: 1, totalReceiptNo: 3 } });
    if (one.kind !== 'signed') throw new Error('unsigned');
    expect(one.signature.signature).toMatch(/^[A-Z2-7]{16}$/);
    expect(one.signature.internalData).toMatch(/^[A-Z2-7]{26}$/);
    expect(sim.counters(identity.tin, identity.branchId)).toEqual({ NS: 2, TS: 1 });
  });

  it('sends the arithmetic and codes the law asks for', async () => {
    const { buildRwandaSaleRequest } = await import('../../../electron/core/fiscal');
    const body = buildRwandaSaleRequest(identity, { ...base, kind: 'refund', mode: 'normal', invoiceNo: 9, originalInvoiceNo: 4, reasonCode: '06', lines: [item, { ...item, priceMinor: 3500, taxType: 'A' }], payment: 'cash' });
    expect(body).toMatchObject({
      invcNo: 9, orgInvcNo: 4, salesTyCd: 'N', rcptTyCd: 'R', pmtTyCd: '01', salesSttsCd: '05', rfdRsnCd: '06',
      cfmDt: '20261204140509', salesDt: '20261204', rfdDt: '20261204140509', totItemCnt: 2,
      taxblAmtA: 3500, taxblAmtB: 7000, taxAmtB: 1068, taxAmtA: 0, taxRtB: 18, totTaxblAmt: 10500, totTaxAmt: 1068, totAmt: 10500,
    });
    // A sale copy carries orgInvcNo 0.
    expect(buildRwandaSaleRequest(identity, { ...base, kind: 'copy', of: 'sale', invoiceNo: 10, originalInvoiceNo: 1 })).toMatchObject({ salesTyCd: 'C', rcptTyCd: 'S', orgInvcNo: 0 });
  });

  it('refunds, copies and proforma get their labels and own counters', async () => {
    const client = await initialised();
    await client.sign(sale(1));
    const refund = await client.sign({ ...base, kind: 'refund', mode: 'normal', invoiceNo: 2, originalInvoiceNo: 1, reasonCode: '06' });
    const copy = await client.sign({ ...base, kind: 'copy', of: 'sale', invoiceNo: 3, originalInvoiceNo: 1 });
    const copyRefund = await client.sign({ ...base, kind: 'copy', of: 'refund', invoiceNo: 4, originalInvoiceNo: 1 });
    const proforma = await client.sign(sale(5, 'proforma'));
    const trainingRefund = await client.sign({ ...base, kind: 'refund', mode: 'training', invoiceNo: 6, originalInvoiceNo: 1, reasonCode: '06' });
    expect([refund, copy, copyRefund, proforma, trainingRefund].map((o) => (o.kind === 'signed' ? o.signature.label : o.kind))).toEqual(['NR', 'CS', 'CR', 'PS', 'TR']);
    expect(sim.counters(identity.tin, identity.branchId)).toEqual({ NS: 1, NR: 1, CS: 1, CR: 1, PS: 1, TR: 1 });
  });

  it('a lost answer is resolved by resending the same invoice: 994 duplicate, still one receipt', async () => {
    const client = await initialised();
    sim.inject({ path: '/trnsSales/saveSales', kind: 'lost-answer' });
    expect(await client.sign(sale(1))).toMatchObject({ kind: 'unreachable' });
    expect(await client.sign(sale(1))).toMatchObject({ kind: 'duplicate' });
    expect(sim.receipts(identity.tin, identity.branchId)).toHaveLength(1);
    expect(sim.counters(identity.tin, identity.branchId)).toEqual({ NS: 1 });
  });

  it('another sale under a used invoice number is refused as "invoice number already exists"', async () => {
    const client = await initialised();
    await client.sign(sale(1));
    const other = await client.sign({ ...sale(1), lines: [{ ...item, priceMinor: 100 }] });
    expect(other).toMatchObject({ kind: 'invoice-number-taken' });
    expect(sim.receipts(identity.tin, identity.branchId)).toHaveLength(1);
  });

  it('faults: unreachable signs nothing; 910 names the field; slow beyond the time limit is unreachable; injected 994 is a duplicate', async () => {
    const client = await initialised();
    sim.inject({ path: '/trnsSales/saveSales', kind: 'unreachable' });
    expect(await client.sign(sale(1))).toMatchObject({ kind: 'unreachable' });
    expect(sim.receipts(identity.tin, identity.branchId)).toHaveLength(0);
    sim.inject({ path: '/trnsSales/saveSales', kind: 'param-error', field: 'cfmDt' });
    expect(await client.sign(sale(1))).toEqual({ kind: 'rejected', code: '910', message: 'Request parameter error: <cfmDt>', field: 'cfmDt' });
    sim.inject({ path: '/trnsSales/saveSales', kind: 'slow', delayMs: 3000 });
    expect(await client.sign(sale(1))).toMatchObject({ kind: 'unreachable', message: expect.stringContaining('in time') });
    // The slow request was processed: the resend is a duplicate, one receipt.
    expect(await client.sign(sale(1))).toMatchObject({ kind: 'duplicate' });
    sim.inject({ path: '/trnsSales/saveSales', kind: 'duplicate' });
    expect(await client.sign(sale(2))).toMatchObject({ kind: 'duplicate' });
    expect(sim.receipts(identity.tin, identity.branchId).map((r) => r.invcNo)).toEqual([1]);
  });

  it('a sale for a device never initialised is refused (901), and a closed port is unreachable', async () => {
    const client = createRwandaVsdcClient({ baseUrl: sim.url, identity });
    expect(await client.sign(sale(1))).toMatchObject({ kind: 'rejected', code: '901' });
    const url = sim.url;
    await sim.close();
    const gone = createRwandaVsdcClient({ baseUrl: url, identity, timeoutMs: 1000 });
    expect(await gone.sign(sale(1))).toMatchObject({ kind: 'unreachable' });
    sim = await startVsdcSimulator();
  });

  it('refuses a bad identity before anything leaves', () => {
    expect(() => createRwandaVsdcClient({ baseUrl: sim.url, identity: { ...identity, tin: '12345' } })).toThrow(/TIN/);
    expect(() => createRwandaVsdcClient({ baseUrl: sim.url, identity: { ...identity, branchId: 'x' } })).toThrow(/branch/);
  });
});

describe('one adapter for two countries', () => {
  it('the same caller drives Rwanda and Kenya (Kenya partial: its sale answer says not built)', async () => {
    // The caller knows only FiscalAdapter and FiscalEvent.
    async function signOne(adapter: FiscalAdapter, event: FiscalEvent) {
      return adapter.sign(event);
    }
    const rw = await initialised();
    const ke = createKenyaOscuClient({ baseUrl: sim.url, identity: { tin: 'A123456789Z', branchId: '00', deviceSerial: 'K1' } });
    expect(ke.country).toBe('KE');
    expect(await signOne(rw, sale(1))).toMatchObject({ kind: 'signed' });
    expect(await signOne(ke, sale(1))).toMatchObject({ kind: 'rejected', code: 'NOT_BUILT' });
    expect(labelOf(sale(1, 'proforma'))).toBe('PS');
  });

  it('Kenya builds A–E with 16 % and 8 %', async () => {
    const { buildKenyaSaleRequest } = await import('../../../electron/core/fiscal');
    const body = buildKenyaSaleRequest({ tin: 'A123456789Z', branchId: '00', deviceSerial: 'K1' }, {
      ...sale(7), lines: [{ ...item, priceMinor: 11600 }, { ...item, priceMinor: 1080, taxType: 'E' }],
    });
    expect(body).toMatchObject({ trdInvcNo: '7', taxAmtB: 16, taxAmtE: 0.8, taxRtB: 16, taxRtE: 8, totAmt: 126.8, receipt: { rcptPbctDt: '20261204140509' } });
  });
});

describe('the stand-in signature', () => {
  it('Base32 is RFC 4648 and printing groups by four', () => {
    expect(base32(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32(createHmac('sha1', 'k').update('x').digest().subarray(0, 10))).toHaveLength(16);
    expect(groupsOf4('GZGGIZLYTJSSD7YLYLGIIG6FCY')).toBe('GZGG-IZLY-TJSS-D7YL-YLGI-IG6F-CY');
  });
});

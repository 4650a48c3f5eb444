/**
 * The X and Z reports count fiscal receipts by label and name the unsigned
 * ones: a real ledger file, signatures from the real VSDC simulator over
 * loopback HTTP, the real till closing a real Z.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRwandaVsdcClient, resendPendingFiscal, signFiscalEvent, type FiscalAdapter, type UnnumberedFiscalEvent } from '../../../electron/core/fiscal';
import { renderReportHtml } from '../../../electron/core/till';
import { reportTable } from '../../../electron/core/till/report-text';
import { startVsdcSimulator, type VsdcSimulator } from '../../../electron/core/vsdc-sim';
import { MANAGER, startTillRig, type TillRig } from './rig';

const identity = { tin: '100600570', branchId: '00', deviceSerial: 'S1' };
const line = { itemCode: 'RW2NTU0000001', itemClassCode: '5020230100', name: 'Goods', packagingUnit: 'NT', quantityUnit: 'U', qtyMilli: 1000, discountMinor: 0, taxType: 'B' };
const base = { payment: 'cash' as const, confirmedAt: new Date('2026-12-04T12:00:00Z'), cashier: { id: 'c1', name: 'Ann' } };
const sale = (priceMinor: number): UnnumberedFiscalEvent => ({ ...base, kind: 'sale', mode: 'normal', lines: [{ ...line, priceMinor }] });
const refund = (priceMinor: number, originalInvoiceNo: number): UnnumberedFiscalEvent => ({ ...base, kind: 'refund', mode: 'normal', originalInvoiceNo, reasonCode: '06', lines: [{ ...line, priceMinor }] });

let rig: TillRig;
let vsdc: VsdcSimulator;
let device: FiscalAdapter;
beforeEach(async () => {
  rig = await startTillRig();
  vsdc = await startVsdcSimulator();
  device = createRwandaVsdcClient({ baseUrl: vsdc.url, identity });
  await device.initialise(identity);
});
afterEach(async () => {
  await rig.close();
  await vsdc.close();
});

describe('fiscal receipts on the X and Z reports', () => {
  it('no fiscal receipt and no fiscal device: the report says nothing about them', async () => {
    await rig.ready();
    const x = rig.till.xReport();
    expect(x.report.fiscal).toBeUndefined();
    expect(x.html.A4).not.toContain('EBM');
  });

  it('counts signed receipts by label with their totals, refused ones apart, and the unsigned at the end of the range', async () => {
    await rig.ready();
    const first = await signFiscalEvent(rig.ledger, device, 'sale:one', sale(7000));
    await signFiscalEvent(rig.ledger, device, 'sale:two', sale(10_500));
    await signFiscalEvent(rig.ledger, device, 'refund:one', refund(3000, first.invoiceNo));
    vsdc.inject({ kind: 'param-error', field: 'cfmDt' });
    expect(await signFiscalEvent(rig.ledger, device, 'sale:refused', sale(400))).toMatchObject({ status: 'rejected', errorCode: '910' });
    vsdc.inject({ kind: 'unreachable' });
    expect(await signFiscalEvent(rig.ledger, device, 'sale:waits', sale(2500))).toMatchObject({ status: 'pending' });

    const x = rig.till.xReport();
    const waiting = rig.ledger.getFiscalReceipt('sale:waits')!;
    expect(x.report.fiscal).toEqual({
      labels: [
        { label: 'NS', count: 2, amountMinor: 17_500 },
        { label: 'NR', count: 1, amountMinor: 3000 },
      ],
      rejected: { count: 1, amountMinor: 400 },
      unsigned: { count: 1, amountMinor: 2500, oldestAt: waiting.createdAt },
    });
    expect(x.html.A4).toContain('1 receipt waits for the tax authority’s signature.');
    expect(x.html.A4).toContain('NS · sales');
    expect(reportTable(x.report, { language: 'en' })).toMatch(/Tax receipts \(EBM\)\n {2}NS · sales +2 +RWF\s17,500\n {2}NR · refunds +1 +RWF\s3,000\n/);

    // The Z freezes the same counts; the receipt signed after it belongs to the next report.
    const closed = await rig.till.closeShift({ countedCash: '5000', pin: MANAGER });
    expect(closed.report.fiscal).toEqual(x.report.fiscal);
    expect(closed.html['80mm']).toContain('1 receipt waits for the tax authority’s signature.');
    expect(await resendPendingFiscal(rig.ledger, device)).toMatchObject([{ eventKey: 'sale:waits', status: 'signed' }]);
    const next = rig.till.xReport().report.fiscal!;
    expect(next).toEqual({ labels: [{ label: 'NS', count: 1, amountMinor: 2500 }], rejected: { count: 0 }, unsigned: { count: 0 } });
    expect(rig.till.xReport().html.A4).toContain('Every receipt is signed.');

    // A past range read again still sees the receipt as waiting at its end, and the reprinted Z is the frozen one.
    const again = rig.ledger.activity({ afterSeq: 0, uptoSeq: closed.report.z.toSeq });
    expect(again.fiscal!.waiting.map((r) => r.eventKey)).toEqual(['sale:waits']);
    expect((await rig.till.zReport({ pin: MANAGER })).report.fiscal).toEqual(x.report.fiscal);
  });

  it('prints in French and Kinyarwanda, plural by the language’s rule', async () => {
    await rig.ready();
    vsdc.inject({ kind: 'unreachable', times: 2 });
    await signFiscalEvent(rig.ledger, device, 'sale:a', sale(1000));
    await signFiscalEvent(rig.ledger, device, 'sale:b', sale(1000));
    const report = rig.till.xReport().report;
    expect(report.fiscal!.unsigned).toMatchObject({ count: 2, amountMinor: 2000 });
    const html = (language: 'en' | 'fr' | 'rw') => renderReportHtml({ report, merchant: { name: 'Shop' }, deviceId: 'POS1', training: false, language, width: 'A4' });
    expect(html('en')).toContain('2 receipts wait for the tax authority’s signature.');
    expect(html('fr')).toContain('2 reçus attendent la signature de l’administration fiscale.');
    expect(html('fr')).toContain('Aucun reçu signé dans ce rapport.');
    expect(html('rw')).toContain('Inyemezabuguzi 2 zitegereje umukono w’ikigo cy’imisoro.');
  });

  it('a till set up for a fiscal device shows the section before its first receipt', async () => {
    await rig.ready();
    const till = rig.newTill({ fiscalConfigured: () => true });
    expect(till.xReport().report.fiscal).toEqual({ labels: [], rejected: { count: 0 }, unsigned: { count: 0 } });
  });
});

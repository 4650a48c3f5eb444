/**
 * A sale's receipt carries its fiscal receipt as the ledger holds it: "not
 * yet the official receipt" while the device has not signed, the SDC block
 * once it has; a training sale prints TS. Real ledger files, the real VSDC
 * simulator over loopback HTTP, the engine's own receipt rendering.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { receiptOf } from '../../../electron/core/receipts/handlers';
import { createRwandaVsdcClient, resendPendingFiscal, signFiscalEvent, type FiscalAdapter, type UnnumberedFiscalEvent } from '../../../electron/core/fiscal';
import { renderReceiptHtml } from '../../../electron/core/receipts';
import { readSettings } from '../../../electron/core/settings';
import { startVsdcSimulator, type VsdcSimulator } from '../../../electron/core/vsdc-sim';
import { openTestLedger } from '../../helpers/ledger';

const identity = { tin: '100600570', branchId: '00', deviceSerial: 'S1' };
const line = { itemCode: 'RW2NTU0000001', itemClassCode: '5020230100', name: 'Goods', packagingUnit: 'NT', quantityUnit: 'U', qtyMilli: 1000, discountMinor: 0, taxType: 'B', priceMinor: 7000 };
const event = (mode: 'normal' | 'training'): UnnumberedFiscalEvent => ({ kind: 'sale', mode, payment: 'cash', confirmedAt: new Date(), cashier: { id: 'c1', name: 'Ann' }, lines: [line] });

let sim: VsdcSimulator;
let device: FiscalAdapter;
beforeEach(async () => {
  sim = await startVsdcSimulator();
  device = createRwandaVsdcClient({ baseUrl: sim.url, identity });
  await device.initialise(identity);
});
afterEach(() => sim.close());

describe('the fiscal block on a sale’s receipt', () => {
  it('before the signature: not yet official, no SDC data; after: the SDC block with the device’s numbers', async () => {
    const ledger = openTestLedger();
    const { sale } = ledger.createCashSale({ amountMinor: 7000, currency: 'RWF' });
    const html = () => renderReceiptHtml(receiptOf(ledger, readSettings(ledger), false, sale.id, false), { width: '80mm' });
    expect(html()).not.toContain('SDC');

    sim.inject({ kind: 'unreachable' });
    await signFiscalEvent(ledger, device, `sale:${sale.id}`, event('normal'));
    expect(html()).toContain('NOT YET THE OFFICIAL RECEIPT');
    expect(html()).not.toContain('SDC ID');

    await resendPendingFiscal(ledger, device);
    const signed = ledger.getFiscalReceipt(`sale:${sale.id}`)!;
    const page = html();
    expect(page).not.toContain('NOT YET THE OFFICIAL RECEIPT');
    expect(page).toContain(`SDC ID: ${signed.sdcId}`);
    expect(page).toContain(`${signed.receiptNo}/${signed.totalReceiptNo} NS`);
    expect(page).toContain(signed.signature!.slice(0, 4));
    ledger.close();
  });

  it('a training sale prints TS: training mode, not an official receipt, no signature', async () => {
    const ledger = openTestLedger({ training: true });
    const { sale } = ledger.createCashSale({ amountMinor: 7000, currency: 'RWF' });
    await signFiscalEvent(ledger, device, `sale:${sale.id}`, event('training'));
    const page = renderReceiptHtml(receiptOf(ledger, readSettings(ledger), true, sale.id, false), { width: '80mm' });
    expect(page).toMatch(/\d+\/\d+ TS/);
    expect(page).toContain('TRAINING MODE');
    expect(page).toContain('THIS IS NOT AN OFFICIAL RECEIPT');
    expect(page).not.toContain(groupsOf4Start(ledger.getFiscalReceipt(`sale:${sale.id}`)!.signature!));
    ledger.close();
  });
});

/** The signature as printed starts with its first group of four and a dash. */
const groupsOf4Start = (signature: string) => `${signature.slice(0, 4)}-${signature.slice(4, 8)}`;

/** The signer over a real ledger file and the simulator: claim once, finish once, renumber on "invoice number already exists". */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRwandaVsdcClient, resendPendingFiscal, signFiscalEvent, type UnnumberedFiscalEvent } from '../../../electron/core/fiscal';
import { openLedger, type Ledger } from '../../../electron/core/ledger';
import { startVsdcSimulator, type VsdcSimulator } from '../../../electron/core/vsdc-sim';

const identity = { tin: '100600570', branchId: '00', deviceSerial: 'S1' };
const sale: UnnumberedFiscalEvent = {
  kind: 'sale',
  mode: 'normal',
  payment: 'cash',
  confirmedAt: new Date('2026-12-04T12:00:00Z'),
  cashier: { id: 'c1', name: 'Aline' },
  lines: [{ itemCode: 'RW2NTU0000001', itemClassCode: '5020230100', name: 'Goods', packagingUnit: 'NT', quantityUnit: 'U', priceMinor: 7000, qtyMilli: 1000, discountMinor: 0, taxType: 'B' }],
};

let sim: VsdcSimulator;
let ledger: Ledger;
let dir: string;
beforeEach(async () => {
  sim = await startVsdcSimulator();
  dir = mkdtempSync(path.join(os.tmpdir(), 'fiscal-signer-'));
  ledger = openLedger({ dataDir: dir, training: true });
});
afterEach(async () => {
  ledger.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('signer', () => {
  it('signs once; signing the same event again sends nothing', async () => {
    const client = createRwandaVsdcClient({ baseUrl: sim.url, identity });
    await client.initialise(identity);
    const first = await signFiscalEvent(ledger, client, 'sale:a', sale);
    expect(first).toMatchObject({ status: 'signed', invoiceNo: 1, label: 'NS', receiptNo: 1 });
    const requests = sim.requests();
    expect(await signFiscalEvent(ledger, client, 'sale:a', sale)).toEqual(first);
    expect(sim.requests()).toBe(requests);
  });

  it('unreachable leaves it pending (nothing fake); the resend signs it with the same number', async () => {
    const client = createRwandaVsdcClient({ baseUrl: sim.url, identity });
    await client.initialise(identity);
    sim.inject({ kind: 'unreachable' });
    expect(await signFiscalEvent(ledger, client, 'sale:a', sale)).toMatchObject({ status: 'pending', invoiceNo: 1 });
    expect(ledger.getFiscalReceipt('sale:a')!.signature).toBeUndefined();
    expect(await resendPendingFiscal(ledger, client)).toMatchObject([{ status: 'signed', invoiceNo: 1 }]);
    expect(ledger.fiscalCounts()).toEqual([{ label: 'NS', status: 'signed', count: 1 }]);
  });

  it('"invoice number already exists" (another till took it) moves to the next number, journaled', async () => {
    const client = createRwandaVsdcClient({ baseUrl: sim.url, identity });
    await client.initialise(identity);
    // Another till on the same branch signs invoice 1 with another sale.
    await client.sign({ ...sale, invoiceNo: 1, lines: [{ ...sale.lines[0]!, priceMinor: 50 }] });
    const ours = await signFiscalEvent(ledger, client, 'sale:a', sale);
    expect(ours).toMatchObject({ status: 'signed', invoiceNo: 2 });
    expect(ledger.journal({}).filter((e) => e.kind === 'fiscal.requested').map((e) => e.body)).toEqual([
      { invoiceNo: 1, label: 'NS' },
      { invoiceNo: 2, label: 'NS', replaces: 1 },
    ]);
  });

  it('a 910 is recorded as rejected with the field; a finished row never changes', async () => {
    const client = createRwandaVsdcClient({ baseUrl: sim.url, identity });
    await client.initialise(identity);
    sim.inject({ kind: 'param-error', field: 'cfmDt' });
    expect(await signFiscalEvent(ledger, client, 'sale:a', sale)).toMatchObject({ status: 'rejected', errorCode: '910', error: expect.stringContaining('cfmDt') });
    expect(ledger.finishFiscalReceipt('sale:a', { status: 'duplicate' })).toBe(false);
    expect(() => ledger.db.prepare(`UPDATE fiscal_receipts SET status = 'pending' WHERE event_key = 'sale:a'`).run()).toThrow(/never changes/);
    expect(() => ledger.db.prepare(`DELETE FROM fiscal_receipts`).run()).toThrow(/never deleted/);
  });

  it('numbers continue above the device counter read at initialisation', async () => {
    const client = createRwandaVsdcClient({ baseUrl: sim.url, identity });
    await client.initialise(identity);
    expect(await signFiscalEvent(ledger, client, 'sale:a', sale, { lastInvoiceNo: 41 })).toMatchObject({ invoiceNo: 42, status: 'signed' });
  });
});

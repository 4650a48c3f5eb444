/**
 * X and Z keep an invoice the customer declined apart from one the shop
 * cancelled; "Send a new invoice" (retry of an invoice sale) sends an invoice
 * again — never a prompt to a customer who is not at the counter.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isFinal } from '../../../shared/payment-states';
import { removeTempDirs } from '../../helpers/ledger';
import { MANAGER, startTillRig, waitFor, type TillRig } from './rig';

let rig: TillRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  removeTempDirs();
});

describe('invoices on the X and Z', () => {
  it('counts declined by the customer and cancelled by the shop on their own lines', async () => {
    rig = await startTillRig({ sim: { invoicePaidAfterMs: 60_000, outcomes: { '250788111222': { status: 'FAILED', reason: 'APPROVAL_REJECTED', afterMs: 50 } } } });
    const r = rig;
    await r.ready('0');
    const declined = r.engine.payLater({ phone: '0788 111 222', amount: '1000' });
    const cancelled = r.engine.payLater({ phone: '0788 123 456', amount: '2000' });
    await waitFor(() => (r.ledger.getPayment(cancelled.payment.id)!.status === 'pending' ? true : undefined), 'the invoice at MoMo');
    await r.engine.cancelInvoice(cancelled.payment.id);
    await waitFor(() => (isFinal(r.ledger.getPayment(declined.payment.id)!.status) ? true : undefined), 'the declined invoice');

    const x = r.till.xReport();
    expect(x.report.invoices).toEqual({ sent: 2, paid: 0, expired: 0, cancelled: 1, declined: 1, failed: 0, open: 0 });
    expect(x.html.A4).toContain('Declined by the customer');
    const z = await r.till.closeShift({ countedCash: '0', pin: MANAGER });
    expect(z.report.invoices).toMatchObject({ cancelled: 1, declined: 1 });
    // Its times in the one date format (day first, month in words), never "04/12/2026".
    expect(z.html.A4).toMatch(/\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}, \d\d:\d\d/);
    expect(z.html.A4).not.toMatch(/\d{2}\/\d{2}\/\d{4}/);
  });

  it('"Send a new invoice" on a cancelled invoice sends attempt 2 as an invoice with its own validity, never a prompt', async () => {
    rig = await startTillRig({ sim: { invoicePaidAfterMs: 60_000 } });
    const r = rig;
    await r.ready('0');
    const { sale, payment } = r.engine.payLater({ phone: '0788 123 456', amount: '5500' });
    await waitFor(() => (r.ledger.getPayment(payment.id)!.status === 'pending' ? true : undefined), 'the invoice at MoMo');
    await r.engine.cancelInvoice(payment.id);
    const again = r.engine.retry(sale.id, 4);
    expect(again.payment).toMatchObject({ kind: 'invoice', attempt: 2 });
    const hours = (Date.parse(again.payment.validUntil!) - Date.parse(again.payment.createdAt)) / 3_600_000;
    expect(hours).toBeGreaterThan(3.9);
    expect(hours).toBeLessThan(4.1);
    await waitFor(() => (r.sim.invoices().length === 2 ? true : undefined), 'the second invoice at the simulator');
    expect(r.sim.postsReceived('requestToPay', again.payment.referenceId)).toBe(0);
    expect(r.sim.postsReceived('invoice', again.payment.referenceId)).toBe(1);
  });
});

/**
 * Pay later: a MoMo v2 invoice the customer pays from their own phone, over
 * the real client and the real simulator. The sale and the reference are in
 * the ledger before the invoice leaves; status by GET on the same reference
 * on the slow schedule; lost answers resolved, never guessed; cancel; the
 * report counts invoices apart and a sale only when paid.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { INVOICE_SCHEDULE } from '../../../electron/core/payments';
import { buildTillReport, renderReportHtml, reportTable, RWANDA_FEES } from '../../../electron/core/till';
import { PosError } from '../../../shared/errors';
import { MOMO_TEXT_PATTERN } from '../../../shared/momo-text';
import { startEngineRig, type EngineRig } from '../../helpers/payments';

const SHOP = '250788000111';
let rig: EngineRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const start = (options: Parameters<typeof startEngineRig>[0] = {}) =>
  startEngineRig({ merchantMsisdn: SHOP, sim: { invoicePaidAfterMs: 300 }, ...options }).then((started) => (rig = started));
const trail = (r: EngineRig, paymentId: string) => r.ledger.paymentEvents(paymentId).map((event) => event.to);

async function thrown(fn: () => unknown): Promise<PosError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PosError);
    return error as PosError;
  }
  throw new Error('did not throw');
}

describe('pay later (MoMo invoice)', () => {
  it('records the sale and reference, sends seed 002’s invoice body, and counts the sale once the customer paid', async () => {
    const r = await start({ shopName: 'Jean & Fils' });
    const before = Date.now();
    const { sale, payment } = r.engine.payLater({ phone: '0788 123 456', amount: '12000', note: "Marie's order", validHours: 2 });
    expect(payment).toMatchObject({ kind: 'invoice', status: 'sending', attempt: 1 });
    expect(Date.parse(payment.validUntil!) - before).toBeGreaterThanOrEqual(2 * 3_600_000 - 1_000);
    expect(r.ledger.getSale(sale.id)?.status).toBe('awaiting_payment');

    const paid = await r.waitFor(payment.id);
    expect(paid.status).toBe('successful');
    expect(paid.financialTransactionId).toBeTruthy();
    expect(r.ledger.getSale(sale.id)?.status).toBe('paid');
    expect(trail(r, payment.id).slice(0, 3)).toEqual(['recorded', 'sending', 'pending']);

    const [sent] = r.sim.invoices();
    expect(sent?.referenceId).toBe(payment.referenceId);
    const body = sent!.body;
    expect(Object.keys(body)).toEqual(['externalId', 'amount', 'currency', 'validityDuration', 'intendedPayer', 'payee', 'description']);
    expect(body).toMatchObject({
      externalId: sale.receiptNumber,
      amount: '12000',
      currency: 'RWF',
      intendedPayer: { partyIdType: 'MSISDN', partyId: '250788123456' },
      payee: { partyIdType: 'MSISDN', partyId: SHOP },
    });
    expect(Number(body.validityDuration)).toBeGreaterThan(7_000);
    expect(Number(body.validityDuration)).toBeLessThanOrEqual(7_200);
    // The description follows the rule for texts MoMo receives; the ledger keeps what was typed.
    expect(body.description).toBe(`Jean and Fils ${sale.receiptNumber} Maries order`);
    expect(body.description).toMatch(MOMO_TEXT_PATTERN);
    expect(r.ledger.getSale(sale.id)?.note).toBe("Marie's order");
    expect(r.sim.requestsToPay()).toHaveLength(0); // no prompt went to the phone
    expect(r.ledger.openInvoices()).toEqual([]);
    expect(r.ledger.verify().ok).toBe(true);
  });

  it('stays open (listed with its expiry) while the customer has not paid, and "Check now" asks MoMo at once', async () => {
    const r = await start({ invoiceSchedule: { firstDelayMs: 60_000, fastIntervalMs: 60_000 } });
    const { payment } = r.engine.payLater({ phone: '46733123453', amount: '3000' });
    await r.waitFor(payment.id, (p) => p.status === 'pending');
    expect(r.ledger.openInvoices().map((p) => [p.id, p.validUntil])).toEqual([[payment.id, payment.validUntil]]);
    const checksBefore = r.ledger.getPayment(payment.id)!.checks;
    expect((await r.engine.recheck(payment.id)).status).toBe('pending');
    expect(r.ledger.getPayment(payment.id)!.checks).toBe(checksBefore + 1);
    r.sim.decide(payment.referenceId, { status: 'SUCCESSFUL' });
    expect((await r.engine.recheck(payment.id)).status).toBe('successful');
  });

  it('MoMo’s expiry ends it expired; past its validity (and the grace) with MoMo still silent it ends expired too', async () => {
    const r = await start();
    const { payment } = r.engine.payLater({ phone: '46733123452', amount: '3000' });
    const expired = await r.waitFor(payment.id);
    expect(expired).toMatchObject({ status: 'expired', reasonCode: 'EXPIRED' });

    // A clock that jumps two days ahead once the invoice is out: the engine stops asking and calls it expired.
    let offset = 0;
    const late = await startEngineRig({ merchantMsisdn: SHOP, now: () => Date.now() + offset });
    try {
      const open = late.engine.payLater({ phone: '46733123453', amount: '3000', validHours: 1 });
      await late.waitFor(open.payment.id, (p) => p.status === 'pending');
      offset = 48 * 3_600_000;
      const ended = await late.waitFor(open.payment.id);
      expect(ended).toMatchObject({ status: 'expired', reasonCode: 'EXPIRED' });
      expect(late.ledger.getSale(open.sale.id)?.status).toBe('not_paid');
    } finally {
      await late.close();
    }
  });

  it('cancel: an open invoice is cancelled at MoMo and the sale is not paid; a paid one stays paid', async () => {
    const r = await start();
    const open = r.engine.payLater({ phone: '46733123453', amount: '2500' });
    await r.waitFor(open.payment.id, (p) => p.status === 'pending');
    const cancelled = await r.engine.cancelInvoice(open.payment.id);
    expect(cancelled).toMatchObject({ status: 'rejected', reasonCode: 'TRANSACTION_CANCELED' });
    expect(r.ledger.getSale(open.sale.id)?.status).toBe('not_paid');
    expect((await r.momo.collection.getInvoiceStatus(open.payment.referenceId)).status).toBe('FAILED');

    const paid = r.engine.payLater({ phone: '0788 123 456', amount: '2500' });
    await r.waitFor(paid.payment.id);
    expect((await r.engine.cancelInvoice(paid.payment.id)).status).toBe('successful');
    const prompt = r.engine.charge({ phone: '0788 123 456', amount: '100' });
    expect((await thrown(() => r.engine.cancelInvoice(prompt.payment.id))).code).toBe('CONFLICT');
  });

  it('a lost answer is resolved by GET on the same reference: one invoice at MoMo, never two', async () => {
    const r = await start();
    r.sim.injectFault({ operation: 'createInvoice', kind: 'drop-after' });
    const answered = r.engine.payLater({ phone: '0788 123 456', amount: '1000' });
    expect((await r.waitFor(answered.payment.id)).status).toBe('successful');
    expect(trail(r, answered.payment.id)).toContain('unknown');

    r.sim.injectFault({ operation: 'createInvoice', kind: 'drop-before' });
    const resent = r.engine.payLater({ phone: '0788 123 456', amount: '1000' });
    expect((await r.waitFor(resent.payment.id)).status).toBe('successful');
    // Never arrived (404 on the same reference), still valid: sent again with the same reference.
    expect(r.sim.invoices().filter((invoice) => invoice.referenceId === resent.payment.referenceId)).toHaveLength(1);
    expect(r.ledger.paymentsForSale(resent.sale.id)).toHaveLength(1);
  });

  it('after a restart an invoice left recorded or sending goes out once, on its own reference, while it is valid', async () => {
    const r = await start();
    const validUntil = new Date(Date.now() + 3_600_000).toISOString();
    // As a crash leaves them: one recorded (never sent), one marked sending (the POST may or may not have left).
    const recorded = r.ledger.createMomoSale({ amountMinor: 1000, currency: 'RWF', msisdn: '250788123456', referenceId: crypto.randomUUID(), invoice: { validUntil } });
    const sending = r.ledger.createMomoSale({ amountMinor: 2000, currency: 'RWF', msisdn: '250788123456', referenceId: crypto.randomUUID(), invoice: { validUntil } });
    r.ledger.transitionPayment(sending.payment.id, 'sending', { source: 'post' });
    const lapsed = r.ledger.createMomoSale({
      amountMinor: 3000, currency: 'RWF', msisdn: '250788123456', referenceId: crypto.randomUUID(), invoice: { validUntil: new Date(Date.now() - 1_000).toISOString() },
    });
    await r.engine.recover();
    expect((await r.waitFor(recorded.payment.id)).status).toBe('successful');
    expect((await r.waitFor(sending.payment.id)).status).toBe('successful');
    expect(trail(r, sending.payment.id)).toEqual(['recorded', 'sending', 'unknown', 'sending', 'pending', 'successful']);
    // Past its validity, never sent: nobody could pay it.
    expect(await r.waitFor(lapsed.payment.id)).toMatchObject({ status: 'failed', reasonCode: 'NOT_SENT' });
    expect(r.sim.invoices().map((invoice) => invoice.referenceId).sort()).toEqual([recorded.payment.referenceId, sending.payment.referenceId].sort());
    expect(r.ledger.verify().ok).toBe(true);
  });

  it('bad input changes nothing: no shop number, a bad validity, the shop paying itself', async () => {
    rig = await startEngineRig();
    expect((await thrown(() => rig!.engine.payLater({ phone: '0788 123 456', amount: '1000' }))).message).toMatch(/shop's own MoMo number/);
    await rig.close();
    const r = await start();
    expect((await thrown(() => r.engine.payLater({ phone: '0788 123 456', amount: '1000', validHours: 0 }))).field).toBe('validHours');
    expect((await thrown(() => r.engine.payLater({ phone: '0788 123 456', amount: '1000', validHours: 721 }))).field).toBe('validHours');
    expect((await thrown(() => r.engine.payLater({ phone: SHOP, amount: '1000' }))).field).toBe('phone');
    expect(r.ledger.listSales()).toEqual([]);
    expect(r.ledger.journal()).toEqual([]);
  });

  it('the X/Z report counts invoices apart from prompts, and an invoice’s sale only once paid', async () => {
    const r = await start();
    const prompt = r.engine.charge({ phone: '0788 123 456', amount: '1500' });
    const paid = r.engine.payLater({ phone: '0788 123 457', amount: '5000' });
    const open = r.engine.payLater({ phone: '46733123453', amount: '7000' });
    const expired = r.engine.payLater({ phone: '46733123452', amount: '900' });
    await Promise.all([r.waitFor(prompt.payment.id), r.waitFor(paid.payment.id), r.waitFor(expired.payment.id), r.waitFor(open.payment.id, (p) => p.status === 'pending')]);
    const cancelled = r.engine.payLater({ phone: '46733123453', amount: '800' });
    await r.waitFor(cancelled.payment.id, (p) => p.status === 'pending');
    await r.engine.cancelInvoice(cancelled.payment.id);

    const report = buildTillReport(r.ledger.activitySinceLastZ(), { kind: 'X', currency: 'RWF', feeRule: RWANDA_FEES, timeZone: 'UTC', generatedAt: new Date().toISOString() });
    expect(report.prompts).toMatchObject({ sent: 1, paid: 1 });
    expect(report.invoices).toEqual({ sent: 4, paid: 1, expired: 1, cancelled: 1, declined: 0, failed: 0, open: 1 });
    // No shift is open in this rig: the paid sales (the prompt and one invoice) are counted apart, never as a shift's.
    expect(report.outsideShift).toEqual({ count: 2, amountMinor: 6_500 });
    expect(report.sales.momo).toEqual({ count: 0, amountMinor: 0 });
    expect(report.salesStarted).toBe(5);
    const html = renderReportHtml({ report, merchant: { name: 'Test shop' }, deviceId: r.ledger.deviceId, training: true, language: 'fr', width: 'A4' });
    expect(html).toContain('Paiement différé (factures MoMo)');
    expect(reportTable(report, { language: 'en' })).toMatch(/Pay later \(MoMo invoices\)\n {2}Sent\s+4/);
  });
});

describe('an invoice paid at once is seen at once (the shipped schedule)', () => {
  it('without head office: asked 5 s after sending, so one paid within seconds is on the event stream about 5 s after sending, with one status call', async () => {
    const r = await start({ sim: { invoicePaidAfterMs: 1_500 }, invoiceSchedule: INVOICE_SCHEDULE });
    const sentAt = Date.now();
    const { payment } = r.engine.payLater({ phone: '0788 123 456', amount: '5500' });
    const paid = await r.waitFor(payment.id, undefined, 9_000);
    const seenAfterMs = Date.now() - sentAt;
    expect(paid.status).toBe('successful');
    // The renderer's event: the change reached onChange (the app emits payment.updated from it) with no refresh.
    expect(r.changes.filter((change) => change.id === payment.id).map((change) => change.status)).toContain('successful');
    expect(seenAfterMs).toBeGreaterThanOrEqual(INVOICE_SCHEDULE.firstDelayMs - 100);
    expect(seenAfterMs).toBeLessThan(INVOICE_SCHEDULE.firstDelayMs + 3_000);
    expect(paid.checks).toBe(1);
  });

  it('with head office’s callbacks heard, polling is only the safety net (first look after 30 s): the callback’s hint is what asks', async () => {
    const r = await start({ sim: { invoicePaidAfterMs: 300 }, invoiceSchedule: INVOICE_SCHEDULE, callbacks: { trusted: () => true, urlFor: () => undefined } });
    const { payment } = r.engine.payLater({ phone: '0788 123 456', amount: '5500' });
    await r.waitFor(payment.id, (p) => p.status === 'pending');
    // Past the quick schedule's first look: nothing asked, the callback path is trusted to tell.
    await new Promise((resolve) => setTimeout(resolve, INVOICE_SCHEDULE.firstDelayMs + 1_000));
    expect(r.ledger.getPayment(payment.id)).toMatchObject({ status: 'pending', checks: 0 });
    expect(await r.engine.hint(payment.referenceId)).toBe(true);
    expect(r.ledger.getPayment(payment.id)).toMatchObject({ status: 'successful', checks: 1 });
  });

  it('before an opening reading: every open payment is asked once, nothing is sent, and a slow MoMo never holds the shift past the bound', async () => {
    const r = await start({ invoiceSchedule: { firstDelayMs: 60_000, fastIntervalMs: 60_000 } });
    const paid = r.engine.payLater({ phone: '0788 123 456', amount: '5500' });
    const open = r.engine.payLater({ phone: '46733123453', amount: '3000', confirmDuplicate: true });
    for (const id of [paid.payment.id, open.payment.id]) await r.waitFor(id, (p) => p.status === 'pending');
    await new Promise((resolve) => setTimeout(resolve, 400)); // the first is paid at MoMo; no poll is due for a minute
    const invoicesBefore = r.sim.invoices().length;
    expect(await r.engine.checkUnfinished()).toBe(2);
    expect(r.ledger.getPayment(paid.payment.id)).toMatchObject({ status: 'successful', checks: 1 });
    expect(r.ledger.getPayment(open.payment.id)).toMatchObject({ status: 'pending', checks: 1 });
    expect(r.sim.invoices()).toHaveLength(invoicesBefore);

    r.sim.injectFault({ operation: 'getInvoiceStatus', kind: 'slow', delayMs: 3_000, times: 5 });
    const started = Date.now();
    expect(await r.engine.checkUnfinished(300)).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

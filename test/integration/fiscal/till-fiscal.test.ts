/**
 * Fiscal receipts at the till, over real parts: the app's router, a real
 * ledger file, the MoMo simulator and the VSDC simulator on loopback. A
 * MoMo sale is signed once paid (NS), a cash sale once taken (NS), a refund
 * once it succeeded (NR, naming the sale's invoice number); the VSDC away
 * never stops a sale, and what waited is signed once at the next start; the
 * unsigned limit refuses the 101st sale; training signs TS/TR on its own; a
 * bad set-up stores nothing; the set-up is the manager's.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPos, type Pos } from '../../../electron/core/app';
import { startMomoSimulator, type MomoSimulator } from '../../../electron/core/momo-sim';
import { startVsdcSimulator, type VsdcSimulator } from '../../../electron/core/vsdc-sim';
import { createFiscalService } from '../../../electron/core/fiscal/service';
import { FISCAL_DEVICE_SETTING } from '../../../electron/core/fiscal/config';
import { copyShopSettings } from '../../../electron/core/setup';
import { createEventBus } from '../../../electron/core/events';
import { openLedger } from '../../../electron/core/ledger';
import type { FiscalReceiptView, FiscalStatus, PosEvent, PosResult } from '../../../shared/contract';
import { noticeText } from '../../../shared/error-text';
import { describeFailure } from '../../../shared/error-text';
import type { PosError } from '../../../shared/errors';
import { removeTempDirs, tempDataDir } from '../../helpers/ledger';
import { SECRETS } from '../../helpers/payments';

const MANAGER_PIN = '482916';
const manager = { id: 'test:manager' };
const cashier = { id: 'test:cashier' };
const TIN = '100200300';
const ITEM = { code: 'RW2NTU0000001', classCode: '5020230100', taxType: 'B', name: 'Goods' };

let momo: MomoSimulator;
let vsdc: VsdcSimulator;
const open: Pos[] = [];

beforeAll(async () => {
  momo = await startMomoSimulator({ approvalDelayMs: 20, users: [{ apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey }], subscriptionKeys: [SECRETS.subscriptionKey] });
  vsdc = await startVsdcSimulator();
});
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});
afterAll(async () => {
  await momo?.close();
  await vsdc?.close();
  removeTempDirs();
});

const live = () => ({
  baseUrl: momo.url,
  keysEnteredFor: momo.url,
  targetEnvironment: 'mtnrwanda',
  currency: 'RWF' as const,
  collection: { subscriptionKey: SECRETS.subscriptionKey, apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey },
  disbursement: { subscriptionKey: SECRETS.subscriptionKey, apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey },
});

async function start(dataDir: string, mode: 'live' | 'training' = 'live'): Promise<Pos> {
  const app = await startPos({ dataDir, dataDirKind: 'custom', version: 'test', transport: 'http', env: {}, ...(mode === 'live' ? { live: live() } : {}), log: () => {} });
  open.push(app);
  return app;
}

async function stop(app: Pos): Promise<void> {
  open.splice(open.indexOf(app), 1);
  await app.close();
}

const call = <T = any>(app: Pos, method: string, input: unknown = {}, caller = manager) => app.router.call(method as never, input, caller) as Promise<PosResult<T>>;
async function ok<T = any>(app: Pos, method: string, input: unknown = {}, caller = manager): Promise<T> {
  const result = await call<T>(app, method, input, caller);
  if (!result.ok) throw new Error(`${method}: ${result.code} ${result.message}`);
  return result.data;
}

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** A shop with the manager PIN, a cashier and an open shift. */
async function openShop(app: Pos): Promise<void> {
  await ok(app, 'till.setManagerPin', { pin: MANAGER_PIN });
  await ok(app, 'till.setCashier', { name: 'Aline', pin: '1357', managerPin: MANAGER_PIN });
  await ok(app, 'till.openShift', { openingFloat: '0', cashier: 'Aline', pin: '1357' }, cashier);
}

let branch = 0;
/** Each test its own branch on the one simulator (the simulator installs a device once per TIN/branch). */
async function configure(app: Pos, sim = vsdc): Promise<{ branchId: string; status: FiscalStatus }> {
  const branchId = String(++branch).padStart(2, '0');
  const status = await ok<FiscalStatus>(app, 'fiscal.configure', { tin: TIN, branchId, deviceSerial: `TILL-${branchId}`, vsdcUrl: sim.url, defaultItem: ITEM });
  return { branchId, status };
}

const receiptOf = (app: Pos, input: { saleId: string } | { refundId: string }) => ok<FiscalReceiptView>(app, 'fiscal.receipt', input, cashier);
const finished = (app: Pos, input: { saleId: string } | { refundId: string }) =>
  until(async () => {
    const view = await receiptOf(app, input);
    return view.status === 'pending' || view.status === 'none' ? undefined : view;
  }, `the fiscal receipt of ${JSON.stringify(input)}`);

describe('set-up', () => {
  it('is the manager’s; bad input and a device away store nothing; then SDC ID and MRC come from the device', async () => {
    const app = await start(tempDataDir('fiscal-setup'));
    await ok(app, 'till.setManagerPin', { pin: MANAGER_PIN });
    const good = { tin: TIN, branchId: '90', deviceSerial: 'TILL-90', vsdcUrl: vsdc.url, defaultItem: ITEM };
    expect(await call(app, 'fiscal.configure', good, cashier)).toMatchObject({ ok: false, code: 'FORBIDDEN', field: 'grant' });
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ tin: '12345678' }, 'tin'],
      [{ tin: '12345678a' }, 'tin'],
      [{ branchId: '1A' }, 'branchId'],
      [{ deviceSerial: 'with space' }, 'deviceSerial'],
      [{ vsdcUrl: 'http://203.0.113.7:8080' }, 'vsdcUrl'],
      [{ vsdcUrl: 'ftp://127.0.0.1/' }, 'vsdcUrl'],
      [{ vsdcUrl: 'http://user:pw@127.0.0.1:8080' }, 'vsdcUrl'],
      [{ vsdcUrl: 'not a url' }, 'vsdcUrl'],
      [{ defaultItem: { ...ITEM, code: 'GOODS' } }, 'defaultItem.code'],
      [{ defaultItem: { ...ITEM, classCode: '12' } }, 'defaultItem.classCode'],
      [{ defaultItem: { ...ITEM, taxType: 'E' } }, 'defaultItem.taxType'],
      [{ defaultItem: { ...ITEM, name: '   ' } }, 'defaultItem.name'],
    ];
    const before = vsdc.requests();
    for (const [patch, field] of bad) {
      expect(await call(app, 'fiscal.configure', { ...good, ...patch }), field).toMatchObject({ ok: false, code: 'VALIDATION', field });
    }
    expect(vsdc.requests(), 'nothing reached the device').toBe(before);
    // A good address where nobody answers (a closed loopback port): nothing is stored.
    const closed = await startVsdcSimulator();
    const closedUrl = closed.url;
    await closed.close();
    const away = await call(app, 'fiscal.configure', { ...good, vsdcUrl: closedUrl });
    expect(away).toMatchObject({ ok: false, code: 'FISCAL_DEVICE', field: 'vsdcUrl' });
    if (!away.ok) {
      expect(describeFailure(away, 'en').sentence).toContain(new URL(closedUrl).host);
      expect(describeFailure(away, 'fr').sentence).toMatch(/^L’EBM \(VSDC\) à .* est injoignable/);
      expect(describeFailure(away, 'rw').sentence).toMatch(/ntiyabonetse/);
    }
    // The device refuses the item: the set-up is not stored either (the next try on this device is "already installed").
    vsdc.inject({ path: '/items/saveItems', kind: 'param-error', field: 'itemClsCd' });
    expect(await call(app, 'fiscal.configure', good)).toMatchObject({ ok: false, code: 'FISCAL_DEVICE' });
    expect(app.ledger.getSetting(FISCAL_DEVICE_SETTING)).toBeUndefined();
    expect(await ok(app, 'fiscal.status', {}, cashier)).toMatchObject({ configured: false, training: false, pending: 0 });
    // Installed before, unknown to us: the manager types the SDC ID and MRC a signed receipt shows.
    expect(await call(app, 'fiscal.configure', good)).toMatchObject({ ok: false, code: 'FISCAL_DEVICE', field: 'sdcId' });
    expect(app.ledger.getSetting(FISCAL_DEVICE_SETTING)).toBeUndefined();
    const status = await ok<FiscalStatus>(app, 'fiscal.configure', { ...good, sdcId: 'SDC010000090', mrcNo: 'WIS01000090' });
    expect(status).toMatchObject({ configured: true, country: 'RW', tin: TIN, branchId: '90', sdcId: 'SDC010000090', mrcNo: 'WIS01000090', defaultItem: ITEM });

    // A fresh device: initialisation fills SDC ID and MRC.
    const fresh = await configure(app);
    expect(fresh.status).toMatchObject({ configured: true, tin: TIN, branchId: fresh.branchId, verdict: { ok: true }, pending: 0 });
    expect(fresh.status.sdcId).toMatch(/^SDC01\d{7}$/);
    expect(fresh.status.mrcNo).toMatch(/^WIS01\d{6}$/);
  });

  it('follows the shop from training to live (a ledger without its own set-up)', async () => {
    const dataDir = tempDataDir('fiscal-copy');
    const training = openLedger({ dataDir, training: true });
    const liveLedger = openLedger({ dataDir, training: false });
    try {
      const config = { tin: TIN, branchId: '00', deviceSerial: 'COPY-1', vsdcUrl: vsdc.url, defaultItem: ITEM, country: 'RW', sdcId: 'SDC010000001', mrcNo: 'WIS01000001', lastInvoiceNo: 7, taxpayerName: null, configuredAt: '2026-01-01T00:00:00.000Z' };
      training.setSetting(FISCAL_DEVICE_SETTING, config);
      copyShopSettings(training, liveLedger);
      expect(liveLedger.getSetting(FISCAL_DEVICE_SETTING)).toEqual(config);
      // A ledger with its own set-up keeps it.
      training.setSetting(FISCAL_DEVICE_SETTING, { ...config, deviceSerial: 'OTHER' });
      copyShopSettings(training, liveLedger);
      expect(liveLedger.getSetting(FISCAL_DEVICE_SETTING)).toEqual(config);
    } finally {
      training.close();
      liveLedger.close();
    }
  });
});

describe('signing at the till', () => {
  it('a MoMo sale paid → NS; a cash sale → NS; a refund → NR naming the sale’s invoice; the receipt carries the block', async () => {
    const app = await start(tempDataDir('fiscal-sign'));
    await openShop(app);
    const { branchId } = await configure(app);
    const events: PosEvent[] = [];
    app.events.subscribe((event) => void events.push(event));

    const charged = await ok(app, 'sale.charge', { phone: '250788123456', amount: '7000', note: 'Two bags of rice' }, cashier);
    const saleId = charged.sale.id as string;
    // Not paid yet: nothing to sign.
    expect((await receiptOf(app, { saleId })).status).toBe('none');
    await until(async () => ((await ok(app, 'payment.recheck', { paymentId: charged.payment.id }, cashier)).status === 'successful' ? true : undefined), 'the MoMo payment');
    const momoReceipt = await finished(app, { saleId });
    expect(momoReceipt).toMatchObject({ status: 'signed', label: 'NS' });
    expect(momoReceipt.signature).toMatch(/^[A-Z2-7]{16}$/);
    expect(events.some((event) => event.type === 'fiscal.updated' && event.saleId === saleId && event.receipt.status === 'signed')).toBe(true);

    const cash = await ok(app, 'sale.payCash', { amount: '10500' }, cashier);
    const cashReceipt = await finished(app, { saleId: cash.id });
    expect(cashReceipt).toMatchObject({ status: 'signed', label: 'NS' });
    expect(cashReceipt.invoiceNo).toBeGreaterThan(momoReceipt.invoiceNo!);

    const refund = await ok(app, 'refund.create', { saleId: cash.id, amount: '500', reason: 'bag torn', pin: MANAGER_PIN, method: 'cash' });
    const refundReceipt = await finished(app, { refundId: refund.id });
    expect(refundReceipt).toMatchObject({ status: 'signed', label: 'NR', originalInvoiceNo: cashReceipt.invoiceNo });

    // A MoMo refund is signed once MoMo says it succeeded.
    const momoRefund = await ok(app, 'refund.create', { saleId, amount: '7000', reason: 'wrong item', pin: MANAGER_PIN, method: 'momo' });
    await until(async () => ((await ok(app, 'refund.get', { refundId: momoRefund.id, recheck: true }, cashier)).status === 'successful' ? true : undefined), 'the MoMo refund');
    const momoRefundReceipt = await finished(app, { refundId: momoRefund.id });
    expect(momoRefundReceipt).toMatchObject({ status: 'signed', label: 'NR', originalInvoiceNo: momoReceipt.invoiceNo });

    // The device holds exactly these four, once each.
    const onDevice = vsdc.receipts(TIN, branchId);
    expect(onDevice.map((r) => [r.invcNo, r.label])).toEqual([
      [momoReceipt.invoiceNo, 'NS'],
      [cashReceipt.invoiceNo, 'NS'],
      [refundReceipt.invoiceNo, 'NR'],
      [momoRefundReceipt.invoiceNo, 'NR'],
    ]);
    // The printed receipt carries the SDC block once signed.
    const html = (await ok(app, 'receipt.render', { saleId: cash.id, width: '80mm', copy: false }, cashier)).html as string;
    expect(html).toContain('SDC INFORMATION');
    expect(html).toContain(cashReceipt.sdcId!);
    expect(html).not.toContain('NOT YET THE OFFICIAL RECEIPT');
    const status = await ok<FiscalStatus>(app, 'fiscal.status', {}, cashier);
    expect(status.today).toEqual(expect.arrayContaining([{ label: 'NS', signed: 2, pending: 0, rejected: 0 }, { label: 'NR', signed: 2, pending: 0, rejected: 0 }]));
  });

  it('the VSDC away: sales go on, receipts say not yet official; the next start signs each once (a lost answer counts as done)', async () => {
    const dataDir = tempDataDir('fiscal-away');
    // Its own simulator: the faults stay with it.
    const sim = await startVsdcSimulator();
    try {
      let app = await start(dataDir);
      await openShop(app);
      const { branchId } = await configure(app, sim);
      // The first sale reaches the device, which signs it, but its answer is lost on the way back; then the device is away.
      sim.inject({ path: '/trnsSales/saveSales', kind: 'lost-answer', times: 1 });
      sim.inject({ path: '/trnsSales/saveSales', kind: 'unreachable', times: 1_000 });
      const sales: string[] = [];
      for (const amount of ['1000', '2000', '3000']) {
        sales.push((await ok(app, 'sale.payCash', { amount }, cashier)).id);
        await app.fiscal.idle();
      }
      const before = await Promise.all(sales.map((saleId) => receiptOf(app, { saleId })));
      // The HTTP client may send a request again on a dropped connection by itself: the device then answers 994, counted as done.
      expect(['pending', 'duplicate']).toContain(before[0]!.status);
      expect(before.slice(1).map((view) => view.status)).toEqual(['pending', 'pending']);
      // Known away: the later sales were numbered and kept, not each sent into a time-out.
      const requestsWhileAway = sim.requests();
      sales.push((await ok(app, 'sale.payCash', { amount: '100' }, cashier)).id);
      await app.fiscal.idle();
      expect(sim.requests()).toBe(requestsWhileAway);
      const html = (await ok(app, 'receipt.render', { saleId: sales[1], width: '80mm', copy: false }, cashier)).html as string;
      expect(html).toContain('NOT YET THE OFFICIAL RECEIPT');
      const away = await ok<FiscalStatus>(app, 'fiscal.status', {}, cashier);
      expect(away).toMatchObject({ verdict: { ok: true } });
      expect(away.pending).toBeGreaterThanOrEqual(3);
      // The device never answered: the words are ours, so they travel as a key Settings says in the manager's language.
      expect(away.problem).toMatchObject({ code: 'UNREACHABLE', key: expect.stringMatching(/^error\.fiscal\.device\.(notReached|timedOut|away)$/) });
      expect(noticeText(away.problem!, 'fr')).toMatch(/^L’EBM \(VSDC\)/);
      expect(sim.receipts(TIN, branchId)).toHaveLength(1);
      await stop(app);

      // A sale the ledger holds as taken, but the app stopped before its signing was even claimed (a crash right after the sale).
      const ledger = openLedger({ dataDir, training: false });
      sales.push(ledger.createCashSale({ amountMinor: 4000, currency: 'RWF' }).sale.id);
      ledger.close();

      sim.clearFaults();
      app = await start(dataDir);
      await until(async () => {
        const status = await ok<FiscalStatus>(app, 'fiscal.status', {}, cashier);
        return status.pending === 0 && (await receiptOf(app, { saleId: sales[4]! })).status === 'signed' ? true : undefined;
      }, 'the resend at start-up');
      const views = await Promise.all(sales.map((saleId) => receiptOf(app, { saleId })));
      expect(views.map((view) => view.status)).toEqual(['duplicate', 'signed', 'signed', 'signed', 'signed']);
      const onDevice = sim.receipts(TIN, branchId);
      expect(onDevice.map((r) => r.invcNo).sort((a, b) => a - b)).toEqual(views.map((view) => view.invoiceNo!).sort((a, b) => a - b));
      expect(sim.counters(TIN, branchId)).toEqual({ NS: 5 });
      // Another start finds nothing to send.
      await app.fiscal.idle();
      const requests = sim.requests();
      await stop(app);
      app = await start(dataDir);
      await app.fiscal.catchUp();
      expect(sim.requests()).toBe(requests);
    } finally {
      while (open.length) await open.pop()!.close();
      await sim.close();
    }
  });

  it('closing the app cuts a signing still on its way: the receipt waits, and goes again at the next start', async () => {
    const dataDir = tempDataDir('fiscal-close');
    const sim = await startVsdcSimulator();
    try {
      let app = await start(dataDir);
      await openShop(app);
      const { branchId } = await configure(app, sim);
      // The device signs, and answers a minute later.
      sim.inject({ path: '/trnsSales/saveSales', kind: 'slow', delayMs: 60_000 });
      const sale = await ok(app, 'sale.payCash', { amount: '1500' }, cashier);
      await until(() => (sim.receipts(TIN, branchId).length === 1 ? true : undefined), 'the device to sign');
      const closing = Date.now();
      await stop(app);
      // Well before the device's answer (or the 15 s time limit): the app does not hang on it.
      expect(Date.now() - closing).toBeLessThan(10_000);
      app = await start(dataDir);
      expect(await finished(app, { saleId: sale.id })).toMatchObject({ status: 'duplicate', label: 'NS' });
      expect(sim.counters(TIN, branchId)).toEqual({ NS: 1 });
    } finally {
      while (open.length) await open.pop()!.close();
      await sim.close();
    }
  });

  it('100 receipts waiting: the 101st sale is refused with a sentence in en/fr/rw, and nothing is written', async () => {
    const app = await start(tempDataDir('fiscal-limit'));
    await openShop(app);
    // Its own simulator: the faults below stay with it.
    const away = await startVsdcSimulator();
    await configure(app, away);
    away.inject({ path: '/trnsSales/saveSales', kind: 'unreachable', times: 10_000 });
    try {
      for (let i = 0; i < 100; i++) await ok(app, 'sale.payCash', { amount: String(100 + i) }, cashier);
      await app.fiscal.idle();
      expect(await ok<FiscalStatus>(app, 'fiscal.status', {}, cashier)).toMatchObject({ pending: 100, verdict: { ok: false, reason: 'count' } });
      const sales = app.ledger.listSales({ limit: 500 }).length;
      const refused = await call(app, 'sale.payCash', { amount: '999' }, cashier);
      expect(refused).toMatchObject({ ok: false, code: 'FISCAL_UNSIGNED_LIMIT', field: 'count' });
      expect(await call(app, 'sale.charge', { phone: '250788123456', amount: '999' }, cashier)).toMatchObject({ ok: false, code: 'FISCAL_UNSIGNED_LIMIT' });
      expect(app.ledger.listSales({ limit: 500 })).toHaveLength(sales);
      if (!refused.ok) {
        expect(describeFailure(refused, 'en').sentence).toMatch(/^100 receipts are waiting for the EBM’s signature/);
        expect(describeFailure(refused, 'fr').sentence).toMatch(/^100 reçus attendent la signature de l’EBM/);
        expect(describeFailure(refused, 'rw').sentence).toMatch(/^Inyemezabwishyu 100 zitegereje umukono wa EBM/);
      }
    } finally {
      await stop(app);
      await away.close();
    }
  });

  it('training signs against the built-in simulator: TS for a sale, TR for its refund, no set-up needed', async () => {
    const app = await start(tempDataDir('fiscal-training'), 'training');
    await openShop(app);
    expect(await ok(app, 'fiscal.status', {}, cashier)).toMatchObject({ training: true, configured: true });
    const cash = await ok(app, 'sale.payCash', { amount: '1200' }, cashier);
    const sale = await finished(app, { saleId: cash.id });
    expect(sale).toMatchObject({ status: 'signed', label: 'TS' });
    const refund = await ok(app, 'refund.create', { saleId: cash.id, amount: '1200', reason: 'changed mind', pin: MANAGER_PIN, method: 'cash' });
    expect(await finished(app, { refundId: refund.id })).toMatchObject({ status: 'signed', label: 'TR', originalInvoiceNo: sale.invoiceNo });
    const html = (await ok(app, 'receipt.render', { saleId: cash.id, width: '80mm', copy: false }, cashier)).html as string;
    expect(html).toContain('TRAINING MODE');
  });
});

describe('the age limit', () => {
  it('one receipt waiting more than 24 hours stops new sales (the clock the ledger stamps with)', async () => {
    const dataDir = tempDataDir('fiscal-age');
    const ledger = openLedger({ dataDir, training: false });
    try {
      const closed = await startVsdcSimulator();
      const url = closed.url;
      await closed.close();
      ledger.setSetting(FISCAL_DEVICE_SETTING, {
        tin: TIN, branchId: '00', deviceSerial: 'AGE-1', vsdcUrl: url, defaultItem: ITEM,
        country: 'RW', sdcId: 'SDC010000001', mrcNo: 'WIS01000001', lastInvoiceNo: 0, taxpayerName: null, configuredAt: '2000-01-01T00:00:00.000Z',
      });
      let clock = Date.now();
      const host = { ledger, mode: 'live' as const, events: createEventBus(() => {}), settings: () => ({ dayStartsAtHour: 0 }), log: () => {} };
      const service = createFiscalService(host, { now: () => new Date(clock), timeoutMs: 2_000 });
      try {
        ledger.createCashSale({ amountMinor: 5000, currency: 'RWF' });
        await service.catchUp();
        expect(service.status()).toMatchObject({ pending: 1, verdict: { ok: true } });
        expect(() => service.assertCanSell()).not.toThrow();
        clock += 24 * 3_600_000 + 60_000;
        expect(() => service.assertCanSell()).toThrow(expect.objectContaining({ code: 'FISCAL_UNSIGNED_LIMIT', field: 'age', key: 'error.fiscal.unsignedAge' }));
        try {
          service.assertCanSell();
        } catch (error) {
          expect(describeFailure(error as PosError, 'fr').sentence).toMatch(/^Un reçu attend la signature de l’EBM depuis plus de 24 heures/);
        }
        // A clock set back makes the wait look negative: counted as new, never as an error.
        clock -= 3 * 24 * 3_600_000;
        expect(() => service.assertCanSell()).not.toThrow();
        expect(service.status().oldestPendingAgeMs).toBe(0);
      } finally {
        await service.close();
      }
    } finally {
      ledger.close();
    }
  });
});

describe('the resend after a miss', () => {
  it('a lone sale the device missed is sent again on the retry schedule, not at the next idle sweep minutes later', async () => {
    const dataDir = tempDataDir('fiscal-retry');
    const ledger = openLedger({ dataDir, training: false });
    const vsdc = await startVsdcSimulator();
    try {
      // The device installed, as set-up leaves it.
      const init = await fetch(`${vsdc.url}/initializer/selectInitInfo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tin: TIN, bhfId: '00', dvcSrlNo: 'RETRY-1' }) });
      expect(((await init.json()) as { resultCd: string }).resultCd).toBe('000');
      ledger.setSetting(FISCAL_DEVICE_SETTING, {
        tin: TIN, branchId: '00', deviceSerial: 'RETRY-1', vsdcUrl: vsdc.url, defaultItem: ITEM,
        country: 'RW', sdcId: 'SDC010000001', mrcNo: 'WIS01000001', lastInvoiceNo: 0, taxpayerName: null, configuredAt: '2000-01-01T00:00:00.000Z',
      });
      const events = createEventBus(() => {});
      const host = { ledger, mode: 'live' as const, events, settings: () => ({ dayStartsAtHour: 0 }), log: () => {} };
      const service = createFiscalService(host, { timeoutMs: 2_000, retryFirstMs: 300 });
      try {
        service.start();
        await service.idle();
        // Nothing waits: the service sleeps until its idle sweep (minutes). Then one sale, and the device misses it.
        await new Promise((resolve) => setTimeout(resolve, 100));
        await service.idle();
        vsdc.inject({ path: '/trnsSales/saveSales', kind: 'unreachable', times: 1 });
        ledger.createCashSale({ amountMinor: 5000, currency: 'RWF' });
        events.emit({ type: 'shift.updated' });
        await new Promise((resolve) => setTimeout(resolve, 50));
        await service.idle();
        expect(service.status().pending).toBe(1);
        // No other sale comes: the retry alone signs it.
        const deadline = Date.now() + 10_000;
        while (service.status().pending > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        expect(service.status().pending).toBe(0);
        expect(ledger.fiscalCounts({ from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' })).toEqual([expect.objectContaining({ label: 'NS', status: 'signed', count: 1 })]);
      } finally {
        await service.close();
      }
    } finally {
      await vsdc.close();
      ledger.close();
    }
  });
});

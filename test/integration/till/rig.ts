/**
 * A real till for tests: a real ledger file, the real MoMo client over
 * loopback HTTP to the real simulator (collection and disbursement), the
 * real payment engine for MoMo sales, cheap scrypt and a quick schedule.
 */
import { randomUUID } from 'node:crypto';
import { openLedger, type Ledger, type Payment, type Refund } from '../../../electron/core/ledger';
import { createMomoClient, type MomoClient } from '../../../electron/core/momo';
import { startMomoSimulator, type MomoSimulator } from '../../../electron/core/momo-sim';
import { createPaymentEngine, type PaymentEngine } from '../../../electron/core/payments';
import { readSettings } from '../../../electron/core/settings';
import { createTill, type Till, type TillOptions } from '../../../electron/core/till';
import { isFinal } from '../../../shared/payment-states';
import { MARKETS } from '../../../shared/markets';
import { steppingClock, tempDataDir } from '../../helpers/ledger';
import { QUICK_SCHEDULE, SECRETS } from '../../helpers/payments';

export const CHEAP_KDF = { N: 2 ** 10, r: 8, p: 1 };
export const MANAGER = '482916';
export const ANN = '1357';
export const PAYER = '250788123456';

export interface TillRig {
  dataDir: string;
  ledger: Ledger;
  sim: MomoSimulator;
  momo: MomoClient;
  engine: PaymentEngine;
  till: Till;
  logs: string[];
  /** The till's own clock (PIN lock-out), moved by tests. */
  clock: { now: number };
  newTill(extra?: Partial<TillOptions>): Till;
  /** A manager PIN, a cashier Ann (PIN 1357) and an open shift with a float. */
  ready(floatText?: string): Promise<void>;
  /** A MoMo sale approved by the simulator. */
  paidMomoSale(amount: string, phone?: string): Promise<{ saleId: string; payment: Payment }>;
  waitForRefund(refundId: string, done?: (refund: Refund) => boolean, timeoutMs?: number): Promise<Refund>;
  close(): Promise<void>;
}

export async function startTillRig(options: { sim?: Parameters<typeof startMomoSimulator>[0]; ledgerClock?: () => Date } = {}): Promise<TillRig> {
  const dataDir = tempDataDir('till');
  const ledger = openLedger({ dataDir, training: false, deviceId: 'POS1', log: () => {}, ...(options.ledgerClock ? { now: options.ledgerClock } : { now: steppingClock(new Date().toISOString(), 5) }) });
  const sim = await startMomoSimulator({
    approvalDelayMs: 40,
    users: [{ apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey }],
    subscriptionKeys: [SECRETS.subscriptionKey],
    ...options.sim,
  });
  const credentials = { subscriptionKey: SECRETS.subscriptionKey, apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey };
  const momo = createMomoClient({ baseUrl: sim.url, keysEnteredFor: sim.url, targetEnvironment: 'sandbox', collection: credentials, disbursement: credentials, timeoutMs: 1_000 });
  const engine = createPaymentEngine({
    ledger,
    collection: momo.collection,
    currency: 'RWF',
    phoneRules: { country: MARKETS.mtnrwanda.country, mtnPrefixes: MARKETS.mtnrwanda.mtnPrefixes, training: false },
    shopName: () => 'Test shop',
    schedule: QUICK_SCHEDULE,
    invoiceSchedule: { ...QUICK_SCHEDULE, windowMs: 24 * 3_600_000 },
    merchantMsisdn: () => '250788000111',
  });
  const logs: string[] = [];
  const clock = { now: Date.now() };
  const tills: Till[] = [];
  const newTill = (extra: Partial<TillOptions> = {}) => {
    const till = createTill({
      ledger,
      settings: () => readSettings(ledger),
      disbursement: () => momo.disbursement,
      training: false,
      kdfCost: CHEAP_KDF,
      schedule: QUICK_SCHEDULE,
      now: () => new Date(clock.now),
      timeZone: 'UTC',
      log: (line) => logs.push(line),
      ...extra,
    });
    tills.push(till);
    return till;
  };
  const till = newTill();

  const rig: TillRig = {
    dataDir,
    ledger,
    sim,
    momo,
    engine,
    till,
    logs,
    clock,
    newTill,
    async ready(floatText = '5000') {
      await till.setManagerPin({ pin: MANAGER });
      await till.setCashier({ name: 'Ann', pin: ANN, managerPin: MANAGER });
      await till.openShift({ cashier: 'Ann', pin: ANN, openingFloat: floatText });
    },
    async paidMomoSale(amount, phone = '0788 123 456') {
      const { sale, payment } = engine.charge({ phone, amount });
      const done = await waitFor(() => {
        const p = ledger.getPayment(payment.id)!;
        return isFinal(p.status) ? p : undefined;
      }, `payment ${payment.id}`);
      return { saleId: sale.id, payment: done };
    },
    waitForRefund(refundId, done = (refund) => isFinal(refund.status), timeoutMs = 8_000) {
      return waitFor(() => {
        const refund = ledger.getRefund(refundId)!;
        return done(refund) ? refund : undefined;
      }, `refund ${refundId}`, timeoutMs);
    },
    async close() {
      for (const t of tills) t.stop();
      for (const t of tills) await t.idle();
      engine.stop();
      await engine.idle();
      await sim.close();
      ledger.close();
    },
  };
  return rig;
}

export async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 8_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not done after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

export const newReference = () => randomUUID();

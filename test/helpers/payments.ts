/**
 * A real payment engine for tests: a real ledger file in a temp folder, the
 * real MoMo client over loopback HTTP to the real simulator, a quick schedule.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLedger, type Ledger, type Payment } from '../../electron/core/ledger';
import { createMomoClient, type MomoClient } from '../../electron/core/momo';
import { startMomoSimulator, type MomoSimulator } from '../../electron/core/momo-sim';
import { createPaymentEngine, createTextReceipts, type PaymentCallbacks, type PaymentEngine, type PollSchedule } from '../../electron/core/payments';
import { isFinal } from '../../shared/payment-states';
import { MARKETS } from '../../shared/markets';

export const QUICK_SCHEDULE: PollSchedule = {
  firstDelayMs: 40,
  fastIntervalMs: 40,
  fastPhaseMs: 3_000,
  backoffFactor: 1.5,
  maxIntervalMs: 200,
  windowMs: 4_000,
};

export const SECRETS = {
  subscriptionKey: 'sk-test-0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  apiUser: '3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  apiKey: 'ak-test-5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
};

export interface EngineRig {
  dataDir: string;
  ledger: Ledger;
  sim: MomoSimulator;
  momo: MomoClient;
  engine: PaymentEngine;
  changes: Payment[];
  /** What the engine's parts logged. */
  logs: string[];
  waitFor(paymentId: string, done?: (payment: Payment) => boolean, timeoutMs?: number): Promise<Payment>;
  close(): Promise<void>;
}

export async function startEngineRig(options: {
  sim?: Parameters<typeof startMomoSimulator>[0];
  schedule?: Partial<PollSchedule>;
  timeoutMs?: number;
  dataDir?: string;
  /** The shop's name as typed in settings (default 'Test shop'). */
  shopName?: string;
  /** Pay later: the shop's own MoMo number (none by default) and the invoice schedule (quick by default). */
  merchantMsisdn?: string;
  invoiceSchedule?: Partial<PollSchedule>;
  now?: () => number;
  /** Text receipts after each paid prompt, switched by this (off when absent). */
  textReceipts?: () => boolean;
  /** Where the client looks for MoMo (default: the simulator), e.g. a closed port. */
  baseUrl?: string;
  /** Callbacks relayed by head office (none by default). */
  callbacks?: PaymentCallbacks;
} = {}): Promise<EngineRig> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'momo-pos-pay-'));
  const ledger = openLedger({ dataDir, training: true });
  const sim = await startMomoSimulator({ approvalDelayMs: 150, slowApprovalDelayMs: 600, users: [{ apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey }], subscriptionKeys: [SECRETS.subscriptionKey], ...options.sim });
  const momo = createMomoClient({
    baseUrl: options.baseUrl ?? sim.url,
    keysEnteredFor: options.baseUrl ?? sim.url,
    targetEnvironment: 'sandbox',
    collection: { subscriptionKey: SECRETS.subscriptionKey, apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey },
    // Refunds (test/integration/till/refund-fault-sequences.property.test.ts) go through Disbursement with the same keys.
    disbursement: { subscriptionKey: SECRETS.subscriptionKey, apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey },
    timeoutMs: options.timeoutMs ?? 1_000,
  });
  const changes: Payment[] = [];
  const logs: string[] = [];
  const waiters = new Set<() => void>();
  const engine = createPaymentEngine({
    ledger,
    collection: momo.collection,
    currency: 'RWF',
    phoneRules: { country: MARKETS.mtnrwanda.country, mtnPrefixes: MARKETS.mtnrwanda.mtnPrefixes, training: true },
    shopName: () => options.shopName ?? 'Test shop',
    schedule: { ...QUICK_SCHEDULE, ...options.schedule },
    invoiceSchedule: { ...QUICK_SCHEDULE, windowMs: 24 * 3_600_000, ...options.invoiceSchedule },
    ...(options.merchantMsisdn ? { merchantMsisdn: () => options.merchantMsisdn } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.callbacks ? { callbacks: options.callbacks } : {}),
    ...(options.textReceipts
      ? { textReceipts: createTextReceipts({ ledger, collection: momo.collection, enabled: options.textReceipts, shopName: () => options.shopName ?? 'Test shop', log: (line) => logs.push(line) }) }
      : {}),
    onChange: (payment) => {
      changes.push(payment);
      for (const wake of [...waiters]) wake();
    },
  });
  return {
    dataDir,
    ledger,
    sim,
    momo,
    engine,
    changes,
    logs,
    waitFor(paymentId, done = (payment) => isFinal(payment.status), timeoutMs = 8_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const payment = ledger.getPayment(paymentId);
          if (payment && done(payment)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(payment);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`payment ${paymentId} stayed ${ledger.getPayment(paymentId)?.status}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      engine.stop();
      await engine.idle();
      await sim.close();
      ledger.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

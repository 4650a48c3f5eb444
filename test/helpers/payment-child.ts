/**
 * A till process the crash tests can SIGKILL: the real engines (payments,
 * invoices, refunds — one driver) on a real ledger file, talking to the
 * simulator the parent test runs.
 *   KIND=prompt (default) | invoice | refund — which money movement
 *   MODE=record  — only records the movement (the state on disk right after "record")
 *   MODE=charge  — recovers, then starts one (charge, pay later, or a refund of a paid sale)
 *   MODE=recover — recovers and exits once every movement is final
 * Prints one line per fact: RECORDED / CHARGED / STATUS <id> <status> <checks> / CHECKS … / FINAL.
 */
import { randomUUID } from 'node:crypto';
import { openLedger, type Ledger } from '../../electron/core/ledger';
import { createMomoClient } from '../../electron/core/momo';
import { createPaymentEngine } from '../../electron/core/payments';
import { createRefundEngine } from '../../electron/core/till';
import { MARKETS } from '../../shared/markets';
import { SECRETS } from './payments';

const env = process.env;
const kind = env.KIND ?? 'prompt';
const ledger = openLedger({ dataDir: env.DATA_DIR!, training: true });
const credentials = { subscriptionKey: SECRETS.subscriptionKey, apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey };
const momo = createMomoClient({ baseUrl: env.SIM_URL!, keysEnteredFor: env.SIM_URL!, targetEnvironment: 'sandbox', collection: credentials, disbursement: credentials, timeoutMs: 5_000 });
const schedule = {
  firstDelayMs: Number(env.FIRST_DELAY_MS ?? 100),
  fastIntervalMs: 100,
  fastPhaseMs: 60_000,
  backoffFactor: 1.5,
  maxIntervalMs: 500,
  windowMs: 60_000,
};
const engine = createPaymentEngine({
  ledger,
  collection: momo.collection,
  currency: 'RWF',
  phoneRules: { country: 'RW', mtnPrefixes: MARKETS.mtnrwanda.mtnPrefixes, training: true },
  shopName: () => 'Crash test shop',
  merchantMsisdn: () => '250788000111',
  schedule,
  invoiceSchedule: { ...schedule, windowMs: 24 * 3_600_000 },
  onChange: (payment) => console.log(`STATUS ${payment.id} ${payment.status} ${payment.checks}`),
});
// A refund has no check counter of its own: the child counts its status calls.
const refundChecks = new Map<string, number>();
const disbursement = {
  ...momo.disbursement,
  getRefundStatus: async (...args: Parameters<typeof momo.disbursement.getRefundStatus>) => {
    const refund = ledger.unfinishedRefunds().find((r) => r.referenceId === args[0]);
    if (refund) refundChecks.set(refund.id, (refundChecks.get(refund.id) ?? 0) + 1);
    return momo.disbursement.getRefundStatus(...args);
  },
};
const refunds = createRefundEngine({
  ledger,
  disbursement: () => disbursement,
  shopName: () => 'Crash test shop',
  schedule,
  onChange: (refund) => console.log(`STATUS ${refund.id} ${refund.status} ${refundChecks.get(refund.id) ?? 0}`),
});

/** A sale paid by MoMo, as a refund finds it (its payment was approved before). */
function paidSale(l: Ledger, phone: string) {
  const { sale, payment } = l.createMomoSale({ amountMinor: 1200, currency: 'RWF', msisdn: phone, referenceId: randomUUID() });
  for (const to of ['sending', 'pending', 'successful'] as const) l.transitionPayment(payment.id, to, { source: 'poll', ...(to === 'successful' ? { financialTransactionId: 'FT-CHILD' } : {}) });
  return sale;
}

const phone = env.PHONE ?? '250788123456';
const unfinished = () => ledger.unfinishedPayments().length + ledger.unfinishedRefunds().filter((r) => r.method === 'momo').length;

async function main() {
  if (env.MODE === 'record') {
    if (kind === 'refund') {
      const sale = paidSale(ledger, phone);
      const refund = ledger.createRefund({ saleId: sale.id, amountMinor: 1200, currency: 'RWF', method: 'momo', via: 'refund', referenceId: randomUUID(), reason: 'crash test', by: 'manager' });
      console.log(`RECORDED ${refund.id} ${refund.referenceId}`);
    } else {
      const invoice = kind === 'invoice' ? { invoice: { validUntil: new Date(Date.now() + 3_600_000).toISOString() } } : {};
      const { payment } = ledger.createMomoSale({ amountMinor: 1200, currency: 'RWF', msisdn: phone, referenceId: randomUUID(), ...invoice });
      console.log(`RECORDED ${payment.id} ${payment.referenceId}`);
    }
    setInterval(() => {}, 1_000);
    return;
  }
  await engine.recover();
  await refunds.recover();
  if (env.MODE === 'charge') {
    let started: { id: string; referenceId: string };
    if (kind === 'refund') {
      const sale = paidSale(ledger, phone);
      const refund = ledger.createRefund({ saleId: sale.id, amountMinor: 1200, currency: 'RWF', method: 'momo', via: 'refund', referenceId: randomUUID(), reason: 'crash test', by: 'manager' });
      refunds.start(refund.id);
      started = { id: refund.id, referenceId: refund.referenceId! };
    } else {
      const { payment } = kind === 'invoice' ? engine.payLater({ phone, amount: '1200' }) : engine.charge({ phone, amount: '1200' });
      started = { id: payment.id, referenceId: payment.referenceId };
    }
    console.log(`CHARGED ${started.id} ${started.referenceId}`);
    setInterval(() => {
      const status = kind === 'refund' ? ledger.getRefund(started.id)!.status : ledger.getPayment(started.id)!.status;
      const checks = kind === 'refund' ? (refundChecks.get(started.id) ?? 0) : ledger.getPayment(started.id)!.checks;
      console.log(`CHECKS ${started.id} ${status} ${checks}`);
    }, 50);
    return;
  }
  const timer = setInterval(() => {
    if (unfinished() === 0) {
      clearInterval(timer);
      engine.stop();
      refunds.stop();
      ledger.close();
      console.log('FINAL');
      process.exit(0);
    }
  }, 50);
}
void main();

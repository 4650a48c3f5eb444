/**
 * A till process the crash tests can SIGKILL: the real engine on a real
 * ledger file, talking to the simulator the parent test runs.
 *   MODE=record  — only records a sale (the state on disk right after "record")
 *   MODE=charge  — recovers, then charges PHONE
 *   MODE=recover — recovers and exits once every payment is final
 * Prints one line per fact: RECORDED / CHARGED / STATUS <id> <status> <checks> / FINAL.
 */
import { randomUUID } from 'node:crypto';
import { openLedger } from '../../electron/core/ledger';
import { createMomoClient } from '../../electron/core/momo';
import { createPaymentEngine } from '../../electron/core/payments';
import { MARKETS } from '../../shared/markets';
import { SECRETS } from './payments';

const env = process.env;
const ledger = openLedger({ dataDir: env.DATA_DIR!, training: true });
const momo = createMomoClient({
  baseUrl: env.SIM_URL!,
  targetEnvironment: 'sandbox',
  collection: { subscriptionKey: SECRETS.subscriptionKey, apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey },
  timeoutMs: 5_000,
});
const engine = createPaymentEngine({
  ledger,
  collection: momo.collection,
  currency: 'RWF',
  phoneRules: { country: 'RW', mtnPrefixes: MARKETS.mtnrwanda.mtnPrefixes, training: true },
  shopName: () => 'Crash test shop',
  schedule: {
    firstDelayMs: Number(env.FIRST_DELAY_MS ?? 100),
    fastIntervalMs: 100,
    fastPhaseMs: 60_000,
    backoffFactor: 1.5,
    maxIntervalMs: 500,
    windowMs: 60_000,
  },
  onChange: (payment) => console.log(`STATUS ${payment.id} ${payment.status} ${payment.checks}`),
});

const phone = env.PHONE ?? '250788123456';
async function main() {
  if (env.MODE === 'record') {
    const { payment } = ledger.createMomoSale({ amountMinor: 1200, currency: 'RWF', msisdn: phone, referenceId: randomUUID() });
    console.log(`RECORDED ${payment.id} ${payment.referenceId}`);
    setInterval(() => {}, 1_000);
    return;
  }
  await engine.recover();
  if (env.MODE === 'charge') {
    const { payment } = engine.charge({ phone, amount: '1200' });
    console.log(`CHARGED ${payment.id} ${payment.referenceId}`);
    setInterval(() => {
      const now = ledger.getPayment(payment.id)!;
      console.log(`CHECKS ${now.id} ${now.status} ${now.checks}`);
    }, 50);
    return;
  }
  const timer = setInterval(() => {
    if (ledger.unfinishedPayments().length === 0) {
      clearInterval(timer);
      engine.stop();
      ledger.close();
      console.log('FINAL');
      process.exit(0);
    }
  }, 50);
}
void main();

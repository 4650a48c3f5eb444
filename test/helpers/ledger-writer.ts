/**
 * A till that keeps ringing up sales, for the crash and concurrency tests.
 * argv: dataDir deviceId count(0 = until killed) wait|go [pauseMs]
 * Prints "ready" once open; with "wait", starts when a line arrives on stdin.
 * pauseMs: a breath between sales, as a real till has, so two writers take turns.
 * Prints "R <receiptNumber> <saleId>" only after the sale's write returned, so
 * every printed receipt must survive a SIGKILL. Mixes MoMo sales carried to a
 * final status, cash sales, and cash taken after a failed MoMo attempt.
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { openLedger } from '../../electron/core/ledger';

const [dataDir, deviceId, countText, mode, pauseText] = process.argv.slice(2);
const count = Number(countText ?? '0');
const pauseMs = Number(pauseText ?? '0');
const pause = new Int32Array(new SharedArrayBuffer(4));
const say = (line: string) => writeSync(1, `${line}\n`);

const ledger = openLedger({ dataDir: dataDir!, training: false, deviceId: deviceId!, log: () => {} });
say('ready');

function ring(i: number): void {
  const amountMinor = 100 + (i % 50) * 10;
  if (i % 3 === 2) {
    const { sale } = ledger.createCashSale({ amountMinor, currency: 'RWF', tenderedMinor: amountMinor + 500 });
    say(`R ${sale.receiptNumber} ${sale.id}`);
    return;
  }
  const { sale, payment } = ledger.createMomoSale({ amountMinor, currency: 'RWF', msisdn: '250788123456', referenceId: randomUUID() });
  say(`R ${sale.receiptNumber} ${sale.id}`);
  ledger.transitionPayment(payment.id, 'sending', { source: 'post' });
  ledger.transitionPayment(payment.id, 'pending', { source: 'post' });
  ledger.touchPaymentCheck(payment.id);
  if (i % 3 === 0) {
    ledger.transitionPayment(payment.id, 'successful', { source: 'poll', financialTransactionId: `FT${i}` });
  } else {
    ledger.transitionPayment(payment.id, 'rejected', { source: 'poll', reasonCode: 'APPROVAL_REJECTED' });
    ledger.payCashForSale(sale.id, { cashier: 'crash-test' });
  }
}

function run(): void {
  for (let i = 0; count === 0 || i < count; i++) {
    ring(i);
    if (pauseMs > 0) Atomics.wait(pause, 0, 0, pauseMs);
  }
  ledger.close();
  say('done');
  process.exit(0);
}

if (mode === 'wait') process.stdin.once('data', run);
else run();

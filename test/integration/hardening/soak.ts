/**
 * The soak: many payments through the real engine, a real ledger file and
 * the real MoMo client over loopback HTTP to the simulator, with faults
 * injected at random (every FaultRule kind, on the request to pay, the
 * status call and the token call) and a cashier who sometimes presses
 * "check now", stops waiting or retries a declined sale.
 *
 * Afterwards: every payment is final or timed_out (and a timed_out one
 * answers a recheck), the journal verifies, no reference id was used twice,
 * no sale was paid twice, every reference MoMo saw is in the ledger; then
 * every file in the data folder (ledger, WAL, backups, logs, support
 * transcripts) is read as bytes and must not contain a credential.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLedger, type Ledger, type Payment } from '../../../electron/core/ledger';
import { createMomoClient } from '../../../electron/core/momo';
import { startMomoSimulator, type FaultKind, type FaultRule, type MomoSimulator } from '../../../electron/core/momo-sim';
import { createPaymentEngine, renderTranscript, type PaymentEngine } from '../../../electron/core/payments';
import { MARKETS } from '../../../shared/markets';
import { isFinal } from '../../../shared/payment-states';
import { QUICK_SCHEDULE, SECRETS } from '../../helpers/payments';
import { seededRandom } from '../../../bench/random';

export interface SoakReport {
  payments: number;
  sales: number;
  attempts: number;
  statuses: Record<string, number>;
  faultsInjected: number;
  faultsApplied: number;
  rechecksOfTimedOut: number;
  problems: string[];
  scanned: { files: number; bytes: number; needles: number; found: string[] };
  seconds: number;
}

const FAULT_KINDS: FaultKind[] = ['http500', 'http503', 'slow', 'drop-before', 'drop-after', 'unauthorized', 'malformed'];
const OPERATIONS = ['requestToPay', 'requestToPay', 'getRequestToPayStatus', 'getRequestToPayStatus', 'token'];
/** Sandbox numbers (docs/momo.md) by how often a till meets each outcome. */
const CUSTOMERS: Array<[string, number]> = [
  ['250788123456', 50], // approves
  ['46733123454', 10], // approves slowly
  ['46733123451', 10], // declines
  ['46733123452', 8], // lets it expire
  ['46733123453', 10], // never answers: timed_out, re-checkable
  ['46733123450', 7], // MoMo fails it at once
  ['46733123455', 5], // payer not found
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runSoak(options: { payments: number; seed: number; concurrency?: number; faultRate?: number; log?: (line: string) => void }): Promise<SoakReport> {
  const started = performance.now();
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const customerPhone = () => {
    let roll = random() * CUSTOMERS.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [phone, weight] of CUSTOMERS) if ((roll -= weight) < 0) return phone;
    return CUSTOMERS[0]![0];
  };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-soak-'));
  const logFile = path.join(dataDir, 'logs', 'engine.log');
  mkdirSync(path.dirname(logFile), { recursive: true });
  let closed = false;
  const log = (line: string) => {
    if (!closed) appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
  };

  // Every access token MoMo hands out is a secret too: the scan looks for each.
  const tokens = new Set<string>();
  const realFetch = globalThis.fetch;
  const watchingFetch: typeof fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (/\/token\/?$/.test(url) && response.ok) {
      const body = (await response.clone().json().catch(() => undefined)) as { access_token?: unknown } | undefined;
      if (typeof body?.access_token === 'string') tokens.add(body.access_token);
    }
    return response;
  };

  let ledger: Ledger | undefined;
  let sim: MomoSimulator | undefined;
  let engine: PaymentEngine | undefined;
  const report: SoakReport = {
    payments: options.payments,
    sales: 0,
    attempts: 0,
    statuses: {},
    faultsInjected: 0,
    faultsApplied: 0,
    rechecksOfTimedOut: 0,
    problems: [],
    scanned: { files: 0, bytes: 0, needles: 0, found: [] },
    seconds: 0,
  };
  try {
    ledger = openLedger({ dataDir, training: true, log });
    sim = await startMomoSimulator({
      approvalDelayMs: 150,
      slowApprovalDelayMs: 600,
      users: [{ apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey }],
      subscriptionKeys: [SECRETS.subscriptionKey],
    });
    const momo = createMomoClient({
      baseUrl: sim.url,
      keysEnteredFor: sim.url,
      targetEnvironment: 'sandbox',
      collection: { subscriptionKey: SECRETS.subscriptionKey, apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey },
      timeoutMs: 1_000,
      fetch: watchingFetch,
    });
    // A till at the counter already holds a token (its start-up check asked MoMo): the faults below hit a till that was working.
    await momo.collection.getAccountBalance();
    const waiters = new Map<string, () => void>();
    const liveViolations: string[] = [];
    const theLedger = ledger;
    engine = createPaymentEngine({
      ledger,
      collection: momo.collection,
      currency: 'RWF',
      phoneRules: { country: MARKETS.mtnrwanda.country, mtnPrefixes: MARKETS.mtnrwanda.mtnPrefixes, training: true },
      shopName: () => 'Soak shop',
      schedule: QUICK_SCHEDULE,
      log,
      onChange: (payment) => {
        // Invariant 2, at every change: one live request per sale at most.
        const live = theLedger.paymentsForSale(payment.saleId).filter((p) => !isFinal(p.status) && p.status !== 'timed_out');
        if (live.length > 1 && liveViolations.length < 10) liveViolations.push(`sale ${payment.saleId} had ${live.length} live payments`);
        waiters.get(payment.id)?.();
      },
    });
    const theEngine = engine;
    const settled = (payment: Payment | undefined) => payment !== undefined && (isFinal(payment.status) || payment.status === 'timed_out');
    const waitSettled = (paymentId: string, timeoutMs = 30_000) =>
      new Promise<Payment>((resolve, reject) => {
        const check = () => {
          const payment = theLedger.getPayment(paymentId);
          if (!settled(payment)) return;
          clearTimeout(timer);
          waiters.delete(paymentId);
          resolve(payment!);
        };
        const timer = setTimeout(() => {
          waiters.delete(paymentId);
          reject(new Error(`payment ${paymentId} stayed ${theLedger.getPayment(paymentId)?.status} for ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.set(paymentId, check);
        check();
      });

    const faultRate = options.faultRate ?? 0.35;
    let next = 0;
    let done = 0;
    const customer = async () => {
      while (next < options.payments) {
        next += 1;
        if (random() < faultRate) {
          const rule: FaultRule = { operation: pick(OPERATIONS), kind: pick(FAULT_KINDS), times: 1 + Math.floor(random() * 2), delayMs: pick([100, 1_300]) };
          sim!.injectFault(rule);
          report.faultsInjected += 1;
        }
        const { sale, payment } = theEngine.charge({ phone: customerPhone(), amount: String(100 * (1 + Math.floor(random() * 200))), confirmDuplicate: true });
        report.sales += 1;
        report.attempts += 1;
        const roll = random();
        if (roll < 0.15) {
          await sleep(random() * 400);
          await theEngine.recheck(payment.id).catch(() => undefined);
        } else if (roll < 0.2) {
          await sleep(random() * 300);
          try {
            theEngine.cancelWaiting(payment.id);
          } catch (error) {
            // Already paid by the time the cashier pressed it: a typed refusal is the right answer.
            if ((error as { code?: unknown }).code !== 'CONFLICT') report.problems.push(`stop waiting: ${String(error)}`);
          }
        }
        let last = await waitSettled(payment.id);
        if (isFinal(last.status) && last.status !== 'successful' && random() < 0.3) {
          try {
            const again = theEngine.retry(sale.id);
            report.attempts += 1;
            last = await waitSettled(again.payment.id);
          } catch (error) {
            report.problems.push(`retry after ${last.status} refused: ${String(error)}`);
          }
        }
        done += 1;
        if (done % 500 === 0) options.log?.(`soak: ${done}/${options.payments} payments`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 20 }, customer));
    sim.clearFaults();
    await engine.idle();
    report.faultsApplied = sim.stats().faultsApplied;

    // ---- the checks ----
    const db = ledger.db;
    for (const row of db.prepare('SELECT status, count(*) AS n FROM payments GROUP BY status').all() as { status: string; n: number }[]) report.statuses[row.status] = row.n;
    const unsettled = db.prepare(`SELECT id, status FROM payments WHERE status NOT IN ('successful', 'failed', 'rejected', 'expired', 'timed_out')`).all() as { id: string; status: string }[];
    for (const row of unsettled.slice(0, 10)) report.problems.push(`payment ${row.id} left ${row.status}`);
    // timed_out is re-checkable: "check now" asks MoMo once and the payment stays settled.
    for (const { id } of db.prepare(`SELECT id FROM payments WHERE status = 'timed_out'`).all() as { id: string }[]) {
      try {
        const after = await engine.recheck(id);
        report.rechecksOfTimedOut += 1;
        if (!settled(after)) report.problems.push(`recheck left ${id} ${after.status}`);
      } catch (error) {
        report.problems.push(`recheck of timed_out ${id} failed: ${String(error)}`);
      }
    }
    await engine.idle();
    const verified = ledger.verify();
    if (!verified.ok) report.problems.push(`journal: ${verified.firstBroken?.reason}`);
    const refs = db.prepare('SELECT count(*) AS n, count(DISTINCT reference_id) AS distinct_n FROM payments').get() as { n: number; distinct_n: number };
    if (refs.n !== refs.distinct_n) report.problems.push(`${refs.n - refs.distinct_n} reference ids used twice`);
    const twice = db.prepare(`SELECT sale_id FROM payments WHERE status = 'successful' GROUP BY sale_id HAVING count(*) > 1`).all();
    if (twice.length) report.problems.push(`${twice.length} sales paid twice`);
    for (const seen of sim.requestsToPay()) {
      if (!ledger.getPaymentByReference(seen.referenceId)) report.problems.push(`MoMo saw reference ${seen.referenceId} that the ledger does not have`);
    }
    report.problems.push(...liveViolations);
    if (report.attempts !== (db.prepare('SELECT count(*) AS n FROM payments').get() as { n: number }).n) report.problems.push('payments in the ledger differ from attempts made');

    // What support would send to MTN, and the backups, land in the data folder too.
    const transcripts = path.join(dataDir, 'transcripts');
    mkdirSync(transcripts, { recursive: true });
    const sample = db.prepare('SELECT id FROM payments ORDER BY random() LIMIT 25').all() as { id: string }[];
    for (const { id } of sample) {
      const payment = ledger.getPayment(id)!;
      const text = renderTranscript({
        payment,
        sale: ledger.getSale(payment.saleId)!,
        exchanges: ledger.exchanges(id) as never,
        merchantName: 'Soak shop',
        secrets: [SECRETS.subscriptionKey, SECRETS.apiKey, SECRETS.apiUser],
        generatedAt: new Date().toISOString(),
      });
      writeFileSync(path.join(transcripts, `${id}.txt`), text);
    }
    await ledger.ensureDailyBackup();
    await ledger.backupTo(path.join(dataDir, 'backups', 'after-soak.sqlite'));
    engine.stop();
    await engine.idle();
    await sim.close();
    sim = undefined;
    ledger.close();
    ledger = undefined;

    const needles = secretNeedles([...tokens]);
    report.scanned = scanForSecrets(dataDir, needles);
    for (const found of report.scanned.found) report.problems.push(`secret on disk: ${found}`);
  } finally {
    closed = true;
    engine?.stop();
    await sim?.close();
    ledger?.close();
    rmSync(dataDir, { recursive: true, force: true });
    report.seconds = (performance.now() - started) / 1000;
  }
  return report;
}

/** The credentials as they could leak: plain, as the Basic header carries them, and every access token issued. */
export function secretNeedles(accessTokens: string[]): Array<{ name: string; bytes: Buffer }> {
  const basic = Buffer.from(`${SECRETS.apiUser}:${SECRETS.apiKey}`).toString('base64');
  const texts: Array<[string, string]> = [
    ['subscription key', SECRETS.subscriptionKey],
    ['API key', SECRETS.apiKey],
    ['API user', SECRETS.apiUser],
    ['Basic credentials', basic],
    ...accessTokens.map((token, i): [string, string] => [`access token #${i + 1}`, token]),
    // A token's signature part alone is still the token.
    ...accessTokens.map((token, i): [string, string] => [`access token #${i + 1} signature`, token.split('.').at(-1)!]),
  ];
  return texts.flatMap(([name, text]) => [
    { name, bytes: Buffer.from(text, 'utf8') },
    { name: `${name} (UTF-16)`, bytes: Buffer.from(text, 'utf16le') },
  ]);
}

/** Reads every file under dir as bytes; names each secret found and where. */
export function scanForSecrets(dir: string, needles: Array<{ name: string; bytes: Buffer }>): SoakReport['scanned'] {
  const found: string[] = [];
  let files = 0;
  let bytes = 0;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const file = path.join(folder, entry);
      const stat = statSync(file);
      if (stat.isDirectory()) {
        walk(file);
        continue;
      }
      const content = readFileSync(file);
      files += 1;
      bytes += content.length;
      for (const needle of needles) if (content.includes(needle.bytes)) found.push(`${needle.name} in ${path.relative(dir, file)}`);
    }
  };
  walk(dir);
  return { files, bytes, needles: needles.length, found };
}

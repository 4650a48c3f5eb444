/**
 * The ledger at a busy till's scale: 1,000,000 generated sales over three
 * years in a real ledger file (the app's own schema, made by openLedger),
 * then one day's Z-report query with our indexes and on a copy without them,
 * and a year's CSV export streamed with stmt.iterate() in constant memory
 * (against the same export built in memory, each in its own process).
 *
 * Generated history skips the journal (a hash chain of a million generated
 * facts would only slow generation; reports never read it), so verify()
 * does not pass on this file: it is a bench file, never a real ledger.
 */
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { businessDayOf, formatReceiptNumber, LATEST_SCHEMA_VERSION, openLedger } from '../electron/core/ledger';
import { toDecimalString, type Currency } from '../shared/money';
import { maskMsisdn } from '../shared/phone';
import { ascending, median, percentile, seededRandom } from './random';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CACHE = path.join(ROOT, 'bench/.cache');
const GENERATED = { sales: 1_000_000, days: 3 * 365, lastDay: '2026-10-31', seed: 7, deviceId: 'BENCH1', currency: 'RWF' as Currency, version: 2 };
/** The indexes the schema adds for reports (migrations 1, 2 and 4); the "without" copy drops them. */
const REPORT_INDEXES = ['sales_by_business_day', 'sales_created_at', 'payments_by_created_at'];

const progress = (line: string) => process.stderr.write(`  [ledger] ${line}\n`);

// ---- generating the history -------------------------------------------------

interface Generated {
  indexed: string;
  unindexed: string;
  sales: number;
  payments: number;
  generatedNow: boolean;
  generateSeconds?: number;
  fileMB: number;
}

export function ensureGeneratedLedger(): Generated {
  const dir = path.join(CACHE, 'ledger-1m');
  const manifest = path.join(dir, 'manifest.json');
  const indexed = path.join(dir, 'indexed', 'ledger.sqlite');
  const unindexed = path.join(dir, 'unindexed', 'ledger.sqlite');
  const wanted = JSON.stringify({ ...GENERATED, schema: LATEST_SCHEMA_VERSION });
  if (existsSync(manifest) && existsSync(indexed) && existsSync(unindexed)) {
    const stored = JSON.parse(readFileSync(manifest, 'utf8')) as { key: string; payments: number; generateSeconds: number };
    if (stored.key === wanted) {
      progress(`reusing the generated ledger in ${path.relative(ROOT, dir)}`);
      return { indexed, unindexed, sales: GENERATED.sales, payments: stored.payments, generatedNow: false, generateSeconds: stored.generateSeconds, fileMB: statSync(indexed).size / 2 ** 20 };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const payments = generate(path.dirname(indexed));
  const generateSeconds = (performance.now() - started) / 1000;
  mkdirSync(path.dirname(unindexed), { recursive: true });
  copyFileSync(indexed, unindexed);
  const copy = new Database(unindexed);
  for (const name of REPORT_INDEXES) copy.exec(`DROP INDEX ${name}`);
  copy.pragma('wal_checkpoint(TRUNCATE)');
  copy.close();
  writeFileSync(manifest, JSON.stringify({ key: wanted, payments, generateSeconds }));
  return { indexed, unindexed, sales: GENERATED.sales, payments, generatedNow: true, generateSeconds, fileMB: statSync(indexed).size / 2 ** 20 };
}

function generate(dataDir: string): number {
  mkdirSync(dataDir, { recursive: true });
  // The app's schema, migrations and settings, exactly as a real till gets them.
  openLedger({ dataDir, training: false, deviceId: GENERATED.deviceId, log: () => {} }).close();
  const db = new Database(path.join(dataDir, 'ledger.sqlite'));
  db.pragma('synchronous = OFF'); // generated history: a crash here only means generating again
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  const insertSale = db.prepare(
    `INSERT INTO sales (id, device_id, receipt_seq, receipt_number, created_at, business_day, amount_minor, currency, method, status, msisdn, cashier, paid_cash_at, paid_cash_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPayment = db.prepare(
    `INSERT INTO payments (id, sale_id, reference_id, external_id, attempt, status, amount_minor, currency, msisdn, reason_code, financial_transaction_id, created_at, updated_at, checks, last_checked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const random = seededRandom(GENERATED.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const cashiers = ['Aline', 'Jean', 'Grace', 'Eric'];
  const declines = [
    ['rejected', 'APPROVAL_REJECTED'],
    ['expired', 'EXPIRED'],
    ['failed', 'INTERNAL_PROCESSING_ERROR'],
    ['failed', 'NOT_ENOUGH_FUNDS'],
  ] as const;
  const last = new Date(`${GENERATED.lastDay}T00:00:00`);
  const first = new Date(last);
  first.setDate(first.getDate() - (GENERATED.days - 1));
  let seq = 0;
  let payments = 0;
  let financial = 500_000_000;
  const batch = db.transaction((fromDay: number, toDay: number) => {
    for (let d = fromDay; d < toDay; d++) {
      const count = Math.floor(((d + 1) * GENERATED.sales) / GENERATED.days) - Math.floor((d * GENERATED.sales) / GENERATED.days);
      const day = new Date(first);
      day.setDate(first.getDate() + d);
      const opens = day.getTime() + 7 * 3600_000; // 07:00 to 21:00
      for (let i = 0; i < count; i++) {
        seq += 1;
        const at = new Date(opens + Math.floor(((i + random()) / count) * 14 * 3600_000));
        const iso = at.toISOString();
        const saleId = randomUUID();
        const amount = 100 * (1 + Math.floor(random() * 500));
        const cashier = pick(cashiers);
        const momo = random() < 0.75;
        const msisdn = momo ? `25078${String(Math.floor(random() * 1e7)).padStart(7, '0')}` : null;
        const receipt = formatReceiptNumber(GENERATED.deviceId, seq);
        if (!momo) {
          insertSale.run(saleId, GENERATED.deviceId, seq, receipt, iso, businessDayOf(at), amount, GENERATED.currency, 'cash', 'paid', null, cashier, iso, cashier);
          continue;
        }
        const paid = random() < 0.88;
        const attempts = random() < 0.1 ? 2 : 1;
        insertSale.run(saleId, GENERATED.deviceId, seq, receipt, iso, businessDayOf(at), amount, GENERATED.currency, 'momo', paid ? 'paid' : 'not_paid', msisdn, cashier, null, null);
        for (let attempt = 1; attempt <= attempts; attempt++) {
          const success = paid && attempt === attempts;
          const [status, reason] = success ? (['successful', null] as const) : pick(declines);
          const updated = new Date(at.getTime() + 15_000 * attempt).toISOString();
          insertPayment.run(randomUUID(), saleId, randomUUID(), receipt, attempt, status, amount, GENERATED.currency, msisdn, reason, success ? String(financial++) : null, iso, updated, 8, updated);
          payments += 1;
        }
      }
    }
  });
  const step = 30;
  for (let d = 0; d < GENERATED.days; d += step) {
    batch(d, Math.min(GENERATED.days, d + step));
    if ((d / step) % 6 === 0) progress(`generated ${seq.toLocaleString('en')} sales`);
  }
  db.prepare('INSERT INTO receipt_counters (device_id, last_seq) VALUES (?, ?) ON CONFLICT (device_id) DO UPDATE SET last_seq = excluded.last_seq').run(GENERATED.deviceId, seq);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  progress(`generated ${seq.toLocaleString('en')} sales and ${payments.toLocaleString('en')} payments`);
  return payments;
}

// ---- the Z report ---------------------------------------------------------------

/**
 * One business day's totals, as the till's Z report needs them (electron/core/till
 * does not exist yet; this is the equivalent SQL): sales by method and status and
 * per hour, and the day's payment attempts by status (declines, expiries…).
 */
export const Z_REPORT_SQL = {
  byMethodAndStatus: `SELECT method, status, count(*) AS sales, sum(amount_minor) AS total FROM sales
    WHERE business_day = ? AND device_id = ? GROUP BY method, status`,
  perHour: `SELECT substr(created_at, 12, 2) AS hour, count(*) AS sales, sum(amount_minor) AS total FROM sales
    WHERE business_day = ? AND device_id = ? GROUP BY hour`,
  // Migration 4's payments_by_created_at: the day's attempts as one range of the index.
  byPaymentStatus: `SELECT status, count(*) AS payments, sum(amount_minor) AS total FROM payments
    WHERE created_at >= ? AND created_at < ? GROUP BY status`,
};
/** Before migration 5 (payments_by_created_at): the day's attempts through its sales, one random-UUID look-up per sale. */
const PAYMENTS_JOINED_SQL = `SELECT p.status, count(*) AS payments, sum(p.amount_minor) AS total FROM sales s JOIN payments p ON p.sale_id = s.id
    WHERE s.business_day = ? AND s.device_id = ? GROUP BY p.status`;

/** The day's bounds as stored (UTC ISO) for a local business day (dayStartsAtHour 0). */
function dayBounds(day: string): [string, string] {
  const from = new Date(`${day}T00:00:00`);
  const to = new Date(from);
  to.setDate(to.getDate() + 1);
  return [from.toISOString(), to.toISOString()];
}

export interface ZFigures {
  /** Sales by method and status + per hour (ms per day). */
  salesMs: number[];
  /** …plus the payment attempts by status. */
  fullMs: number[];
  firstFullMs: number;
  salesPerDay: number;
  plan: string[];
}

function zReportOn(file: string, days: string[], paymentsJoined = false): ZFigures {
  const db = new Database(file, { readonly: true });
  try {
    const sales = [db.prepare(Z_REPORT_SQL.byMethodAndStatus), db.prepare(Z_REPORT_SQL.perHour)];
    const paymentsSql = paymentsJoined ? PAYMENTS_JOINED_SQL : Z_REPORT_SQL.byPaymentStatus;
    const payments = db.prepare(paymentsSql);
    const plan = [Z_REPORT_SQL.byMethodAndStatus, Z_REPORT_SQL.perHour, paymentsSql].flatMap((sql) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(sql === Z_REPORT_SQL.byPaymentStatus ? dayBounds(days[0]!) : [days[0], GENERATED.deviceId])) as { detail: string }[]).map((row) => row.detail),
    );
    const salesMs: number[] = [];
    const fullMs: number[] = [];
    let counted = 0;
    let firstFullMs = 0;
    days.forEach((day, index) => {
      const started = performance.now();
      const byMethod = sales[0]!.all(day, GENERATED.deviceId) as { sales: number }[];
      sales[1]!.all(day, GENERATED.deviceId);
      const salesDone = performance.now();
      payments.all(...(paymentsJoined ? [day, GENERATED.deviceId] : dayBounds(day)));
      const done = performance.now();
      counted += byMethod.reduce((sum, row) => sum + row.sales, 0);
      if (index === 0) {
        firstFullMs = done - started;
        return;
      }
      salesMs.push(salesDone - started);
      fullMs.push(done - started);
    });
    return { salesMs: salesMs.sort(ascending), fullMs: fullMs.sort(ascending), firstFullMs, salesPerDay: Math.round(counted / days.length), plan };
  } finally {
    db.close();
  }
}

// ---- the CSV export (runs in a child process of its own: clean memory figures) ------

const CSV_SQL = `SELECT s.receipt_number, s.created_at, s.business_day, s.method, s.status, s.amount_minor, s.currency, s.msisdn,
    p.reference_id, p.status AS payment_status, p.financial_transaction_id
  FROM sales s LEFT JOIN payments p ON p.sale_id = s.id AND p.status = 'successful'
  WHERE s.business_day BETWEEN ? AND ? AND s.device_id = ?
  ORDER BY s.business_day, s.device_id`;

const CSV_HEADER = 'receipt,created_at,business_day,method,status,amount,currency,payer,reference_id,payment_status,financial_transaction_id\n';

interface CsvRow {
  receipt_number: string;
  created_at: string;
  business_day: string;
  method: string;
  status: string;
  amount_minor: number;
  currency: string;
  msisdn: string | null;
  reference_id: string | null;
  payment_status: string | null;
  financial_transaction_id: string | null;
}

const csvField = (value: string | null) => (value === null ? '' : /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const csvLine = (row: CsvRow) =>
  [
    row.receipt_number,
    row.created_at,
    row.business_day,
    row.method,
    row.status,
    toDecimalString(row.amount_minor, row.currency as Currency),
    row.currency,
    row.msisdn ? maskMsisdn(row.msisdn) : null,
    row.reference_id,
    row.payment_status,
    row.financial_transaction_id,
  ]
    .map(csvField)
    .join(',') + '\n';

export interface CsvFigures {
  mode: 'stream' | 'in-memory';
  rows: number;
  bytes: number;
  ms: number;
  rssBeforeMB: number;
  rssPeakMB: number;
  rssAfterMB: number;
  heapBeforeMB: number;
  heapPeakMB: number;
}

function exportCsv(mode: 'stream' | 'in-memory', file: string, from: string, to: string, out: string): CsvFigures {
  const gc = (globalThis as { gc?: () => void }).gc;
  const db = new Database(file, { readonly: true });
  const statement = db.prepare(CSV_SQL);
  gc?.();
  const before = process.memoryUsage();
  let rssPeak = before.rss;
  let heapPeak = before.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    rssPeak = Math.max(rssPeak, now.rss);
    heapPeak = Math.max(heapPeak, now.heapUsed);
  };
  const started = performance.now();
  let rows = 0;
  let bytes = 0;
  if (mode === 'stream') {
    const fd = openSync(out, 'w');
    let chunk = CSV_HEADER;
    for (const row of statement.iterate(from, to, GENERATED.deviceId) as IterableIterator<CsvRow>) {
      chunk += csvLine(row);
      rows += 1;
      if (chunk.length >= 64 * 1024) {
        bytes += writeSync(fd, chunk);
        chunk = '';
      }
      if (rows % 5_000 === 0) sample();
    }
    bytes += writeSync(fd, chunk);
    closeSync(fd);
  } else {
    // What a handler answering {csv: string} does: every row, then one string.
    const all = statement.all(from, to, GENERATED.deviceId) as CsvRow[];
    sample();
    const text = CSV_HEADER + all.map(csvLine).join('');
    sample();
    rows = all.length;
    writeFileSync(out, text);
    bytes = Buffer.byteLength(text);
    sample();
  }
  const ms = performance.now() - started;
  sample();
  db.close();
  const after = process.memoryUsage();
  rmSync(out, { force: true });
  const mb = (n: number) => n / 2 ** 20;
  return { mode, rows, bytes, ms, rssBeforeMB: mb(before.rss), rssPeakMB: mb(rssPeak), rssAfterMB: mb(after.rss), heapBeforeMB: mb(before.heapUsed), heapPeakMB: mb(heapPeak) };
}

function inChild(args: string[]): Promise<CsvFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(ROOT, 'bench/ledger.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as CsvFigures) : reject(new Error(`csv child exited ${code}: ${out}`))));
  });
}

// ---- the bench --------------------------------------------------------------------

export interface ZSummary {
  salesMedianMs: number;
  salesP95Ms: number;
  fullMedianMs: number;
  fullP95Ms: number;
  firstFullMs: number;
  runs: number;
  plan: string[];
}

export interface LedgerResult {
  sales: number;
  payments: number;
  fileMB: number;
  generatedNow: boolean;
  generateSeconds?: number;
  salesPerDay: number;
  indexed: ZSummary;
  unindexed: ZSummary;
  /** The shipped schema, payments reached through the day's sales as before migration 5 (payments_by_created_at). */
  joined: ZSummary;
  csvYear: CsvFigures;
  csvAll: CsvFigures;
  csvYearInMemory: CsvFigures;
  year: { from: string; to: string };
  /** The integrity check every open runs (quick_check) and the full one `pos verify` runs, on the whole generated file. */
  openCheck: CheckFigures;
}

export interface CheckFigures {
  fileMB: number;
  quickCheckMs: number;
  integrityCheckMs: number;
}

/** The checks, timed in a fresh process on the file as openLedger and `pos verify` see it. */
function timeChecks(file: string): CheckFigures {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    let started = performance.now();
    const quick = db.pragma('quick_check(5)', { simple: true });
    const quickCheckMs = performance.now() - started;
    started = performance.now();
    const full = db.pragma('integrity_check(5)', { simple: true });
    const integrityCheckMs = performance.now() - started;
    if (quick !== 'ok' || full !== 'ok') throw new Error(`the generated ledger does not pass its checks: ${String(quick)} / ${String(full)}`);
    return { fileMB: statSync(file).size / 2 ** 20, quickCheckMs, integrityCheckMs };
  } finally {
    db.close();
  }
}

export async function runLedgerBench(): Promise<LedgerResult> {
  const generated = ensureGeneratedLedger();
  const last = new Date(`${GENERATED.lastDay}T00:00:00`);
  const dayAt = (offset: number) => {
    const d = new Date(last);
    d.setDate(d.getDate() - offset);
    return businessDayOf(d);
  };
  const days = (n: number, seed: number) => {
    const random = seededRandom(seed);
    return Array.from({ length: n }, () => dayAt(Math.floor(random() * GENERATED.days)));
  };
  const summary = (run: ZFigures): ZSummary => ({
    salesMedianMs: median(run.salesMs),
    salesP95Ms: percentile(run.salesMs, 0.95),
    fullMedianMs: median(run.fullMs),
    fullP95Ms: percentile(run.fullMs, 0.95),
    firstFullMs: run.firstFullMs,
    runs: run.fullMs.length,
    plan: run.plan,
  });
  progress('Z report with our indexes (201 random days)…');
  const withIndexes = zReportOn(generated.indexed, days(201, 11));
  progress('Z report without them (11 random days: full scans)…');
  const without = zReportOn(generated.unindexed, days(11, 11));
  progress('Z report with payments through their sales, as before migration 4 (201 random days)…');
  const joined = zReportOn(generated.indexed, days(201, 11), true);
  const year = { from: dayAt(364), to: dayAt(0) };
  const outFile = path.join(CACHE, `export-${process.pid}.csv`);
  progress(`CSV export ${year.from}..${year.to}, streamed…`);
  const csvYear = await inChild(['csv', 'stream', generated.indexed, year.from, year.to, outFile]);
  progress('CSV export of all three years, streamed…');
  const csvAll = await inChild(['csv', 'stream', generated.indexed, '0000-00-00', '9999-99-99', outFile]);
  progress('CSV export of the year built in memory (the comparison)…');
  const csvYearInMemory = await inChild(['csv', 'in-memory', generated.indexed, year.from, year.to, outFile]);
  progress('quick_check (every open) and integrity_check (pos verify) of the three-year file…');
  const openCheck = await inChild(['check', generated.indexed]);
  return {
    sales: generated.sales,
    payments: generated.payments,
    fileMB: generated.fileMB,
    generatedNow: generated.generatedNow,
    ...(generated.generateSeconds !== undefined ? { generateSeconds: generated.generateSeconds } : {}),
    salesPerDay: withIndexes.salesPerDay,
    indexed: summary(withIndexes),
    unindexed: summary(without),
    joined: summary(joined),
    csvYear,
    csvAll,
    csvYearInMemory,
    year,
    openCheck: openCheck as unknown as CheckFigures,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'csv') {
    const [mode, file, from, to, out] = args as ['stream' | 'in-memory', string, string, string, string];
    process.stdout.write(JSON.stringify(exportCsv(mode, file, from, to, out)));
  } else if (command === 'check') {
    process.stdout.write(JSON.stringify(timeChecks(args[0]!)));
  } else {
    console.log(JSON.stringify(await runLedgerBench(), null, 2));
  }
}

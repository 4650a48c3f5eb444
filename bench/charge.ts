/**
 * Charge overhead: from the router receiving `sale.charge` to the request to
 * pay being handed to fetch, inside one process, through the real
 * composition root (startPos: router, engine, ledger on disk, simulator).
 * The MoMo client takes globalThis.fetch when it is built, so a wrapper put
 * there first timestamps (performance.now) each request-to-pay POST.
 *
 * Also "check now" (payment.recheck): status calls per press, polling off so
 * nothing else calls at the same time.
 *
 * The comparison: the floor under it, two empty synchronous=FULL
 * transactions on the same disk (the sale and its `sending` step are two
 * durable writes before the request may leave: invariant 1).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startPos, type Pos } from '../electron/core/app';
import { ascending, median, percentile } from './random';
import { CACHE } from './ledger';

const progress = (line: string) => process.stderr.write(`  [charge] ${line}\n`);

interface Spread {
  p50: number;
  p95: number;
  max: number;
}

export interface ChargeResult {
  /** Ledger on the disk; one charge at a time, the previous one settled, no polls running: a till at the counter. */
  quiet: { charges: number; toRequestMs: Spread; toAnswerMs: Spread };
  /** Two empty synchronous=FULL transactions on the same disk, measured between those charges. */
  fsyncFloorMs: Spread;
  /** The same with the ledger on tmpfs: what the code costs without the disk. */
  quietTmpfs: { charges: number; toRequestMs: Spread };
  /** tmpfs, with the settings rows memoised in the bench (what a settings cache would give). */
  settingsMemoised: { charges: number; toRequestMs: Spread };
  /** Disk, back to back with polling on: hundreds of payments in flight at once (a stress figure, not a till). */
  busy: { charges: number; toRequestMs: Spread };
  /** Settings rows read (each a fresh prepare + JSON.parse) per charge. */
  settingsReadsPerCharge: number;
  recheck: { presses: number; callsPerPress: number[]; p50Ms: number };
  slowLedgerLogs: number;
}

const spread = (values: number[]): Spread => {
  const sorted = [...values].sort(ascending);
  return { p50: median(sorted), p95: percentile(sorted, 0.95), max: sorted.at(-1)! };
};

interface Measured {
  toRequest: number[];
  toAnswer: number[];
  floor: number[];
}

export async function runChargeBench(charges = 1_000, warmup = 50): Promise<ChargeResult> {
  const diskDir = path.join(CACHE, `charge-${process.pid}`);
  const tmpfsDir = existsSync('/dev/shm') ? path.join('/dev/shm', `momo-pos-charge-${process.pid}`) : undefined;

  const realFetch = globalThis.fetch;
  const postedAt = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();
  const statusCalls = new Map<string, number>();
  globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? 'GET';
    if (method === 'POST' && /\/collection\/v1_0\/requesttopay$/.test(url)) {
      const at = performance.now();
      const reference = new Headers(init?.headers).get('x-reference-id') ?? '';
      postedAt.set(reference, at);
      waiting.get(reference)?.(at);
    } else if (method === 'GET') {
      const reference = /\/requesttopay\/([^/]+)$/.exec(url)?.[1];
      if (reference) statusCalls.set(reference, (statusCalls.get(reference) ?? 0) + 1);
    }
    return realFetch(input, init);
  }) as typeof fetch;
  const requestLeft = (reference: string) =>
    new Promise<number>((resolve) => {
      const at = postedAt.get(reference);
      if (at !== undefined) return resolve(at);
      waiting.set(reference, (time) => {
        waiting.delete(reference);
        resolve(time);
      });
    });
  const logs: string[] = [];

  async function withPos<T>(dataDir: string, work: (pos: Pos) => Promise<T>): Promise<T> {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const pos = await startPos({
      dataDir,
      dataDirKind: 'custom',
      version: 'bench',
      transport: 'ipc',
      env: { MOMO_POS_SIM_APPROVAL_MS: '300' },
      log: (line) => logs.push(line),
    });
    try {
      return await work(pos);
    } finally {
      await pos.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  let settingsReads = 0;
  /** Counts settings reads; memoises them when asked (a bench-only stand-in for a settings cache). */
  const watchSettings = (pos: Pos, memoise: boolean) => {
    const ledger = pos.ledger as { getSetting: (key: string) => unknown };
    const getSetting = ledger.getSetting;
    const memo = new Map<string, unknown>();
    ledger.getSetting = (key: string) => {
      settingsReads += 1;
      if (!memoise) return getSetting(key);
      if (!memo.has(key)) memo.set(key, getSetting(key));
      return memo.get(key);
    };
  };

  // Each charge a new amount (series after series): the same number and amount while one waits would be asked about first.
  let nextAmount = 500;
  const measure = async (pos: Pos, label: string, count: number, options: { quiet: boolean; floorFile?: string }): Promise<Measured> => {
    const measured: Measured = { toRequest: [], toAnswer: [], floor: [] };
    const floor = options.floorFile ? fsyncFloor(options.floorFile) : undefined;
    for (let i = 0; i < warmup + count; i++) {
      const started = performance.now();
      // As the screen sends it: one request id per press.
      const answer = await pos.router.call('sale.charge', { phone: '0788123456', amount: String(nextAmount++), requestId: randomUUID() });
      const answered = performance.now();
      if (!answer.ok) throw new Error(`charge failed: ${answer.code} ${answer.message}`);
      const left = await requestLeft((answer.data as { payment: { referenceId: string } }).payment.referenceId);
      // Quiet: the answer to the POST is recorded before the next customer steps up.
      if (options.quiet) await pos.engine.idle();
      if (i >= warmup) {
        measured.toRequest.push(left - started);
        measured.toAnswer.push(answered - started);
        if (floor) measured.floor.push(floor.measure());
      }
      if (i > 0 && i % 500 === 0) progress(`${label}: ${i} charges`);
    }
    floor?.close();
    return measured;
  };

  try {
    const busy = await withPos(diskDir, async (pos) => {
      progress(`busy: ${Math.min(charges, 300)} charges back to back, polling on…`);
      return measure(pos, 'busy', Math.min(charges, 300), { quiet: false });
    });
    const { quiet, recheck } = await withPos(diskDir, async (pos) => {
      pos.engine.stop();
      watchSettings(pos, false);
      progress(`quiet: ${charges} charges on the disk, one at a time, polling off, fsync floor between them…`);
      settingsReads = 0;
      const quiet = await measure(pos, 'quiet', charges, { quiet: true, floorFile: path.join(diskDir, 'floor.sqlite') });
      const recheck = await checkNow(pos);
      return { quiet, recheck };
    });
    const settingsReadsPerCharge = settingsReads / (charges + warmup);
    const tmpfs = tmpfsDir
      ? await withPos(tmpfsDir, async (pos) => {
          pos.engine.stop();
          progress(`quiet on tmpfs: ${charges} charges…`);
          const plain = await measure(pos, 'tmpfs', charges, { quiet: true });
          progress('quiet on tmpfs with the settings memoised…');
          watchSettings(pos, true);
          const memoised = await measure(pos, 'memoised', Math.min(charges, 500), { quiet: true });
          return { plain, memoised };
        })
      : undefined;
    return {
      quiet: { charges, toRequestMs: spread(quiet.toRequest), toAnswerMs: spread(quiet.toAnswer) },
      fsyncFloorMs: spread(quiet.floor),
      quietTmpfs: { charges: tmpfs?.plain.toRequest.length ?? 0, toRequestMs: spread(tmpfs?.plain.toRequest ?? []) },
      settingsMemoised: { charges: tmpfs?.memoised.toRequest.length ?? 0, toRequestMs: spread(tmpfs?.memoised.toRequest ?? []) },
      busy: { charges: busy.toRequest.length, toRequestMs: spread(busy.toRequest) },
      settingsReadsPerCharge,
      recheck,
      slowLedgerLogs: logs.filter((line) => line.startsWith('slow ledger call')).length,
    };
  } finally {
    globalThis.fetch = realFetch;
  }

  /** "Check now" on a payment that stays PENDING (46733123453): status calls per press. */
  async function checkNow(pos: Pos): Promise<ChargeResult['recheck']> {
    progress('check now (payment.recheck)…');
    const presses = 50;
    const calls: number[] = [];
    const recheckMs: number[] = [];
    for (let i = 0; i < presses; i++) {
      // The same number and amount while the earlier ones stay pending: confirmed, as the cashier would.
      const answer = await pos.router.call('sale.charge', { phone: '46733123453', amount: '1000', confirmDuplicate: true });
      if (!answer.ok) throw new Error(`charge failed: ${answer.code} ${answer.message}`);
      const payment = (answer.data as { payment: { id: string; referenceId: string } }).payment;
      await requestLeft(payment.referenceId);
      await pos.engine.idle();
      const before = statusCalls.get(payment.referenceId) ?? 0;
      const started = performance.now();
      const rechecked = await pos.router.call('payment.recheck', { paymentId: payment.id });
      recheckMs.push(performance.now() - started);
      if (!rechecked.ok) throw new Error(`recheck failed: ${rechecked.code}`);
      calls.push((statusCalls.get(payment.referenceId) ?? 0) - before);
    }
    return { presses, callsPerPress: [...new Set(calls)].sort(ascending), p50Ms: median(recheckMs) };
  }
}

/** Two empty durable transactions, like the sale and its `sending` step: the disk's part of a charge. */
function fsyncFloor(file: string): { measure(): number; close(): void } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const write = db.transaction((v: string) => insert.run(v));
  return {
    measure() {
      const started = performance.now();
      write.immediate('a');
      write.immediate('b');
      return performance.now() - started;
    },
    close: () => db.close(),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runChargeBench(Number(process.argv[2] ?? 1000)), null, 2));
  process.exit(0);
}

/**
 * Ledger test helpers: real files in temp folders, a controllable clock, the
 * sqlite3 CLI and the `pos` CLI as child processes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openLedger, type Ledger, type OpenLedgerOptions } from '../../electron/core/ledger';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SQLITE3 = '/usr/bin/sqlite3';

const made: string[] = [];

export function tempDataDir(prefix = 'ledger'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `momo-pos-${prefix}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A clock that moves one second per reading, from a fixed start. */
export function steppingClock(start = '2025-03-10T08:00:00.000Z', stepMs = 1000): () => Date {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t);
    t += stepMs;
    return now;
  };
}

export function openTestLedger(overrides: Partial<OpenLedgerOptions> = {}): Ledger {
  return openLedger({ dataDir: overrides.dataDir ?? tempDataDir(), training: false, deviceId: 'POS1', now: steppingClock(), log: () => {}, ...overrides });
}

export const MSISDN = '250788123456';

export function momoSale(ledger: Ledger, amountMinor = 1000, extra: Record<string, unknown> = {}) {
  return ledger.createMomoSale({ amountMinor, currency: 'RWF', msisdn: MSISDN, referenceId: randomUUID(), ...extra });
}

/** Runs a payment through to a final status along the usual path. */
export function settle(ledger: Ledger, paymentId: string, to: 'successful' | 'failed' | 'rejected' | 'expired' = 'successful') {
  ledger.transitionPayment(paymentId, 'sending', { source: 'post' });
  ledger.transitionPayment(paymentId, 'pending', { source: 'post' });
  return ledger.transitionPayment(paymentId, to, to === 'successful' ? { source: 'poll', financialTransactionId: `FT${paymentId.slice(0, 8)}` } : { source: 'poll', reasonCode: 'APPROVAL_REJECTED' });
}

/** Row count of every table: "nothing was written" means this did not change. */
export function rowCounts(db: Database.Database): Record<string, number> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

export function sqlite3(file: string, sql: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(SQLITE3, [file, sql], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `npm run pos -- …` as a child process (tsx directly, as the npm script does). */
export function pos(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/core/cli/pos.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const WRITER = path.join(ROOT, 'test/helpers/ledger-writer.ts');
let writerCommand: Promise<string[]> | undefined;

/**
 * How to run the writer: bundled once into plain JS (node starts it in ~0.2 s
 * instead of ~1 s through tsx — it is spawned dozens of times), else via tsx.
 * esbuild comes with tsx; better-sqlite3 stays external, by absolute path.
 */
function writer(): Promise<string[]> {
  writerCommand ??= (async () => {
    try {
      const { build } = await import('esbuild');
      const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
      const outfile = path.join(tempDataDir('writer'), 'ledger-writer.mjs');
      await build({
        entryPoints: [WRITER],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        outfile,
        logLevel: 'silent',
        plugins: [{ name: 'native-sqlite', setup: (b) => b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true })) }],
      });
      return [outfile];
    } catch {
      return ['--import', 'tsx', WRITER];
    }
  })();
  return writerCommand;
}

/** Starts test/helpers/ledger-writer.ts: writes sales in a loop, printing each receipt once its write returned. */
export async function startWriter(args: { dataDir: string; deviceId: string; count?: number; waitForGo?: boolean; pauseMs?: number }): Promise<ChildProcess> {
  return spawn(
    process.execPath,
    [...(await writer()), args.dataDir, args.deviceId, String(args.count ?? 0), args.waitForGo ? 'wait' : 'go', String(args.pauseMs ?? 0)],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
}

/** Collects whole lines a child prints. */
export function lines(child: ChildProcess): { all: string[]; onLine(listener: (line: string) => void): void } {
  const all: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  let pending = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop()!;
    for (const line of parts) {
      all.push(line);
      for (const listener of listeners) listener(line);
    }
  });
  return { all, onLine: (listener) => listeners.push(listener) };
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

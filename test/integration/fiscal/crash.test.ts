/**
 * One NS per sale across crashes: a till process signs a sale and is
 * SIGKILLed at every step of signing (claimed, answered, finished); the next
 * start resends what is pending with the same invoice number. Real ledger
 * file, real simulator over loopback HTTP.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRwandaVsdcClient } from '../../../electron/core/fiscal';
import { openLedger } from '../../../electron/core/ledger';
import { startVsdcSimulator, type VsdcSimulator } from '../../../electron/core/vsdc-sim';

const child = path.resolve(import.meta.dirname, '../../helpers/fiscal-child.ts');
let sim: VsdcSimulator;
const dirs: string[] = [];

beforeAll(async () => {
  sim = await startVsdcSimulator();
});
afterAll(async () => {
  await sim.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function run(env: Record<string, string>): Promise<{ signal: NodeJS.Signals | null; code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], { env: { ...process.env, SIM_URL: sim.url, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    proc.on('exit', (code, signal) => resolve({ code, signal, out, err }));
  });
}

describe('fiscal signing under SIGKILL', () => {
  it.each(['claimed', 'answered', 'finished'])('killed at "%s": after restart, one NS for the sale and the ledger says so', async (step) => {
    const tin = String(100_000_000 + Math.floor(Math.random() * 899_999_999));
    const init = await createRwandaVsdcClient({ baseUrl: sim.url, identity: { tin, branchId: '00', deviceSerial: 'CRASH-1' } }).initialise({ tin, branchId: '00', deviceSerial: 'CRASH-1' });
    expect(init.kind).toBe('initialised');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fiscal-crash-'));
    dirs.push(dataDir);

    const killed = await run({ DATA_DIR: dataDir, TIN: tin, MODE: 'sign', SALE_ID: 's1', KILL_AT: step });
    expect(killed.signal, killed.err).toBe('SIGKILL');
    expect(killed.out).toContain(`STEP ${step}`);

    // Restart: the same sale is signed again (the till retries it) — the claim is found, pending is resent.
    const again = await run({ DATA_DIR: dataDir, TIN: tin, MODE: 'sign', SALE_ID: 's1' });
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/DONE (signed|duplicate) 1\n/);
    // A second sale continues the numbering.
    const second = await run({ DATA_DIR: dataDir, TIN: tin, MODE: 'sign', SALE_ID: 's2' });
    expect(second.out, second.err).toContain('DONE signed 2');

    const receipts = sim.receipts(tin, '00');
    expect(receipts.map((r) => [r.invcNo, r.label])).toEqual([[1, 'NS'], [2, 'NS']]);
    expect(sim.counters(tin, '00')).toEqual({ NS: 2 });

    const ledger = openLedger({ dataDir, training: true });
    try {
      const one = ledger.getFiscalReceipt('sale:s1')!;
      // Killed before the answer was recorded, the first signature is the device's; ours hears "duplicate".
      expect(one.status).toBe(step === 'answered' ? 'duplicate' : 'signed');
      if (one.status === 'signed') expect(one.signature).toBe(receipts[0]!.rcptSign);
      expect(ledger.pendingFiscalReceipts()).toEqual([]);
      const kinds = ledger.journal({}).filter((e) => e.kind.startsWith('fiscal.')).map((e) => `${e.kind} ${e.subjectId}`);
      expect(kinds).toEqual(['fiscal.requested sale:s1/1', 'fiscal.finished sale:s1', 'fiscal.requested sale:s2/2', 'fiscal.finished sale:s2']);
      expect(ledger.verify().ok).toBe(true);
    } finally {
      ledger.close();
    }
  }, 60_000);
});

/**
 * Invariant 3: the till process is SIGKILLed at each step of a money
 * movement — a payment prompt, a pay-later invoice, a refund: the one
 * driver carries them all — and on restart each reaches its final state,
 * MoMo saw exactly one request per reference, and the sale is in the ledger.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startMomoSimulator, type MomoSimulator } from '../../../electron/core/momo-sim';
import { openLedger } from '../../../electron/core/ledger';
import { SECRETS } from '../../helpers/payments';

const child = path.resolve(import.meta.dirname, '../../helpers/payment-child.ts');
let sim: MomoSimulator;

beforeAll(async () => {
  sim = await startMomoSimulator({ approvalDelayMs: 400, slowApprovalDelayMs: 2_500, invoicePaidAfterMs: 1_200, disbursementDelayMs: 1_500, users: [{ apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey }], subscriptionKeys: [SECRETS.subscriptionKey] });
});
afterAll(() => sim.close());

interface Till {
  process: ChildProcess;
  lines: string[];
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

function startTill(dataDir: string, env: Record<string, string>): Till {
  const proc = spawn(process.execPath, ['--import', 'tsx', child], {
    env: { ...process.env, DATA_DIR: dataDir, SIM_URL: sim.url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  const listeners = new Set<() => void>();
  let buffer = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
    for (const listener of [...listeners]) listener();
  });
  proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    process: proc,
    lines,
    exited,
    waitFor(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (const line of lines) {
            const match = pattern.exec(line);
            if (match) {
              listeners.delete(check);
              clearTimeout(timer);
              return resolve(match);
            }
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} in:\n${lines.join('\n')}\n${stderr}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}

async function kill(till: Till) {
  till.process.kill('SIGKILL');
  await till.exited;
}

type Kind = 'prompt' | 'invoice' | 'refund';
/** What each kind posts and asks, by the simulator's operation names. */
const CALLS: Record<Kind, { post: string; status: string; posts: 'requestToPay' | 'invoice' | 'refund' }> = {
  prompt: { post: 'requestToPay', status: 'getRequestToPayStatus', posts: 'requestToPay' },
  invoice: { post: 'createInvoice', status: 'getInvoiceStatus', posts: 'invoice' },
  refund: { post: 'refund', status: 'getRefundStatus', posts: 'refund' },
};

async function recoverAndCheck(kind: Kind, dataDir: string, expected: { paymentId: string; referenceId: string; status: string }) {
  const recovery = startTill(dataDir, { KIND: kind, MODE: 'recover' });
  await recovery.waitFor(/^FINAL$/, 30_000);
  expect(await recovery.exited).toBe(0);
  const raw = new Database(path.join(dataDir, 'training.sqlite'), { readonly: true });
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  raw.close();
  const ledger = openLedger({ dataDir, training: true });
  try {
    if (kind === 'refund') {
      const refund = ledger.getRefund(expected.paymentId)!;
      expect(refund.status).toBe(expected.status);
      expect(ledger.refundsForSale(refund.saleId)).toHaveLength(1);
    } else {
      const payment = ledger.getPayment(expected.paymentId)!;
      expect(payment.status).toBe(expected.status);
      expect(payment.kind).toBe(kind);
      expect(ledger.getSale(payment.saleId)).toBeTruthy();
      expect(ledger.paymentsForSale(payment.saleId)).toHaveLength(1);
    }
    expect(ledger.verify().ok).toBe(true);
  } finally {
    ledger.close();
  }
  expect(sim.postsReceived(CALLS[kind].posts, expected.referenceId)).toBe(1);
}

describe.each(['prompt', 'invoice', 'refund'] as const)('a till killed mid-%s finishes it on restart, moving the money once', (kind) => {
  const calls = CALLS[kind];
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-crash-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('killed right after the sale was recorded (nothing sent yet)', async () => {
    const dataDir = freshDir();
    const till = startTill(dataDir, { KIND: kind, MODE: 'record' });
    const [, paymentId, referenceId] = await till.waitFor(/^RECORDED (\S+) (\S+)$/);
    await kill(till);
    expect(sim.postsReceived(calls.posts, referenceId!)).toBe(0);
    await recoverAndCheck(kind, dataDir, { paymentId: paymentId!, referenceId: referenceId!, status: 'successful' });
  });

  it('killed while the request was on the wire', async () => {
    const dataDir = freshDir();
    sim.injectFault({ operation: calls.post, kind: 'slow', delayMs: 3_000 });
    const till = startTill(dataDir, { KIND: kind, MODE: 'charge' });
    const [, paymentId, referenceId] = await till.waitFor(/^CHARGED (\S+) (\S+)$/);
    await till.waitFor(/^STATUS \S+ sending/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await kill(till);
    sim.clearFaults();
    await recoverAndCheck(kind, dataDir, { paymentId: paymentId!, referenceId: referenceId!, status: 'successful' });
  });

  it('killed right after MoMo answered 202', async () => {
    const dataDir = freshDir();
    const till = startTill(dataDir, { KIND: kind, MODE: 'charge', FIRST_DELAY_MS: '5000' });
    const [, paymentId, referenceId] = await till.waitFor(/^CHARGED (\S+) (\S+)$/);
    await till.waitFor(/^STATUS \S+ pending 0$/);
    await kill(till);
    await recoverAndCheck(kind, dataDir, { paymentId: paymentId!, referenceId: referenceId!, status: 'successful' });
  });

  it('killed while polling a customer who takes their time', async () => {
    const dataDir = freshDir();
    // A refund takes its time at MoMo (the simulator's disbursement delay) whoever the customer is.
    const till = startTill(dataDir, { KIND: kind, MODE: 'charge', PHONE: '46733123454' });
    const [, paymentId, referenceId] = await till.waitFor(/^CHARGED (\S+) (\S+)$/);
    await till.waitFor(/^CHECKS \S+ pending [2-9]/);
    await kill(till);
    await recoverAndCheck(kind, dataDir, { paymentId: paymentId!, referenceId: referenceId!, status: 'successful' });
  });

  // A refund has no customer to decline it.
  it.skipIf(kind === 'refund')('killed while polling a customer who declines', async () => {
    const dataDir = freshDir();
    sim.injectFault({ operation: calls.status, kind: 'slow', delayMs: 2_000, times: 1 });
    const till = startTill(dataDir, { KIND: kind, MODE: 'charge', PHONE: '46733123451' });
    const [, paymentId, referenceId] = await till.waitFor(/^CHARGED (\S+) (\S+)$/);
    await till.waitFor(/^STATUS \S+ pending/);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await kill(till);
    sim.clearFaults();
    await recoverAndCheck(kind, dataDir, { paymentId: paymentId!, referenceId: referenceId!, status: 'rejected' });
  });
});

/**
 * Peak memory (RSS) of the browser-mode server through 10,000 payments:
 * the server runs as a child process (training mode, the simulator approves
 * after 50 ms, the ledger on tmpfs so the shared disk does not set the
 * pace), one event stream (SSE) is open like a renderer's, and VmRSS is read
 * from /proc/<pid>/status every 1,000 payments.
 *
 * Concurrency is bounded by payments in flight, not by requests: each
 * "customer" charges, waits until its payment is final, then charges again.
 * (Charging faster than payments complete grows a backlog, and memory with
 * it; that is overload, not a leak: see docs/performance.md.)
 */
import http from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startBrowserMode, type BrowserMode } from '../test/helpers/browser-mode';

const progress = (line: string) => process.stderr.write(`  [memory] ${line}\n`);

export interface MemoryResult {
  payments: number;
  /** Customers at once: each charges, waits for the final status, charges again. */
  inFlight: number;
  missedEvents: number;
  dataOnTmpfs: boolean;
  samples: Array<{ payments: number; rssMB: number; final: number }>;
  firstMB: number;
  peakMB: number;
  lastMB: number;
  /** Least-squares slope, MB per 1,000 payments, over the second half of the run (steady state)… */
  slopeMBPer1000: number;
  /** …and over every sample from 1,000 on (includes the warm-up while caches fill). */
  overallSlopeMBPer1000: number;
  settledMB: number;
  finalPayments: number;
  seconds: number;
}

const FINAL = new Set(['successful', 'failed', 'rejected', 'expired']);

function rssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

function call(server: BrowserMode, agent: http.Agent, method: string, input: unknown): Promise<{ ok: boolean; code?: string; data?: unknown }> {
  const body = JSON.stringify(input);
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: hostname, port, path: `/api/call/${method}`, method: 'POST', agent, headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(text) as { ok: boolean; code?: string; data?: unknown });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** One open event stream, like a renderer's; counts payments that reached a final status and wakes their waiters. */
function watchEvents(server: BrowserMode): { finals: () => number; final: (paymentId: string, timeoutMs: number) => Promise<boolean>; close: () => void } {
  const finals = new Set<string>();
  const waiters = new Map<string, () => void>();
  const { hostname, port } = new URL(server.url);
  const request = http.get({ host: hostname, port, path: '/api/events', headers: { authorization: `Bearer ${server.token}` } }, (response) => {
    let buffer = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (!data) continue;
        const event = JSON.parse(data) as { type: string; payment?: { id: string; status: string } };
        if (event.type === 'payment.updated' && event.payment && FINAL.has(event.payment.status)) {
          finals.add(event.payment.id);
          waiters.get(event.payment.id)?.();
        }
      }
    });
  });
  request.on('error', () => {});
  return {
    finals: () => finals.size,
    final: (paymentId, timeoutMs) =>
      new Promise<boolean>((resolve) => {
        if (finals.has(paymentId)) return resolve(true);
        const timer = setTimeout(() => {
          waiters.delete(paymentId);
          resolve(false);
        }, timeoutMs);
        waiters.set(paymentId, () => {
          clearTimeout(timer);
          waiters.delete(paymentId);
          resolve(true);
        });
      }),
    close: () => request.destroy(),
  };
}

export const SIMULATOR_STORE = 1_000;

export async function runMemoryBench(payments = 10_000, inFlight = 100): Promise<MemoryResult> {
  const tmpfs = existsSync('/dev/shm') ? mkdtempSync(path.join('/dev/shm', 'momo-pos-memory-')) : undefined;
  // The training simulator keeps its newest 20,000 transactions by design (about 20 MB, and live mode has no
  // simulator): capped at 1,000 here so that what grows is the engine's, not the simulator's bounded store.
  const server = await startBrowserMode({ MOMO_POS_SIM_APPROVAL_MS: '50', MOMO_POS_SIM_MAX_TRANSACTIONS: String(SIMULATOR_STORE), ...(tmpfs ? { MOMO_POS_DATA_DIR: tmpfs } : {}) });
  // No keep-alive: a request racing the server's idle-socket close would fail with a hang-up.
  const agent = new http.Agent({ keepAlive: false, maxSockets: 16 });
  const events = watchEvents(server);
  const started = performance.now();
  try {
    const samples: MemoryResult['samples'] = [{ payments: 0, rssMB: rssMB(server.pid), final: 0 }];
    let next = 0;
    let done = 0;
    let failures = 0;
    let checkedByHand = 0;
    const customer = async () => {
      while (next < payments) {
        const i = next++;
        const answer = await call(server, agent, 'sale.charge', { phone: '0788123456', amount: String(100 + (i % 5000)) });
        if (!answer.ok) {
          failures += 1;
          continue;
        }
        const paymentId = (answer.data as { payment: { id: string } }).payment.id;
        if (!(await events.final(paymentId, 30_000))) {
          // No final event in 30 s: ask (counts as a problem to report, not a hang).
          checkedByHand += 1;
          await call(server, agent, 'payment.recheck', { paymentId });
        }
        done += 1;
        if (done % 1_000 === 0) {
          const sample = { payments: done, rssMB: rssMB(server.pid), final: events.finals() };
          samples.push(sample);
          progress(`${done} payments: RSS ${sample.rssMB.toFixed(1)} MB (${((performance.now() - started) / 1000).toFixed(0)} s)`);
        }
      }
    };
    await Promise.all(Array.from({ length: inFlight }, customer)).catch((error: unknown) => {
      throw new Error(`${String(error)}; the server ${server.ended() ? `ended (${server.ended()})` : 'is still running'}; its last output:\n${server.output().slice(-3000)}`);
    });
    if (failures) throw new Error(`${failures} charges failed`);
    if (checkedByHand) progress(`${checkedByHand} payments sent no final event within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const settledMB = rssMB(server.pid);
    const rss = samples.map((s) => s.rssMB);
    const from = (first: number) => samples.filter((s) => s.payments >= first).map((s): [number, number] => [s.payments / 1_000, s.rssMB]);
    return {
      payments,
      inFlight,
      samples,
      firstMB: samples[1]?.rssMB ?? rss[0]!,
      peakMB: Math.max(...rss, settledMB),
      lastMB: rss.at(-1)!,
      slopeMBPer1000: slope(from(payments / 2)),
      overallSlopeMBPer1000: slope(from(1_000)),
      settledMB,
      finalPayments: events.finals(),
      missedEvents: checkedByHand,
      seconds: (performance.now() - started) / 1000,
      dataOnTmpfs: tmpfs !== undefined,
    };
  } finally {
    events.close();
    agent.destroy();
    await server.stop();
    if (tmpfs) rmSync(tmpfs, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await runMemoryBench(Number(process.argv[2] ?? 10_000), Number(process.argv[3] ?? 100)), null, 2));

/**
 * Callbacks beside polling, in real time on loopback, in one run: the MoMo
 * simulator calling back, `hq serve`, a throwaway PostgreSQL, the real
 * payment engine and ledger, the till's LISTEN connection.
 *
 *  - three rows on the same seeded approval times (0.3–8 s after the request):
 *    polling only (today's schedule), with callbacks, with callbacks lost at
 *    random 20 % of the time; detection delay after MoMo's final state (mean,
 *    p95) and status calls per payment;
 *  - 100 tills listening at once: time from the callback's arrival at head
 *    office to the till's hint (where it makes its GET), p95.
 *
 * Run alone: `npx tsx bench/callbacks.ts` (needs PostgreSQL's binaries).
 */
import { randomUUID } from 'node:crypto';
import { addTill, connectHeadOffice, createCallbackRelay, migrateHeadOffice, startCallbackListener, startCallbackServer, type CallbackListener } from '../electron/core/headoffice';
import { CALLBACK_FAST_INTERVAL_MS, callbackSchedule } from '../electron/core/movements';
import type { PollSchedule } from '../electron/core/payments';
import { DEFAULT_SCHEDULE, nextPollDelay } from '../electron/core/payments';
import { AT_COUNTER_MS, customerApprovalTimes } from './polling';
import { startPostgres } from '../test/helpers/postgres';
import { SECRETS, startEngineRig } from '../test/helpers/payments';
import { ascending, mean, percentile, seededRandom } from './random';

/**
 * The status-call budget, in virtual time on the polling bench's customers
 * (bench/polling.ts: lognormal approvals, median 12 s, 10 % never answer),
 * one till, a payment a minute: status calls per payment and detection delay
 * at the counter, polling alone beside callbacks with each counter step
 * policy, and with 20 % of callbacks lost. A callback reaches the till
 * CALLBACK_LATENCY_MS after the approval (loopback measure above) and costs
 * one GET; a poll that finds a final state no callback announced is a miss:
 * trust goes for OVERDUE_COOLDOWN_MS and the streak starts again.
 */
export interface BudgetRow {
  name: string;
  callsPerPayment: number;
  meanDelayMs: number;
  p95DelayMs: number;
}

const CALLBACK_LATENCY_MS = 50;
const MISS_GRACE_MS = 2_000;
const OVERDUE_COOLDOWN_MS = 10 * 60_000;
const PAYMENT_EVERY_MS = 60_000;

export function budgetRows(): BudgetRow[] {
  const approvals = customerApprovalTimes();
  const run = (name: string, step: ((streak: number) => PollSchedule) | undefined, lossRate: number): BudgetRow => {
    const random = seededRandom(SEED + 2);
    let streak = 0;
    let trustedFrom = 0;
    let calls = 0;
    const delays: number[] = [];
    approvals.forEach((approvalMs, index) => {
      const startedAt = index * PAYMENT_EVERY_MS;
      const lost = random() < lossRate;
      const trusted = step !== undefined && startedAt >= trustedFrom;
      const schedule = trusted ? step(streak) : DEFAULT_SCHEDULE;
      const callbackAt = step !== undefined && !lost && Number.isFinite(approvalMs) ? approvalMs + CALLBACK_LATENCY_MS : Number.POSITIVE_INFINITY;
      let elapsed = 0;
      let previous: number | undefined;
      for (;;) {
        const delay = nextPollDelay(schedule, elapsed, previous);
        if (delay === undefined) break;
        if (elapsed + delay >= callbackAt) {
          calls += 1;
          streak += 1;
          if (approvalMs < AT_COUNTER_MS) delays.push(CALLBACK_LATENCY_MS);
          break;
        }
        elapsed += delay;
        previous = delay;
        calls += 1;
        if (elapsed >= approvalMs) {
          if (approvalMs < AT_COUNTER_MS) delays.push(elapsed - approvalMs);
          // A callback that arrives within the grace after the poll is no miss (the two crossed).
          if (step !== undefined && callbackAt > elapsed + MISS_GRACE_MS) {
            streak = 0;
            trustedFrom = startedAt + elapsed + OVERDUE_COOLDOWN_MS;
          }
          break;
        }
      }
    });
    delays.sort(ascending);
    return { name, callsPerPayment: calls / approvals.length, meanDelayMs: mean(delays), p95DelayMs: percentile(delays, 0.95) };
  };
  const fixed4s = (): PollSchedule => ({ ...DEFAULT_SCHEDULE, fastIntervalMs: CALLBACK_FAST_INTERVAL_MS });
  const ours = (streak: number) => callbackSchedule(DEFAULT_SCHEDULE, streak);
  return [
    run('polling only (today’s schedule: 1.4 s counter step)', undefined, 0),
    run('callbacks, counter step fixed at 4 s (before)', fixed4s, 0),
    run('callbacks, trust grows: 4 s; 10 s after 3 in a row; 30 s, first look 10 s, after 10 (ours)', ours, 0),
    run('callbacks 20 % lost, trust grows (ours)', ours, 0.2),
    run('callbacks 20 % lost, counter step fixed at 4 s (before)', fixed4s, 0.2),
  ];
}

export interface CallbackRow {
  name: string;
  payments: number;
  meanDelayMs: number;
  p95DelayMs: number;
  callsPerPayment: number;
}

export interface CallbacksResult {
  rows: CallbackRow[];
  budget: BudgetRow[];
  /** From arrival at hq serve to the till's hint; recorded: arrival to 200; from sender: the sender's fetch to the hint; sender answered: its fetch to the 200. */
  fleet: { tills: number; p95HintMs: number; meanHintMs: number; p95RecordedMs: number; p95FromSenderMs: number; p95SenderAnsweredMs: number };
}

const PAYMENTS = 60;
const SEED = 20261204;

function approvals(): number[] {
  const random = seededRandom(SEED);
  return Array.from({ length: PAYMENTS }, () => 300 + random() * 7_700);
}

async function row(name: string, hq: { url: string; base: string } | undefined, lossRate: number): Promise<CallbackRow> {
  const relay = createCallbackRelay();
  let listener: CallbackListener | undefined;
  const hint: { engine?: Awaited<ReturnType<typeof startEngineRig>>['engine'] } = {};
  if (hq) {
    listener = startCallbackListener({ url: hq.url, publicBase: hq.base, onCallback: (reference) => {
      relay.heard(reference);
      void hint.engine?.hint(reference);
    } });
    relay.attach(listener);
    await listener.ready();
  }
  const rig = await startEngineRig({
    schedule: { firstDelayMs: DEFAULT_SCHEDULE.firstDelayMs, fastIntervalMs: DEFAULT_SCHEDULE.fastIntervalMs, fastPhaseMs: DEFAULT_SCHEDULE.fastPhaseMs, windowMs: DEFAULT_SCHEDULE.windowMs },
    timeoutMs: 5_000,
    ...(hq ? { callbacks: relay } : {}),
    sim: { approvalDelayMs: 3_600_000, users: [{ apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey, providerCallbackHost: '127.0.0.1' }], callbacks: { lossRate, random: seededRandom(SEED + 1) } },
  });
  hint.engine = rig.engine;
  const finalAt = new Map<string, number>();
  const waits: Array<Promise<unknown>> = [];
  for (const approvalMs of approvals()) {
    // The same customer and amount again and again: the cashier said yes to "really paying twice".
    const { payment } = rig.engine.charge({ phone: '250788123456', amount: '1000', confirmDuplicate: true });
    setTimeout(() => {
      finalAt.set(payment.id, Date.now());
      rig.sim.decide(payment.referenceId, { status: 'SUCCESSFUL' });
    }, approvalMs);
    waits.push(rig.waitFor(payment.id, undefined, 60_000));
  }
  const seen = new Map<string, number>();
  const stopWatch = setInterval(() => {
    for (const change of rig.changes) if (change.status === 'successful' && !seen.has(change.id)) seen.set(change.id, Date.parse(change.updatedAt));
  }, 1);
  await Promise.all(waits);
  clearInterval(stopWatch);
  for (const change of rig.changes) if (change.status === 'successful' && !seen.has(change.id)) seen.set(change.id, Date.parse(change.updatedAt));
  const delays = [...seen].map(([id, at]) => Math.max(0, at - finalAt.get(id)!)).sort(ascending);
  const calls = rig.sim.stats().byOperation.getRequestToPayStatus ?? 0;
  await rig.close();
  await listener?.close();
  return { name, payments: delays.length, meanDelayMs: mean(delays), p95DelayMs: percentile(delays, 0.95), callsPerPayment: calls / PAYMENTS };
}

/** hq serve's own clock: when each callback's request arrived, by reference (the fleet's starting line). */
const arrivals = new Map<string, { arrivedAt: number; answeredAt: number }>();

async function fleet(adminUrl: string, base: string, tills: number): Promise<CallbacksResult['fleet']> {
  const admin = await connectHeadOffice(adminUrl);
  const urls: string[] = [];
  for (let i = 0; i < tills; i++) urls.push((await addTill(admin, adminUrl, `Fleet ${i}`)).url);
  await admin.end();
  const heardAt = new Map<string, number>();
  const listeners = urls.map((url) => startCallbackListener({ url, publicBase: base, onCallback: (reference) => heardAt.set(reference, performance.now()) }));
  await Promise.all(listeners.map((listener) => listener.ready(30_000)));
  const sentAt = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  await Promise.all(
    listeners.map(async (listener) => {
      const reference = randomUUID();
      sentAt.set(reference, performance.now());
      const answer = await fetch(listener.callbackUrl(reference)!, { method: 'POST', body: '{"status":"SUCCESSFUL"}' });
      answeredAt.set(reference, performance.now());
      if (answer.status !== 200) throw new Error(`hq serve answered ${answer.status}`);
    }),
  );
  const end = Date.now() + 10_000;
  while (heardAt.size < tills && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
  const heard = (reference: string) => heardAt.get(reference) ?? Number.POSITIVE_INFINITY;
  // From the callback's arrival at hq serve to the till's hint (the measure), and where the time goes.
  const delays = [...sentAt.keys()].map((reference) => heard(reference) - (arrivals.get(reference)?.arrivedAt ?? Number.NaN)).sort(ascending);
  const recorded = [...sentAt.keys()].map((reference) => arrivals.get(reference)!.answeredAt - arrivals.get(reference)!.arrivedAt).sort(ascending);
  const fromSender = [...sentAt].map(([reference, at]) => heard(reference) - at).sort(ascending);
  const senderWait = [...sentAt].map(([reference, at]) => answeredAt.get(reference)! - at).sort(ascending);
  await Promise.all(listeners.map((listener) => listener.close()));
  return {
    tills,
    p95HintMs: percentile(delays, 0.95),
    meanHintMs: mean(delays),
    p95RecordedMs: percentile(recorded, 0.95),
    p95FromSenderMs: percentile(fromSender, 0.95),
    p95SenderAnsweredMs: percentile(senderWait, 0.95),
  };
}

export async function runCallbacksBench(progress: (line: string) => void = () => {}, options: { fleetOnly?: boolean } = {}): Promise<CallbacksResult> {
  const server = await startPostgres({ settings: { max_connections: '300' } });
  try {
    const admin = await connectHeadOffice(server.adminUrl);
    await migrateHeadOffice(admin);
    const till = (await addTill(admin, server.adminUrl, 'Bench till')).url;
    await admin.end();
    const serve = await startCallbackServer({ url: server.adminUrl, perAddressPerSecond: 100_000, perTillPerSecond: 100_000, observe: (reference, arrivedAt, answeredAt) => arrivals.set(reference, { arrivedAt, answeredAt }) });
    try {
      const rows: CallbackRow[] = [];
      if (options.fleetOnly) return { rows, budget: budgetRows(), fleet: await fleet(server.adminUrl, serve.origin, 100) };
      progress('callbacks: polling only…');
      rows.push(await row('polling only (today’s schedule)', undefined, 0));
      progress('callbacks: with callbacks…');
      rows.push(await row('with callbacks (hq serve + LISTEN/NOTIFY)', { url: till, base: serve.origin }, 0));
      progress('callbacks: with 20 % of callbacks lost…');
      rows.push(await row('with callbacks, 20 % lost at random', { url: till, base: serve.origin }, 0.2));
      progress('callbacks: 100 tills listening…');
      return { rows, budget: budgetRows(), fleet: await fleet(server.adminUrl, serve.origin, 100) };
    } finally {
      await serve.close();
    }
  } finally {
    server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--budget')) {
  console.log(JSON.stringify(budgetRows(), null, 2));
  process.exit(0);
}
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runCallbacksBench((line) => console.error(line), { fleetOnly: process.argv.includes('--fleet') });
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}

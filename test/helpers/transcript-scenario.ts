/**
 * The support transcript's worst ordinary day, with real parts and a
 * controlled clock: a charge to the simulator's never-answering number whose
 * first request to pay is lost on the way (so the engine asks, gets 404 and
 * resends on the same reference), the till restarted in the middle, the
 * counter's polling schedule run to its end and the manager pressing "check
 * now" until ten minutes have passed. The schedule runs `speedUp` times
 * faster than in the shop and the MoMo client's clock (the times the
 * transcript shows) as much faster, so the calls are the ones ten real
 * minutes make, in a few seconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLedger, type Payment } from '../../electron/core/ledger';
import { createMomoClient, type MomoExchange } from '../../electron/core/momo';
import { startMomoSimulator } from '../../electron/core/momo-sim';
import { createPaymentEngine, DEFAULT_SCHEDULE, renderTranscript, type PollSchedule } from '../../electron/core/payments';
import { MARKETS } from '../../shared/markets';
import type { Language } from '../../shared/messages';
import { SECRETS } from './payments';

export const NEVER_ANSWERS = '46733123453';
export const WAIT_MS = 10 * 60_000;

export interface LongWait {
  payment: Payment;
  exchanges: MomoExchange[];
  /** The transcript in each language. */
  texts: Record<Language, string>;
  /** Times the engine was started (2: one restart). */
  starts: number;
}

export async function longWaitTranscript(options: { speedUp?: number } = {}): Promise<LongWait> {
  const speedUp = options.speedUp ?? 100;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-transcript-'));
  const ledger = openLedger({ dataDir, training: true });
  // The first request to pay is lost before MoMo reads it: the engine must ask, hear 404 and resend.
  const sim = await startMomoSimulator({
    users: [{ apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey }],
    subscriptionKeys: [SECRETS.subscriptionKey],
    faults: [{ operation: 'requestToPay', kind: 'drop-before' }],
  });
  const started = Date.now();
  const clock = () => started + (Date.now() - started) * speedUp;
  const scaled: PollSchedule = {
    ...DEFAULT_SCHEDULE,
    firstDelayMs: DEFAULT_SCHEDULE.firstDelayMs / speedUp,
    fastIntervalMs: DEFAULT_SCHEDULE.fastIntervalMs / speedUp,
    fastPhaseMs: DEFAULT_SCHEDULE.fastPhaseMs / speedUp,
    maxIntervalMs: DEFAULT_SCHEDULE.maxIntervalMs / speedUp,
    windowMs: DEFAULT_SCHEDULE.windowMs / speedUp,
  };
  // Each start of the till makes its own client (a restart forgets the token, as the app does).
  const startEngine = () =>
    createPaymentEngine({
      ledger,
      collection: createMomoClient({
        baseUrl: sim.url,
        // The simulator's own keys, typed in for its loopback address (stored keys go only to MTN).
        keysEnteredFor: sim.url,
        targetEnvironment: 'sandbox',
        collection: { subscriptionKey: SECRETS.subscriptionKey, apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey },
        now: clock,
        timeoutMs: 1_000,
      }).collection,
      currency: 'RWF',
      phoneRules: { country: MARKETS.mtnrwanda.country, mtnPrefixes: MARKETS.mtnrwanda.mtnPrefixes, training: true },
      shopName: () => 'Test shop',
      schedule: scaled,
    });
  const until = async (shopMs: number) => {
    const left = started + shopMs / speedUp - Date.now();
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  };
  try {
    let engine = startEngine();
    const { payment } = engine.charge({ phone: NEVER_ANSWERS, amount: '1000' });
    // Restarted in the middle of the counter's window.
    await until(DEFAULT_SCHEDULE.windowMs / 2);
    engine.stop();
    await engine.idle();
    engine = startEngine();
    await engine.recover();
    await until(DEFAULT_SCHEDULE.windowMs + 1_000 * speedUp);
    // Timed out: the manager presses "check now" every minute until ten minutes have passed.
    for (let minute = Math.ceil(DEFAULT_SCHEDULE.windowMs / 60_000) + 1; minute * 60_000 <= WAIT_MS; minute++) {
      await until(minute * 60_000);
      await engine.recheck(payment.id);
    }
    engine.stop();
    await engine.idle();
    const final = ledger.getPayment(payment.id)!;
    const exchanges = ledger.exchanges(payment.id) as MomoExchange[];
    const sale = ledger.getSale(final.saleId)!;
    const texts = Object.fromEntries(
      (['en', 'fr', 'rw'] as const).map((language) => [
        language,
        renderTranscript({ payment: final, sale, exchanges, merchantName: 'Test shop', generatedAt: new Date(clock()).toISOString(), language, training: true }),
      ]),
    ) as Record<Language, string>;
    return { payment: final, exchanges, texts, starts: 2 };
  } finally {
    await sim.close();
    ledger.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

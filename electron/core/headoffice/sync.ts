/**
 * The background push: never on the path of a sale. One push at a time;
 * after a good one it waits `intervalMs` (or a nudge after a sale); after a
 * failure it backs off (2 s, 4 s, … 5 min). Offline only means "later".
 */
import type { Ledger } from '../ledger';
import type { Notice } from '../../../shared/errors';
import { forkNotice, pushJournal, type PushOutcome, type PushOptions } from './push';

/** A sale's push waits this long, so the few journal entries of one sale go together. */
const NUDGE_DELAY_MS = 500;

export interface HeadOfficeState {
  configured: boolean;
  training: boolean;
  lastPushAt?: string;
  lastOutcome?: PushOutcome['status'];
  ack?: { seq: number; hash: string; receivedAt: string };
  /** Local journal entries head office does not hold yet. */
  waiting: number;
  /** What went wrong with the last push (a key and its facts), when it did not end well. */
  problem?: Notice;
  /** A fork head office found: shown in red until a manager deals with it. */
  forkSeq?: number;
}

export interface HeadOfficeSync {
  /** Push soon (after a sale): never waits for it. */
  nudge(): void;
  state(): HeadOfficeState;
  /** Stops the loop and waits for a push in flight. */
  stop(): Promise<void>;
}

export interface HeadOfficeSyncOptions extends PushOptions {
  ledger: () => Ledger;
  /** Head office's URL for this till (the keychain, or MOMO_POS_HQ_URL); undefined: not configured. */
  url: () => Promise<string | undefined>;
  intervalMs?: number;
  maxBackoffMs?: number;
  firstBackoffMs?: number;
  log?: (line: string) => void;
  onChange?: (state: HeadOfficeState) => void;
}

export function startHeadOfficeSync(options: HeadOfficeSyncOptions): HeadOfficeSync {
  const intervalMs = options.intervalMs ?? 30_000;
  const firstBackoffMs = options.firstBackoffMs ?? 2_000;
  const maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
  const log = options.log ?? (() => {});
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let failures = 0;
  let current: HeadOfficeState = { configured: false, training: false, waiting: 0 };
  let lastOutcome: PushOutcome | undefined;

  const describe = (ledger: Ledger, configured: boolean, outcome?: PushOutcome): HeadOfficeState => {
    const ack = ledger.headOfficeAck();
    const alarm = ledger.headOfficeAlarm();
    const state: HeadOfficeState = {
      configured,
      training: ledger.training,
      waiting: (ledger.journalHead()?.seq ?? 0) - (ack?.seq ?? 0),
      ...(current.lastPushAt ? { lastPushAt: current.lastPushAt } : {}),
      ...(ack ? { ack: { seq: ack.seq, hash: ack.hash, receivedAt: ack.receivedAt } } : {}),
    };
    if (outcome) {
      state.lastOutcome = outcome.status;
      if (outcome.status !== 'ok' && outcome.status !== 'training') state.problem = { key: outcome.key, params: outcome.params, message: outcome.message };
    }
    if (alarm?.kind === 'fork') {
      state.forkSeq = alarm.seq;
      state.problem = forkNotice(alarm.seq);
    }
    return state;
  };

  let dueAt = 0;
  /** A sale made while a push ran: push again soon after it. */
  let nudgedWhileRunning = false;
  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    dueAt = Date.now() + ms;
    timer = setTimeout(run, ms);
    timer.unref();
  };

  async function once(): Promise<void> {
    const ledger = options.ledger();
    const url = ledger.training ? undefined : await options.url().catch(() => undefined);
    if (!url) {
      current = describe(ledger, false);
      options.onChange?.(current);
      schedule(intervalMs);
      return;
    }
    const outcome = await pushJournal(ledger, url, { ...options, stopped: () => stopped });
    lastOutcome = outcome;
    current = { ...describe(ledger, true, outcome), lastPushAt: new Date().toISOString() };
    options.onChange?.(current);
    if (outcome.status === 'unreachable') {
      failures++;
      const delay = Math.min(maxBackoffMs, firstBackoffMs * 2 ** (failures - 1));
      log(`head office push failed (retry in ${Math.round(delay / 1000)} s): ${outcome.message}`);
      schedule(delay * (0.8 + Math.random() * 0.4));
      return;
    }
    failures = 0;
    if (outcome.status === 'fork' || outcome.status === 'refused' || outcome.status === 'behind') log(outcome.message);
    schedule(nudgedWhileRunning && outcome.status === 'ok' ? NUDGE_DELAY_MS : intervalMs);
    nudgedWhileRunning = false;
  }

  function run(): void {
    timer = undefined;
    if (stopped || running) return;
    running = once()
      .catch((error: unknown) => {
        log(`head office push stopped on an error: ${error instanceof Error ? error.message : String(error)}`);
        schedule(maxBackoffMs);
      })
      .finally(() => {
        running = undefined;
      });
  }

  schedule(0);
  return {
    nudge() {
      // Sooner, never later: a steady stream of sales must not keep pushing the push back.
      if (running) nudgedWhileRunning = true;
      else if (failures === 0 && (!timer || dueAt > Date.now() + NUDGE_DELAY_MS)) schedule(NUDGE_DELAY_MS);
    },
    // Read afresh: entries sold since the last push, an alarm recorded since, show at once.
    state: () => {
      try {
        return { ...describe(options.ledger(), current.configured, lastOutcome), ...(current.lastPushAt ? { lastPushAt: current.lastPushAt } : {}) };
      } catch {
        return current;
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

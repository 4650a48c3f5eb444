/**
 * The till's side of callbacks: LISTEN on its own channel over its own
 * head-office connection. A notification carries only a row id; the till
 * reads its own callbacks through hq.my_callbacks (filtered by its login
 * role at head office), so it never learns another till's references.
 *
 * What reaches `onCallback` is a hint: the caller asks MoMo (GET) for that
 * reference. A gate lets through at most one hint per reference per
 * `minIntervalMs` (1 s), so nothing a stranger sends to the public callback
 * URL makes the till ask MoMo more often than that.
 *
 * The connection is re-opened with backoff when it drops; on every (re)connect
 * the callbacks received since the last one seen are read: a till that was
 * away checks what arrived meanwhile.
 */
import type pg from 'pg';
import type { CallbackRegistration } from '../../../shared/contract';
import { connectHeadOffice } from './connection';
import { CALLBACK_PATH, callbackUrlFor } from './callback-server';

export interface CallbackListenerOptions {
  /** The till's own head-office URL (its login role). */
  url: string;
  /** Head office's public base URL for callbacks, e.g. https://hq.example.com */
  publicBase: string;
  /** A hint that MoMo may have a final state for this reference. */
  onCallback(reference: string, receivedAt: Date): void;
  /** Listening (true) or not (false): polling returns to its normal schedule when false. */
  onState?(listening: boolean): void;
  minIntervalMs?: number;
  /** Backoff between reconnects (default 250 ms doubling to 30 s). */
  backoffMs?: { first: number; max: number };
  log?: (line: string) => void;
  now?: () => number;
}

export interface CallbackListener {
  listening(): boolean;
  /** This till's callback URL for a reference, once the first connection told the key (else undefined). */
  callbackUrl(reference: string): string | undefined;
  /** Resolves once listening (or rejects after `timeoutMs`). */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const IDENT = /^momo_callback_\d+$/;

/** At most one pass per key per interval; memory bounded by the keys seen within the interval. */
export function perKeyGate(intervalMs: number, now: () => number = Date.now): (key: string) => boolean {
  const last = new Map<string, number>();
  return (key) => {
    const time = now();
    const previous = last.get(key);
    if (previous !== undefined && time - previous < intervalMs) return false;
    last.set(key, time);
    if (last.size > 5_000) for (const [k, at] of last) if (time - at >= intervalMs) last.delete(k);
    return true;
  };
}

export function startCallbackListener(options: CallbackListenerOptions): CallbackListener {
  const log = options.log ?? (() => {});
  const gate = perKeyGate(options.minIntervalMs ?? 1_000, options.now);
  const backoff = options.backoffMs ?? { first: 250, max: 30_000 };
  let client: pg.Client | undefined;
  let key: string | undefined;
  let lastId = 0n;
  let listening = false;
  let closed = false;
  let delay = backoff.first;
  let timer: NodeJS.Timeout | undefined;
  let reading: Promise<void> = Promise.resolve();
  const waiters = new Set<() => void>();

  const setListening = (value: boolean) => {
    if (listening === value) return;
    listening = value;
    options.onState?.(value);
    if (value) for (const wake of waiters) wake();
  };

  /** Reads this till's callbacks after the last one seen; one read at a time, in order. */
  const catchUp = (connection: pg.Client) => {
    reading = reading.then(async () => {
      const rows = await connection.query<{ id: string; reference: string; received_at: Date }>('SELECT id, reference, received_at FROM hq.my_callbacks($1)', [lastId.toString()]);
      for (const row of rows.rows) {
        const id = BigInt(row.id);
        if (id > lastId) lastId = id;
        if (gate(row.reference)) options.onCallback(row.reference, row.received_at);
      }
    }).catch((error: unknown) => log(`Head-office callbacks: could not read: ${(error as Error).message}`));
    return reading;
  };

  const drop = (connection: pg.Client) => {
    if (client !== connection) return;
    client = undefined;
    setListening(false);
    connection.end().catch(() => {});
    schedule();
  };

  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, delay);
    delay = Math.min(backoff.max, delay * 2);
  };

  async function connect(): Promise<void> {
    if (closed) return;
    let connection: pg.Client;
    try {
      connection = await connectHeadOffice(options.url, { applicationName: 'momo-pos-callbacks', queryTimeoutMs: 10_000 });
    } catch (error) {
      log(`Head-office callbacks: cannot connect (${(error as Error).message}); retrying.`);
      return schedule();
    }
    if (closed) {
      await connection.end().catch(() => {});
      return;
    }
    try {
      const setup = (await connection.query<{ setup: { key: string; channel: string } | null }>('SELECT hq.my_callback_setup() AS setup')).rows[0]?.setup;
      if (!setup || !IDENT.test(setup.channel)) throw new Error('head office does not know this till');
      key = setup.key;
      client = connection;
      connection.on('error', () => drop(connection));
      connection.on('end', () => drop(connection));
      connection.on('notification', (message) => {
        if (message.channel === setup.channel) void catchUp(connection);
      });
      await connection.query(`LISTEN ${setup.channel}`);
      delay = backoff.first;
      setListening(true);
      await catchUp(connection);
    } catch (error) {
      log(`Head-office callbacks: ${(error as Error).message}; retrying.`);
      if (client === connection) drop(connection);
      else {
        await connection.end().catch(() => {});
        schedule();
      }
    }
  }

  void connect();

  return {
    listening: () => listening,
    callbackUrl: (reference) => (key ? callbackUrlFor(options.publicBase, key, reference) : undefined),
    ready(timeoutMs = 10_000) {
      if (listening) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const wake = () => {
          clearTimeout(limit);
          waiters.delete(wake);
          resolve();
        };
        const limit = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error('not listening yet'));
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const connection = client;
      client = undefined;
      setListening(false);
      await connection?.end().catch(() => {});
    },
  };
}

export interface CallbackRelay {
  /** This till's callback URL for a reference (undefined when not listening: no URL is put on requests then). */
  urlFor(referenceId: string): string | undefined;
  /** Polling may slow: listening, and no callback overdue in the last `overdueCooldownMs`. */
  trusted(): boolean;
  /** A poll found a final state no callback announced (lost, late or never sent): trust is withdrawn for a while. */
  missed(referenceId: string): void;
  /** Feed each callback heard here (before acting on it). */
  heard(referenceId: string): void;
  /** A callback's status call found the final state it announced. */
  confirmed(referenceId: string): void;
  /** Final states announced by callbacks in a row since the last miss (polling slows as it grows). */
  streak(): number;
  /** The listener, once started. */
  attach(listener: CallbackListener | undefined): void;
  /** An engine that takes hints (payments, refunds); returns its removal. */
  receive(hint: (referenceId: string) => Promise<boolean>): () => void;
  /**
   * A callback heard here: noted, then offered to every receiver. A reference
   * may be a payment's or a refund's; a receiver that does not know it does
   * nothing. Resolves whether any receiver made a status call.
   */
  deliver(referenceId: string): Promise<boolean>;
}

/**
 * What the payment engine sees of callbacks: the URL for a request, and
 * whether polling may slow. One overdue callback puts polling back on the
 * normal schedule for `overdueCooldownMs` (default 10 minutes), so lost
 * callbacks never leave a payment detected later than polling alone would.
 */
export function createCallbackRelay(options: { overdueCooldownMs?: number; missGraceMs?: number; now?: () => number } = {}): CallbackRelay {
  const now = options.now ?? Date.now;
  const cooldown = options.overdueCooldownMs ?? 10 * 60_000;
  // A poll and a callback for the same final state may cross: the callback is overdue only if it is still not heard this long after.
  const grace = options.missGraceMs ?? 2_000;
  const heardSet = new Map<string, number>();
  let listener: CallbackListener | undefined;
  let overdueAt = -Infinity;
  let streak = 0;
  const receivers = new Set<(referenceId: string) => Promise<boolean>>();
  const heard = (referenceId: string) => {
    heardSet.set(referenceId, now());
    if (heardSet.size > 2_000) for (const [key, at] of heardSet) if (now() - at > 60_000) heardSet.delete(key);
  };
  return {
    urlFor: (referenceId) => (listener?.listening() ? listener.callbackUrl(referenceId) : undefined),
    trusted: () => Boolean(listener?.listening()) && now() - overdueAt >= cooldown,
    missed(referenceId) {
      const wasHeard = () => {
        const at = heardSet.get(referenceId);
        return at !== undefined && now() - at <= 60_000;
      };
      const overdue = () => {
        if (wasHeard()) return;
        overdueAt = now();
        streak = 0;
      };
      if (wasHeard()) return;
      if (grace <= 0) return overdue();
      setTimeout(overdue, grace).unref?.();
    },
    heard,
    confirmed() {
      streak += 1;
    },
    streak: () => streak,
    attach(next) {
      listener = next;
      // A new listener (or none) earns trust again from the start.
      streak = 0;
    },
    receive(hint) {
      receivers.add(hint);
      return () => void receivers.delete(hint);
    },
    async deliver(referenceId) {
      heard(referenceId);
      const answers = await Promise.all([...receivers].map((hint) => hint(referenceId)));
      return answers.some(Boolean);
    },
  };
}

/** Variable naming head office's public callback base, e.g. https://hq.example.com (where `hq serve` is reachable). */
export const HQ_CALLBACK_BASE_VARIABLE = 'MOMO_POS_HQ_CALLBACK_BASE';

/**
 * Why this base cannot carry callbacks, or undefined. MTN calls back in
 * production only over HTTPS with a certificate from a public CA; plain http
 * is accepted only on loopback, for the sandbox simulator.
 */
export function callbackBaseProblem(base: string, targetEnvironment: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    return `The callback address "${base}" is not a URL such as https://hq.example.com.`;
  }
  if (parsed.protocol === 'https:') return undefined;
  const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost' || parsed.hostname === '[::1]';
  if (parsed.protocol === 'http:' && loopback && targetEnvironment === 'sandbox') return undefined;
  return 'MoMo calls back only over HTTPS with a certificate from a public authority: give head office an https:// address (plain http works only for the simulator on this computer).';
}

/** What a till needs to listen: its head-office URL (its own role), head office's public callback base, the MoMo target. */
export interface TillCallbackConfig {
  hqUrl: string;
  base: string;
  targetEnvironment: string;
}

export interface TillCallbacks {
  /** Reads the configuration again: starts, restarts or stops listening when it changed. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/** What the set-up wizard shows for this base: the host and URL to register in MTN's partner portal, or why callbacks are off. */
export function callbackRegistration(base: string | undefined, targetEnvironment: string): CallbackRegistration {
  if (!base?.trim()) return { state: 'off', reason: 'notSet' };
  if (callbackBaseProblem(base, targetEnvironment)) return { state: 'off', reason: 'notHttps' };
  return { state: 'on', host: new URL(base).hostname, url: `${base.replace(/\/+$/, '')}${CALLBACK_PATH}/` };
}

/**
 * A live till's callbacks, following its configuration: listening starts
 * once the till is live with head office and a valid public base (no
 * restart), restarts when any of them changes and stops when one goes.
 * Each callback is delivered through the relay (payments and refunds). The
 * configuration is read at start, on `refresh()`, and every `recheckMs`
 * (default 30 s: head office's address can change in Settings).
 */
export function startTillCallbacks(options: {
  relay: CallbackRelay;
  /** The configuration now, or undefined when the till is not live with head office. */
  config: () => Promise<TillCallbackConfig | undefined>;
  log?: (line: string) => void;
  recheckMs?: number;
  /** Reconnect backoff of the listener (tests shorten it). */
  backoffMs?: { first: number; max: number };
}): TillCallbacks {
  const log = options.log ?? (() => {});
  let listener: CallbackListener | undefined;
  let current = '';
  let closed = false;
  let chain: Promise<void> = Promise.resolve();

  const stopListening = async () => {
    const previous = listener;
    listener = undefined;
    options.relay.attach(undefined);
    await previous?.close();
  };

  const apply = async () => {
    let config: TillCallbackConfig | undefined;
    try {
      config = await options.config();
    } catch (error) {
      log(`Head-office callbacks: ${(error as Error).message}`);
      return;
    }
    if (closed) return;
    const problem = config ? callbackBaseProblem(config.base, config.targetEnvironment) : undefined;
    const wanted = config ? JSON.stringify([config.hqUrl, config.base, config.targetEnvironment]) : '';
    if (wanted === current) return;
    if (problem) log(`Head-office callbacks are off: ${problem}`);
    current = wanted;
    await stopListening();
    if (!config || problem) return;
    listener = startCallbackListener({
      url: config.hqUrl,
      publicBase: config.base,
      onCallback: (referenceId) => void options.relay.deliver(referenceId).catch((error: unknown) => log(`callback ${referenceId}: ${String(error)}`)),
      log,
      ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
    });
    options.relay.attach(listener);
  };

  const refresh = () => {
    chain = chain.then(apply, apply);
    return chain;
  };
  const timer = setInterval(() => void refresh(), options.recheckMs ?? 30_000);
  timer.unref();
  void refresh();

  return {
    refresh,
    async close() {
      closed = true;
      clearInterval(timer);
      await chain.catch(() => {});
      current = '';
      await stopListening();
    },
  };
}

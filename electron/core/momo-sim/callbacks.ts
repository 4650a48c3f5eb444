/**
 * The simulator's callbacks: once a transaction that carried `X-Callback-Url`
 * is final, MoMo calls that URL (POST for v1 operations, PUT for v2) with a
 * body like the status answer and no reference id. Callbacks are unsigned and
 * MTN's own pages disagree on retries, so the simulator also plays the ways
 * they go wrong: never sent, sent twice, sent late, or lost at random.
 */
import http from 'node:http';
import https from 'node:https';

export type CallbackFault = 'never' | 'twice' | 'late';

export interface CallbackOptions {
  /** What happens to every callback (default: sent once, at the final state). */
  fault?: CallbackFault;
  /** For 'late': how long after the final state (default 5000 ms). For 'twice': the gap between the two (default 200 ms). */
  delayMs?: number;
  /** 0..1: each callback is lost with this probability (the bench's "20 % lost"). */
  lossRate?: number;
  /** Extra CA certificates to trust for https callback URLs (tests make their own CA). */
  ca?: string | Buffer;
  random?: () => number;
}

export interface SentCallback {
  url: string;
  method: 'POST' | 'PUT';
  body: unknown;
  /** Wall-clock ms when sent. */
  sentAt: number;
  /** The HTTP status the receiver answered, or 0 when it could not be reached. */
  answer: number;
}

export interface CallbackPlayer {
  /** Plays the callback of one transaction: `body()` is read when it is sent, so it is the final state. */
  schedule(url: string, version: 1 | 2, inMs: number, body: () => unknown): void;
  sent(): SentCallback[];
  close(): void;
}

const SEND_TIMEOUT_MS = 5_000;
const MAX_KEPT = 10_000;

export function createCallbackPlayer(options: CallbackOptions = {}): CallbackPlayer {
  const timers = new Set<NodeJS.Timeout>();
  const log: SentCallback[] = [];
  const random = options.random ?? Math.random;
  let closed = false;

  function later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) action();
    }, Math.max(0, ms));
    timers.add(timer);
  }

  function send(url: string, method: 'POST' | 'PUT', body: unknown): void {
    const text = JSON.stringify(body);
    const entry: SentCallback = { url, method, body, sentAt: Date.now(), answer: 0 };
    log.push(entry);
    if (log.length > MAX_KEPT) log.shift();
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return;
    }
    const transport = target.protocol === 'https:' ? https : http;
    const request = transport.request(
      target,
      {
        method,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) },
        timeout: SEND_TIMEOUT_MS,
        ...(target.protocol === 'https:' && options.ca ? { ca: options.ca } : {}),
      },
      (response) => {
        entry.answer = response.statusCode ?? 0;
        response.resume();
      },
    );
    // MoMo does not care whether the receiver is there: a callback nobody takes is simply lost.
    request.on('error', () => undefined);
    request.on('timeout', () => request.destroy());
    request.end(text);
  }

  return {
    schedule(url, version, inMs, body) {
      const method = version === 2 ? 'PUT' : 'POST';
      if (options.fault === 'never') return;
      if (options.lossRate && random() < options.lossRate) return;
      const wait = inMs;
      if (options.fault === 'late') return later(wait + (options.delayMs ?? 5_000), () => send(url, method, body()));
      later(wait, () => send(url, method, body()));
      if (options.fault === 'twice') later(wait + (options.delayMs ?? 200), () => send(url, method, body()));
    },
    sent: () => [...log],
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

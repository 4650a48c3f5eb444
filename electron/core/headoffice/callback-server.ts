/**
 * `hq serve`: head office receives MoMo's callbacks for its tills.
 *
 * The URL names the till (its unguessable callback key) and the reference:
 * `/momo/callback/<key>/<reference>`. POST (v1) and PUT (v2) are accepted
 * with any body up to CALLBACK_BODY_LIMIT; each is recorded as received in
 * `hq.callbacks` and the till is woken through NOTIFY. Callbacks are unsigned
 * and carry no reference: nothing here trusts the body, the till asks MoMo.
 * Unknown keys get 404 and nothing is stored; every client address and every
 * till is rate-limited.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { checkUrl } from './connection';

export const CALLBACK_BODY_LIMIT = 8 * 1024;
export const CALLBACK_PATH = '/momo/callback';
const PATH = /^\/momo\/callback\/([0-9a-f]{32})\/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\/?$/;

export interface CallbackServerOptions {
  /** The owner's URL (records through hq.record_callback). */
  url: string;
  /** Default 127.0.0.1: put a reverse proxy with a public certificate in front, or give TLS below. */
  host?: string;
  port?: number;
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Requests per second per client address (default 50, bursts of twice that). */
  perAddressPerSecond?: number;
  /** Requests per second per till (default 20, bursts of twice that). */
  perTillPerSecond?: number;
  log?: (line: string) => void;
  /** Each recorded callback, once answered 200: when its request arrived and when it was answered (performance.now()); the bench's clock. */
  observe?: (reference: string, arrivedAt: number, answeredAt: number) => void;
}

export interface CallbackServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  port: number;
  /** `batched`: callbacks written together with others in one statement. */
  stats(): { received: number; recorded: number; unknown: number; limited: number; refused: number; batched: number };
  close(): Promise<void>;
}

/** A token bucket per key, forgotten once full again (memory stays bounded by the active keys). */
function rateLimiter(perSecond: number, now: () => number = Date.now) {
  const burst = perSecond * 2;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (key: string): boolean => {
    const time = now();
    const bucket = buckets.get(key) ?? { tokens: burst, at: time };
    bucket.tokens = Math.min(burst, bucket.tokens + ((time - bucket.at) / 1000) * perSecond);
    bucket.at = time;
    if (buckets.size > 10_000) {
      for (const [k, b] of buckets) if (b.tokens + ((time - b.at) / 1000) * perSecond >= burst) buckets.delete(k);
    }
    if (bucket.tokens < 1) {
      buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= 1;
    buckets.set(key, bucket);
    return true;
  };
}

/** Callbacks written together in one statement (one commit, one NOTIFY round for every listening till). */
const BATCH_LIMIT = 200;
/** Statements in flight at once; what arrives meanwhile waits for the next one (group commit). */
const WRITERS = 2;
const RECORD_ONE = 'SELECT hq.record_callback($1, $2, $3, $4) AS id';
const RECORD_MANY =
  'SELECT hq.record_callback(k, r, m, b) AS id FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS x(k, r, m, b, n) ORDER BY n';

interface Arrival {
  key: string;
  reference: string;
  method: string;
  body: string;
  done(id: string | null): void;
  failed(error: unknown): void;
}

/**
 * Records callbacks in batches: the first goes at once; those arriving while
 * WRITERS statements are in flight go together in the next. Every commit that
 * NOTIFYs wakes every listening till's backend at head office, so a hundred
 * callbacks in one commit cost the fleet one wake-up instead of a hundred.
 * A batch that fails is written again one by one, so a bad callback costs
 * only its own sender.
 */
function callbackWriter(pool: pg.Pool, counters: { batched: number }): (arrival: Omit<Arrival, 'done' | 'failed'>) => Promise<string | null> {
  const queue: Arrival[] = [];
  let writing = 0;
  const one = async (item: Arrival) => {
    try {
      item.done((await pool.query<{ id: string | null }>(RECORD_ONE, [item.key, item.reference, item.method, item.body])).rows[0]?.id ?? null);
    } catch (error) {
      item.failed(error);
    }
  };
  const write = async (batch: Arrival[]) => {
    if (batch.length === 1) return one(batch[0]!);
    try {
      const columns = [batch.map((item) => item.key), batch.map((item) => item.reference), batch.map((item) => item.method), batch.map((item) => item.body)];
      const result = await pool.query<{ id: string | null }>(RECORD_MANY, columns);
      counters.batched += batch.length;
      batch.forEach((item, index) => item.done(result.rows[index]?.id ?? null));
    } catch {
      for (const item of batch) await one(item);
    }
  };
  const pump = () => {
    while (writing < WRITERS && queue.length > 0) {
      const batch = queue.splice(0, BATCH_LIMIT);
      writing += 1;
      void write(batch).finally(() => {
        writing -= 1;
        pump();
      });
    }
  };
  return (arrival) =>
    new Promise((resolve, reject) => {
      queue.push({ ...arrival, done: resolve, failed: reject });
      pump();
    });
}

export async function startCallbackServer(options: CallbackServerOptions): Promise<CallbackServer> {
  // synchronous_commit off for these sessions only: a callback is a hint (the till asks MoMo anyway, and polls), so
  // losing the last few milliseconds of them in a crash costs nothing, while waiting for the disk on each costs every till.
  // Connections stay open (idleTimeoutMillis 0): a callback never waits for a new connection's authentication.
  const pool = new pg.Pool({
    connectionString: checkUrl(options.url),
    max: WRITERS + 1,
    idleTimeoutMillis: 0,
    application_name: 'momo-pos-hq-serve',
    connectionTimeoutMillis: 5_000,
    options: '-c synchronous_commit=off',
  });
  pool.on('error', () => {});
  // Opened before the first callback; if head office is down now, the first callbacks open them (503 until it is back).
  await Promise.all(Array.from({ length: WRITERS }, () => pool.connect())).then(
    (clients) => clients.forEach((client) => client.release()),
    (error: unknown) => (options.log ?? (() => {}))(`hq serve: head office is not reachable yet (${(error as Error).message}); callbacks get 503 until it is.`),
  );
  const log = options.log ?? (() => {});
  const byAddress = rateLimiter(options.perAddressPerSecond ?? 50);
  const byTill = rateLimiter(options.perTillPerSecond ?? 20);
  const counters = { received: 0, recorded: 0, unknown: 0, limited: 0, refused: 0, batched: 0 };
  const record = callbackWriter(pool, counters);

  const answer = (response: http.ServerResponse, status: number) => {
    if (response.writableEnded) return;
    response.writeHead(status, { 'Content-Length': 0, Connection: status === 200 ? 'keep-alive' : 'close' }).end();
  };

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const arrivedAt = performance.now();
    counters.received += 1;
    if (!byAddress(request.socket.remoteAddress ?? '?')) {
      counters.limited += 1;
      return answer(response, 429);
    }
    if (request.method !== 'POST' && request.method !== 'PUT') {
      counters.refused += 1;
      return answer(response, 405);
    }
    const match = PATH.exec(new URL(request.url ?? '/', 'http://x').pathname);
    if (!match) {
      counters.refused += 1;
      return answer(response, 404);
    }
    const [, key, reference] = match as unknown as [string, string, string];
    if (!byTill(key)) {
      counters.limited += 1;
      return answer(response, 429);
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > CALLBACK_BODY_LIMIT) {
      counters.refused += 1;
      return answer(response, 413);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > CALLBACK_BODY_LIMIT) {
        counters.refused += 1;
        answer(response, 413);
        request.socket.destroy();
        return;
      }
      chunks.push(chunk);
    }
    // Kept as text: PostgreSQL text cannot hold NUL, which no honest callback carries.
    const body = Buffer.concat(chunks).toString('utf8').replaceAll('\u0000', '');
    const id = await record({ key, reference, method: request.method, body });
    if (id == null) {
      counters.unknown += 1;
      return answer(response, 404);
    }
    counters.recorded += 1;
    answer(response, 200);
    options.observe?.(reference, arrivedAt, performance.now());
  }

  const listener: http.RequestListener = (request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`hq serve: could not record a callback: ${(error as Error).message}`);
      answer(response, 503);
    });
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, listener) : http.createServer(listener);
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    origin: `${options.tls ? 'https' : 'http'}://${host}:${address.port}`,
    port: address.port,
    stats: () => ({ ...counters }),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool.end();
    },
  };
}

/** The callback URL of one till and reference under head office's public base URL. */
export function callbackUrlFor(publicBase: string, key: string, reference: string): string {
  return `${publicBase.replace(/\/+$/, '')}${CALLBACK_PATH}/${key}/${reference}`;
}

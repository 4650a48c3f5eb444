/**
 * Browser mode: the same router over HTTP + Server-Sent Events, on
 * 127.0.0.1 only, guarded by a random per-launch token.
 *
 * The printed URL carries the token (`/?token=…`), good for ONE exchange:
 * the server answers with an HttpOnly, SameSite=Strict cookie holding a
 * separate random session id and redirects to `/`, so the token never sits
 * in the address bar or in the renderer's JavaScript, and a copy of the
 * address opens nothing once used. The cookie's name carries the server's
 * port and purpose (browsers do not separate cookies by port): POS and head
 * office side by side in one browser each keep their own.
 * Scripts and tests may send `Authorization: Bearer <apiToken>` when the
 * server was started with one (never the printed token).
 * Each session is one caller for the router (its manager grant is its own).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Router } from '../api';
import type { EventBus } from '../events';
import { keyedFailure } from '../../../shared/errors';

export const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 64 * 1024;

/** Strict CSP for the renderer: no inline scripts, no remote anything. Inline styles only for the receipt preview. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' about: data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface WebServerOptions {
  router: Router;
  events: EventBus;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  /** The printed token (random unless given): one exchange for a session cookie. */
  token?: string;
  /** A bearer token for scripts and tests; none: bearer calls are refused. */
  apiToken?: string;
  /** The cookie's name before its port: 'momo_pos' (default), 'momo_hq'. */
  cookiePrefix?: string;
  heartbeatMs?: number;
}

export interface WebServer {
  url: string;
  /** The URL to open once: it carries the token. */
  openUrl: string;
  port: number;
  close(): Promise<void>;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, cookie: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookie) return rest.join('=');
  }
  return undefined;
}

/** The router's name for a session: derived from its id, never the id itself (which opens the door). */
const callerOfSession = (session: string) => `web:${createHash('sha256').update(session).digest('base64url').slice(0, 22)}`;

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('Request body too large.'), { status: 413 }));
        req.removeAllListeners('data');
        req.resume(); // discard the rest; the socket is closed once the 413 is sent
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let tokenUsed = false;
  /** Session ids handed out in cookies (this run only: a restart signs every browser out). */
  const sessions = new Set<string>();
  const staticRoot = path.resolve(options.staticDir);
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const streams = new Set<http.ServerResponse>();
  let port = 0;
  let cookie = '';

  /** The caller's id for the router, or undefined when the request carries no valid session or api token. */
  const callerOf = (req: http.IncomingMessage): string | undefined => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer !== undefined) return options.apiToken !== undefined && sameSecret(bearer, options.apiToken) ? 'web:api-token' : undefined;
    const session = cookieValue(req.headers.cookie, cookie);
    return session !== undefined && sessions.has(session) ? callerOfSession(session) : undefined;
  };

  // DNS-rebinding guard: only our own loopback host names are served.
  const hostAllowed = (req: http.IncomingMessage): boolean => {
    const host = req.headers.host ?? '';
    return host === `${LOOPBACK}:${port}` || host === `localhost:${port}`;
  };

  const serveStatic = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void => {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(staticRoot, relative);
    if (!file.startsWith(staticRoot + path.sep)) return sendJson(res, 404, keyedFailure('NOT_FOUND', 'error.web.notFound'));
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return sendJson(res, 404, keyedFailure('NOT_FOUND', 'error.web.notFound'));
    }
    if (!stat.isFile()) return sendJson(res, 404, keyedFailure('NOT_FOUND', 'error.web.notFound'));
    res.writeHead(200, {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'content-length': stat.size,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  };

  const server = http.createServer(async (req, res) => {
    try {
      if (!hostAllowed(req)) return sendJson(res, 421, keyedFailure('BAD_HOST', 'error.web.unknownHost'));
      const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
      try {
        decodeURIComponent(url.pathname);
      } catch {
        return sendJson(res, 404, keyedFailure('NOT_FOUND', 'error.web.notFound'));
      }

      // First visit: trade the token in the URL, once, for a session cookie, then drop it from the address bar.
      const offered = url.searchParams.get('token');
      if (req.method === 'GET' && url.pathname === '/' && offered !== null) {
        // Already signed in here (a reload of the printed address): the page, not a second session.
        if (callerOf(req) !== undefined) {
          res.writeHead(302, { location: '/', 'cache-control': 'no-store' });
          return void res.end();
        }
        if (tokenUsed || !sameSecret(offered, token)) {
          return sendJson(res, 401, keyedFailure('UNAUTHORIZED', 'error.web.tokenUsed'));
        }
        tokenUsed = true;
        const session = randomBytes(32).toString('base64url');
        sessions.add(session);
        res.writeHead(302, {
          location: '/',
          'set-cookie': `${cookie}=${session}; HttpOnly; SameSite=Strict; Path=/`,
          'cache-control': 'no-store',
        });
        return void res.end();
      }
      const caller = callerOf(req);
      if (caller === undefined) {
        return sendJson(res, 401, keyedFailure('UNAUTHORIZED', 'error.web.noSession'));
      }

      if (url.pathname.startsWith('/api/call/')) {
        if (req.method !== 'POST') return sendJson(res, 405, keyedFailure('METHOD_NOT_ALLOWED', 'error.web.usePost'));
        const origin = req.headers.origin;
        if (origin !== undefined && origin !== `http://${LOOPBACK}:${port}` && origin !== `http://localhost:${port}`) {
          return sendJson(res, 403, keyedFailure('FORBIDDEN', 'error.web.crossOrigin'));
        }
        let input: unknown;
        try {
          const text = await readBody(req);
          input = text.trim() === '' ? {} : JSON.parse(text);
        } catch (error) {
          const status = (error as { status?: number }).status ?? 400;
          if (status === 413) res.setHeader('connection', 'close');
          return sendJson(res, status, status === 413 ? keyedFailure('TOO_LARGE', 'error.web.tooLarge', { max: MAX_BODY_BYTES / 1024 }) : keyedFailure('BAD_REQUEST', 'error.web.notJson'));
        }
        const method = decodeURIComponent(url.pathname.slice('/api/call/'.length));
        return sendJson(res, 200, await options.router.call(method, input, { id: caller }));
      }

      if (url.pathname === '/api/events') {
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        // The hello says how often the heartbeat comes, so the page can tell a hung service from a quiet one.
        res.write(`retry: 1000\n\ndata: ${JSON.stringify({ type: 'hello', heartbeatMs })}\n\n`);
        streams.add(res);
        const unsubscribe = options.events.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
        // A named event (not a comment): EventSource shows it to the page, which watches for it.
        const heartbeat = setInterval(() => res.write('event: heartbeat\ndata: {}\n\n'), heartbeatMs);
        heartbeat.unref();
        req.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
          streams.delete(res);
        });
        return;
      }

      if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(req, res, url.pathname);
      return sendJson(res, 405, keyedFailure('METHOD_NOT_ALLOWED', 'error.web.methodNotAllowed'));
    } catch {
      if (!res.headersSent) sendJson(res, 500, keyedFailure('INTERNAL', 'error.internal'));
      else res.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // Browsers share cookies across ports of one host: the port in the name keeps each server's own.
  cookie = `${options.cookiePrefix ?? 'momo_pos'}_${port}`;
  const url = `http://${LOOPBACK}:${port}`;
  return {
    url,
    openUrl: `${url}/?token=${token}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

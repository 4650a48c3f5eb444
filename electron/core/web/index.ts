/**
 * Browser mode: the same router over HTTP + Server-Sent Events, on
 * 127.0.0.1 only, guarded by a random per-launch token.
 *
 * The printed URL carries the token once (`/?token=…`); the server answers
 * with an HttpOnly, SameSite=Strict cookie and redirects to `/`, so the
 * token never sits in the address bar or in the renderer's JavaScript.
 * API calls may also send `Authorization: Bearer <token>` (tests, scripts).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Router } from '../api';
import type { EventBus } from '../events';

export const LOOPBACK = '127.0.0.1';
const COOKIE = 'momo_pos_token';
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
  token?: string;
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

function cookieToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}

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
  const staticRoot = path.resolve(options.staticDir);
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const streams = new Set<http.ServerResponse>();
  let port = 0;

  const authorised = (req: http.IncomingMessage): boolean => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const given = bearer ?? cookieToken(req.headers.cookie);
    return given !== undefined && sameSecret(given, token);
  };

  // DNS-rebinding guard: only our own loopback host names are served.
  const hostAllowed = (req: http.IncomingMessage): boolean => {
    const host = req.headers.host ?? '';
    return host === `${LOOPBACK}:${port}` || host === `localhost:${port}`;
  };

  const serveStatic = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void => {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(staticRoot, relative);
    if (!file.startsWith(staticRoot + path.sep)) return sendJson(res, 404, { ok: false, code: 'NOT_FOUND', message: 'Not found.' });
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return sendJson(res, 404, { ok: false, code: 'NOT_FOUND', message: 'Not found.' });
    }
    if (!stat.isFile()) return sendJson(res, 404, { ok: false, code: 'NOT_FOUND', message: 'Not found.' });
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
      if (!hostAllowed(req)) return sendJson(res, 421, { ok: false, code: 'BAD_HOST', message: 'Unknown host.' });
      const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
      try {
        decodeURIComponent(url.pathname);
      } catch {
        return sendJson(res, 404, { ok: false, code: 'NOT_FOUND', message: 'Not found.' });
      }

      // First visit: trade the token in the URL for a cookie, then drop it from the address bar.
      const offered = url.searchParams.get('token');
      if (req.method === 'GET' && url.pathname === '/' && offered !== null) {
        if (!sameSecret(offered, token)) return sendJson(res, 401, { ok: false, code: 'UNAUTHORIZED', message: 'Wrong or missing token.' });
        res.writeHead(302, {
          location: '/',
          'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          'cache-control': 'no-store',
        });
        return void res.end();
      }
      if (!authorised(req)) {
        return sendJson(res, 401, { ok: false, code: 'UNAUTHORIZED', message: 'Open the address printed by `npm run web` (it carries the access token).' });
      }

      if (url.pathname.startsWith('/api/call/')) {
        if (req.method !== 'POST') return sendJson(res, 405, { ok: false, code: 'METHOD_NOT_ALLOWED', message: 'Use POST.' });
        const origin = req.headers.origin;
        if (origin !== undefined && origin !== `http://${LOOPBACK}:${port}` && origin !== `http://localhost:${port}`) {
          return sendJson(res, 403, { ok: false, code: 'FORBIDDEN', message: 'Cross-origin calls are refused.' });
        }
        let input: unknown;
        try {
          const text = await readBody(req);
          input = text.trim() === '' ? {} : JSON.parse(text);
        } catch (error) {
          const status = (error as { status?: number }).status ?? 400;
          if (status === 413) res.setHeader('connection', 'close');
          return sendJson(res, status, { ok: false, code: status === 413 ? 'TOO_LARGE' : 'BAD_REQUEST', message: status === 413 ? 'Request too large.' : 'The request body is not valid JSON.' });
        }
        const method = decodeURIComponent(url.pathname.slice('/api/call/'.length));
        return sendJson(res, 200, await options.router.call(method, input));
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
      return sendJson(res, 405, { ok: false, code: 'METHOD_NOT_ALLOWED', message: 'Not allowed.' });
    } catch {
      if (!res.headersSent) sendJson(res, 500, { ok: false, code: 'INTERNAL', message: 'Something went wrong.' });
      else res.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
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

import net from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/core/api';
import { createEventBus } from '../../../electron/core/events';
import { startWebServer, type WebServer } from '../../../electron/core/web';
import { startHeadOfficeWeb } from '../../../electron/core/headoffice';
import { describeFailure } from '../../../shared/error-text';

let server: WebServer;
const events = createEventBus();
const token = 'test-token-for-browser-mode';
const apiToken = 'test-api-token-for-scripts-only';

beforeAll(async () => {
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>MoMo POS</title>');
  const router = createRouter([{ 'app.info': () => ({ version: '0', mode: 'training', targetEnvironment: 'sandbox', country: 'RW', currency: 'RWF', merchantName: 'Shop', language: 'en', quickAmounts: [], dataDirKind: 'custom', transport: 'http' }) }]);
  server = await startWebServer({ router, events, staticDir, token, apiToken, port: 0 });
});
afterAll(() => server.close());

const call = (method: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/call/${method}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('browser mode server', () => {
  it('refuses API calls, the event stream and the page without the token', async () => {
    const noToken = await call('app.info', '{}');
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
    expect((await call('app.info', '{}', { authorization: 'Bearer wrong-token-of-same-size!' })).status).toBe(401);
    expect((await fetch(`${server.url}/api/events`)).status).toBe(401);
    expect((await fetch(`${server.url}/`)).status).toBe(401);
    expect((await fetch(`${server.url}/?token=nope`, { redirect: 'manual' })).status).toBe(401);
  });

  it('answers the api token as a bearer header (never the printed one), and the session cookie the printed token buys ONCE', async () => {
    const withBearer = await call('app.info', '{}', { authorization: `Bearer ${apiToken}` });
    expect(await withBearer.json()).toMatchObject({ ok: true, data: { currency: 'RWF' } });
    expect((await call('app.info', '{}', { authorization: `Bearer ${token}` })).status).toBe(401);
    const first = await fetch(server.openUrl, { redirect: 'manual' });
    expect(first.status).toBe(302);
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    // The cookie is named for this server's port and carries a session id of its own, not the token.
    const [name, value] = cookie.split(';')[0]!.split('=') as [string, string];
    expect(name).toBe(`momo_pos_${server.port}`);
    expect(value).not.toContain(token);
    expect(value.length).toBeGreaterThanOrEqual(40);
    const page = await fetch(`${server.url}/`, { headers: { cookie: `${name}=${value}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    // The printed address again: a second browser (or a copy of the address) gets nothing; the signed-in one just gets the page.
    const again = await fetch(server.openUrl, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toBeNull();
    const reload = await fetch(server.openUrl, { redirect: 'manual', headers: { cookie: `${name}=${value}` } });
    expect(reload.status).toBe(302);
    expect(reload.headers.get('set-cookie')).toBeNull();
    // The token as a cookie value, or the cookie under the old shared name, opens nothing.
    expect((await fetch(`${server.url}/`, { headers: { cookie: `${name}=${token}` } })).status).toBe(401);
    expect((await fetch(`${server.url}/`, { headers: { cookie: `momo_pos_token=${value}` } })).status).toBe(401);
  });

  it('turns bad input into a typed error, never a crash', async () => {
    const auth = { authorization: `Bearer ${apiToken}` };
    expect(await (await call('app.info', '{not json', auth)).json()).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(await (await call('app.info', '{"extra":1}', auth)).json()).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(await (await call('no.such', '{}', auth)).json()).toMatchObject({ ok: false, code: 'UNKNOWN_METHOD' });
    expect(await (await call('sale.charge', '{"phone":"x","amount":"1"}', auth)).json()).toMatchObject({ ok: false, code: 'NOT_IMPLEMENTED' });
    for (const broken of ['%', '%E0%A4%A']) expect((await call(broken, '{}', auth)).status).toBe(404);
    const huge = await call('app.info', JSON.stringify({ pad: 'x'.repeat(200_000) }), auth);
    expect(huge.status).toBe(413);
  });

  it('refuses foreign Host headers (DNS rebinding) and cross-origin calls', async () => {
    const raw = await new Promise<string>((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.end(`GET / HTTP/1.1\r\nHost: evil.example:${server.port}\r\nAuthorization: Bearer ${apiToken}\r\nConnection: close\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 421/);
    const crossOrigin = await call('app.info', '{}', { authorization: `Bearer ${apiToken}`, origin: 'http://evil.example' });
    expect(crossOrigin.status).toBe(403);
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    // 127.0.0.2 reaches this machine's loopback too: a server bound to every address would answer there.
    const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      const socket = net.connect(server.port, '127.0.0.2');
      socket.on('connect', () => {
        socket.destroy();
        resolve(undefined);
      });
      socket.on('error', (e) => resolve(e));
    });
    expect(error?.code).toBe('ECONNREFUSED');
  });

  it('streams events over SSE, starting with hello', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/events`, { headers: { authorization: `Bearer ${apiToken}` }, signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('"hello"')) text += decoder.decode((await reader.read()).value);
    events.emit({ type: 'settings.changed' });
    while (!text.includes('settings.changed')) text += decoder.decode((await reader.read()).value);
    controller.abort();
    expect(text).toContain('data: {"type":"settings.changed"}');
  });
});

describe('every refusal over HTTP carries a catalogue key (the browser says it in its language)', () => {
  /** The answer's status, code and key as asserted; its sentence exists in every language and differs from the English in French. */
  async function keyed(response: Response | string, status: number, code: string, key: string) {
    let body: unknown;
    if (typeof response === 'string') {
      expect(response).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      body = JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));
    } else {
      expect(response.status, key).toBe(status);
      body = await response.json();
    }
    expect(body).toMatchObject({ ok: false, code, key });
    const failure = body as { code: string; message: string; key: string; params?: Record<string, string | number> };
    expect(failure.message).toBe(describeFailure(failure, 'en').sentence);
    expect(describeFailure(failure, 'fr').sentence).not.toBe(failure.message);
    expect(describeFailure(failure, 'rw').sentence).not.toBe(failure.message);
  }
  const auth = { authorization: `Bearer ${apiToken}` };
  const rawGet = (host: string) =>
    new Promise<string>((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.end(`GET / HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${apiToken}\r\nConnection: close\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
    });

  it('the web server’s own answers: host, session, method, origin, body, path', async () => {
    await keyed(await rawGet(`evil.example:${server.port}`), 421, 'BAD_HOST', 'error.web.unknownHost');
    await keyed(await call('app.info', '{}'), 401, 'UNAUTHORIZED', 'error.web.noSession');
    await keyed(await fetch(`${server.url}/?token=nope`, { redirect: 'manual' }), 401, 'UNAUTHORIZED', 'error.web.tokenUsed');
    await keyed(await fetch(`${server.url}/api/call/app.info`, { headers: auth }), 405, 'METHOD_NOT_ALLOWED', 'error.web.usePost');
    await keyed(await fetch(`${server.url}/`, { method: 'PUT', headers: auth }), 405, 'METHOD_NOT_ALLOWED', 'error.web.methodNotAllowed');
    await keyed(await call('app.info', '{}', { ...auth, origin: 'http://evil.example' }), 403, 'FORBIDDEN', 'error.web.crossOrigin');
    await keyed(await call('app.info', '{not json', auth), 400, 'BAD_REQUEST', 'error.web.notJson');
    const huge = await call('app.info', JSON.stringify({ pad: 'x'.repeat(200_000) }), auth);
    await keyed(huge, 413, 'TOO_LARGE', 'error.web.tooLarge');
    await keyed(await fetch(`${server.url}/no-such-file.js`, { headers: auth }), 404, 'NOT_FOUND', 'error.web.notFound');
    await keyed(await fetch(`${server.url}/%E0%A4%A`, { headers: auth }), 404, 'NOT_FOUND', 'error.web.notFound');
    await keyed(await fetch(`${server.url}/assets`, { headers: auth }), 404, 'NOT_FOUND', 'error.web.notFound');
  });

  it('the router’s door: an unknown method and one this build does not serve', async () => {
    await keyed(await call('no.such', '{}', auth), 200, 'UNKNOWN_METHOD', 'error.unknownMethod');
    await keyed(await call('sale.charge', '{"phone":"x","amount":"1"}', auth), 200, 'NOT_IMPLEMENTED', 'error.notImplemented');
  });

  it('a router that throws: 500 with the one generic sentence', async () => {
    const staticDir = mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
    const broken = await startWebServer({ router: { served: () => [], call: () => Promise.reject(new Error('boom')) }, events, staticDir, apiToken, port: 0 });
    try {
      const answer = await fetch(`${broken.url}/api/call/app.info`, { method: 'POST', body: '{}', headers: auth });
      await keyed(answer, 500, 'INTERNAL', 'error.internal');
    } finally {
      await broken.close();
    }
  });

  it('head office’s page: an unknown method and a day not written YYYY-MM-DD', async () => {
    const hq = await startHeadOfficeWeb({ url: 'postgres://nobody@127.0.0.1:9/none', port: 0 });
    try {
      const signIn = await fetch(hq.openUrl, { redirect: 'manual' });
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const hqCall = (method: string, body: string) => fetch(`${hq.url}/api/call/${method}`, { method: 'POST', body, headers: { 'content-type': 'application/json', cookie } });
      await keyed(await hqCall('nope', '{}'), 200, 'UNKNOWN_METHOD', 'error.unknownMethod');
      const badDay = await hqCall('day', '{"date":"10/03/2025"}');
      expect(await badDay.clone().json()).toMatchObject({ field: 'date' });
      await keyed(badDay, 200, 'VALIDATION', 'error.till.dayWrittenYyyyMm');
      // The page has no catalogue: its words come with the refusals it can meet, in its language.
      const words = (await (await hqCall('words', '{"language":"fr"}')).json()) as { data: { refusals: Record<string, string> } };
      expect(words.data.refusals['error.till.dayWrittenYyyyMm']).toBe('Un jour s’écrit AAAA-MM-JJ.');
      // Head office's database away: its sentence travels with its facts, and the page has it in French to fill them in.
      const away = await hqCall('day', '{"date":"2025-03-10"}');
      expect(await away.clone().json()).toMatchObject({ params: { where: 'postgres://nobody@127.0.0.1:9/none' } });
      await keyed(away, 200, 'HEAD_OFFICE', 'error.headoffice.unreachable');
      expect(words.data.refusals['error.headoffice.unreachable']).toBe('Le siège à {where} n’a pas pu être joint ou a répondu par une erreur : {detail}');
    } finally {
      await hq.close();
    }
  });
});

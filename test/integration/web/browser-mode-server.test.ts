import net from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/core/api';
import { createEventBus } from '../../../electron/core/events';
import { startWebServer, type WebServer } from '../../../electron/core/web';

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

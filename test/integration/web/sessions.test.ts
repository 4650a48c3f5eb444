/**
 * Browser mode's door on the real engine: the printed token buys one session,
 * each session is its own caller (its manager grant is its own), and POS and
 * `hq web` side by side in one browser keep separate cookies.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPos, type Pos } from '../../../electron/core/app';
import { startWebServer, type WebServer } from '../../../electron/core/web';
import { startHeadOfficeWeb } from '../../../electron/core/headoffice/web';

let pos: Pos;
let web: WebServer;
let hq: WebServer;
let dataDir: string;
const apiToken = 'sessions-test-api-token-0123456789';

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-sessions-'));
  pos = await startPos({ dataDir, dataDirKind: 'custom', version: 'test', transport: 'http', env: { MOMO_POS_SIM_APPROVAL_MS: '0' }, log: () => {} });
  const pageDir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-page-'));
  writeFileSync(path.join(pageDir, 'index.html'), '<!doctype html><title>MoMo POS</title>');
  web = await startWebServer({ router: pos.router, events: pos.events, staticDir: pageDir, apiToken });
  // Nothing is asked of PostgreSQL until a page calls `day`.
  hq = await startHeadOfficeWeb({ url: 'postgres://hq@127.0.0.1:1/hq' });
});
afterAll(async () => {
  await web.close();
  await hq.close();
  await pos.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(server: WebServer): Promise<string> {
  const answer = await fetch(server.openUrl, { redirect: 'manual' });
  expect(answer.status).toBe(302);
  return answer.headers.get('set-cookie')!.split(';')[0]!;
}

const call = async (method: string, input: unknown, headers: Record<string, string>) =>
  (await (await fetch(`${web.url}/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(input) })).json()) as {
    ok: boolean;
    code?: string;
    field?: string;
  };

describe('browser-mode sessions', () => {
  it('each session is its own caller: the browser that unlocked holds the grant, a script with the api token does not', async () => {
    const cookie = await signIn(web);
    const browser = { cookie };
    const script = { authorization: `Bearer ${apiToken}` };
    expect(await call('settings.update', { merchantName: 'Shop' }, browser)).toMatchObject({ ok: false, code: 'FORBIDDEN', field: 'grant' });
    expect(await call('till.setManagerPin', { pin: '482916' }, browser)).toMatchObject({ ok: true });
    expect(await call('settings.update', { merchantName: 'Shop' }, browser)).toMatchObject({ ok: true });
    expect(await call('settings.update', { merchantName: 'Evil' }, script)).toMatchObject({ ok: false, code: 'FORBIDDEN', field: 'grant' });
    expect(await call('till.lock', {}, browser)).toMatchObject({ ok: true });
    expect(await call('settings.update', { merchantName: 'Evil' }, browser)).toMatchObject({ ok: false, code: 'FORBIDDEN', field: 'grant' });

    // Head office in the same browser: its own cookie name, so signing in there leaves the POS session as it was.
    const hqCookie = await signIn(hq);
    expect(hqCookie.split('=')[0]).toBe(`momo_hq_${hq.port}`);
    expect(cookie.split('=')[0]).toBe(`momo_pos_${web.port}`);
    const both = `${cookie}; ${hqCookie}`;
    expect((await fetch(`${web.url}/`, { headers: { cookie: both } })).status).toBe(200);
    expect((await fetch(`${hq.url}/`, { headers: { cookie: both } })).status).toBe(200);
    // Each server's cookie opens only its own door.
    expect((await fetch(`${hq.url}/`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${hq.openUrl}`, { redirect: 'manual' })).status).toBe(401);
  });
});

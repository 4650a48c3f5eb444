/**
 * MoMo callbacks through head office, over real parts: a throwaway
 * PostgreSQL, `hq serve` on HTTPS with a CA made here, the MoMo simulator
 * calling back, and tills LISTENing over their own head-office roles.
 */
import fs from 'node:fs';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectHeadOffice, startCallbackListener, startCallbackServer, startHeadOfficeSync, type CallbackListener, type CallbackServer } from '../../../electron/core/headoffice';
import { startMomoSimulator } from '../../../electron/core/momo-sim';
import { createMomoClient } from '../../../electron/core/momo';
import { makeTestCertificates, type TestCertificates } from '../../helpers/tls';
import { KEYS, requestToPayInput } from '../momo/rig';
import { asRole, tillWithSales, uniqueDevice, useThrowawayHeadOffice } from './rig';

const rig = useThrowawayHeadOffice();
let tls: TestCertificates;
let serve: CallbackServer;
let tillA: string;
let tillB: string;
const listeners: CallbackListener[] = [];

beforeAll(async () => {
  if (rig.missing) return;
  tls = makeTestCertificates();
  serve = await startCallbackServer({ url: rig.hq.adminUrl, tls: { cert: tls.cert, key: tls.key }, perAddressPerSecond: 200, perTillPerSecond: 100 });
  tillA = await rig.hq.addTill('Counter A');
  tillB = await rig.hq.addTill('Counter B');
}, 120_000);

// A till holds one listening connection; its role allows only a few (head office's role limits), so each test closes its own.
afterEach(async () => {
  for (const listener of listeners.splice(0)) await listener.close();
});

afterAll(async () => {
  await serve?.close();
  if (tls) fs.rmSync(tls.dir, { recursive: true, force: true });
});

function listen(url: string, heard: string[], extra: { minIntervalMs?: number } = {}): CallbackListener {
  const listener = startCallbackListener({ url, publicBase: serve.origin, onCallback: (reference) => heard.push(reference), backoffMs: { first: 50, max: 500 }, ...extra });
  listeners.push(listener);
  return listener;
}

function send(path: string, method = 'POST', body = '{"status":"SUCCESSFUL"}'): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = https.request(`${serve.origin}${path}`, { method, ca: tls.ca, headers: { 'Content-Type': 'application/json' } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const i2m = (i: number) => (i % 2 === 0 ? 'POST' : 'PUT');
const keyOf = (listener: CallbackListener) => /callback\/([0-9a-f]{32})\//.exec(listener.callbackUrl(randomUUID())!)![1]!;
const stored = async () => Number((await rig.hq.admin.query('SELECT count(*) AS n FROM hq.callbacks')).rows[0].n);

describe.skipIf(rig.missing)('MoMo callbacks through head office', () => {
  it('the simulator calls back over HTTPS; hq serve records it; the till hears its reference within milliseconds', async () => {
    const heard: string[] = [];
    const listener = listen(tillA, heard);
    await listener.ready();
    const sim = await startMomoSimulator({
      approvalDelayMs: 30,
      subscriptionKeys: [KEYS.collectionKey],
      users: [{ apiUser: KEYS.apiUser, apiKey: KEYS.apiKey, providerCallbackHost: '127.0.0.1' }],
      callbacks: { ca: tls.ca },
    });
    try {
      const momo = createMomoClient({ baseUrl: sim.url, keysEnteredFor: sim.url, targetEnvironment: 'sandbox', collection: { subscriptionKey: KEYS.collectionKey, apiUser: KEYS.apiUser, apiKey: KEYS.apiKey }, timeoutMs: 2_000 });
      const input = requestToPayInput('250788123456');
      await momo.collection.requestToPay({ ...input, callbackUrl: listener.callbackUrl(input.referenceId)! });
      await until(() => heard.includes(input.referenceId));
      // The till may hear it (NOTIFY at commit) before MoMo's side has read the 200 sent after that commit.
      await until(() => sim.callbacksSent()[0]?.answer !== 0);
      const sent = sim.callbacksSent()[0]!;
      expect(sent).toMatchObject({ method: 'POST', answer: 200 });
      const row = (await rig.hq.admin.query('SELECT c.reference, c.method, c.body, t.name FROM hq.callbacks c JOIN hq.tills t ON t.id = c.till_id ORDER BY c.id DESC LIMIT 1')).rows[0];
      expect(row).toMatchObject({ reference: input.referenceId, method: 'POST', name: 'Counter A' });
      expect(JSON.parse(row.body)).toMatchObject({ status: 'SUCCESSFUL', externalId: input.externalId });
    } finally {
      await sim.close();
    }
  });

  it('unknown till: 404 and nothing stored; other methods, paths and oversized bodies are refused', async () => {
    const before = await stored();
    expect(await send(`/momo/callback/${'0'.repeat(32)}/${randomUUID()}`)).toBe(404);
    const listener = listen(tillA, []);
    await listener.ready();
    const key = keyOf(listener);
    expect(await send(`/momo/callback/${key}/${randomUUID()}`, 'GET', '')).toBe(405);
    expect(await send(`/momo/callback/${key}/not-a-reference`)).toBe(404);
    expect(await send(`/momo/callback/${key}/${randomUUID()}`, 'PUT', 'x'.repeat(20_000))).toBe(413);
    expect(await stored()).toBe(before);
    expect(await send(`/momo/callback/${key}/${randomUUID()}`, 'PUT', 'not even json')).toBe(200);
    expect(await stored()).toBe(before + 1);
  });

  it('callbacks arriving together are written together: each answered for itself (unknown keys 404 among them), each till hears exactly its own', async () => {
    const heardA: string[] = [];
    const heardB: string[] = [];
    const a = listen(tillA, heardA);
    const b = listen(tillB, heardB);
    await Promise.all([a.ready(), b.ready()]);
    const sent = Array.from({ length: 60 }, (_, i) => ({ till: i % 3, reference: randomUUID() }));
    const keys = [keyOf(a), keyOf(b), 'f'.repeat(32)];
    const before = serve.stats();
    // Head office holds the table a moment (as a slow disk would): the two writes in flight wait, the rest queue and go as one.
    await rig.hq.admin.query('BEGIN');
    await rig.hq.admin.query('LOCK TABLE hq.callbacks IN SHARE ROW EXCLUSIVE MODE');
    const answering = Promise.all(sent.map(({ till, reference }) => send(`/momo/callback/${keys[till]}/${reference}`, i2m(till))));
    await until(() => serve.stats().received - before.received === sent.length, 15_000);
    await rig.hq.admin.query('COMMIT');
    const answers = await answering;
    expect(answers).toEqual(sent.map(({ till }) => (till === 2 ? 404 : 200)));
    const ofTill = (till: number) => sent.filter((item) => item.till === till).map((item) => item.reference).sort();
    // (A fresh listener also reads the last day's callbacks of its till: earlier tests' are left aside.)
    const mine = (heard: string[]) => heard.filter((reference) => sent.some((item) => item.reference === reference)).sort();
    await until(() => mine(heardA).length >= 20 && mine(heardB).length >= 20, 15_000).catch((error: unknown) => {
      throw new Error(`${String(error)}: heard ${mine(heardA).length} + ${mine(heardB).length}, answers ${answers.join(',')}, stats ${JSON.stringify(serve.stats())}`);
    });
    expect(mine(heardA)).toEqual(ofTill(0));
    expect(mine(heardB)).toEqual(ofTill(1));
    const stored = await rig.hq.admin.query<{ n: number }>('SELECT count(*)::int AS n FROM hq.callbacks WHERE reference = ANY($1)', [sent.map((item) => item.reference)]);
    expect(stored.rows[0]!.n).toBe(40);
    expect(serve.stats().batched - before.batched).toBeGreaterThan(30);
  });

  it('a till learns only its own callbacks, and its role can neither read the table nor record one', async () => {
    const heardA: string[] = [];
    const heardB: string[] = [];
    const a = listen(tillA, heardA);
    const b = listen(tillB, heardB);
    await Promise.all([a.ready(), b.ready()]);
    const forA = randomUUID();
    const forB = randomUUID();
    expect(await send(`/momo/callback/${keyOf(a)}/${forA}`)).toBe(200);
    expect(await send(`/momo/callback/${keyOf(b)}/${forB}`)).toBe(200);
    await until(() => heardA.includes(forA) && heardB.includes(forB));
    expect(heardA).not.toContain(forB);
    expect(heardB).not.toContain(forA);
    const seenByB = await asRole(tillB, async (client) => (await client.query('SELECT reference FROM hq.my_callbacks(0)')).rows.map((row) => row.reference));
    expect(seenByB).toContain(forB);
    expect(seenByB).not.toContain(forA);
    await asRole(tillB, async (client) => {
      await expect(client.query('SELECT * FROM hq.callbacks')).rejects.toMatchObject({ code: '42501' });
      await expect(client.query("SELECT hq.record_callback('x', $1, 'POST', '{}')", [forB])).rejects.toMatchObject({ code: '42501' });
    });
  });

  it('a stranger hammering one reference makes the till ask about it at most once per second', async () => {
    const heard: string[] = [];
    const listener = listen(tillA, heard);
    await listener.ready();
    const reference = randomUUID();
    const key = keyOf(listener);
    const started = Date.now();
    for (let i = 0; i < 30; i++) await send(`/momo/callback/${key}/${reference}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const elapsed = Date.now() - started;
    expect(heard.filter((r) => r === reference).length).toBeLessThanOrEqual(Math.ceil(elapsed / 1000));
    expect(heard.filter((r) => r === reference).length).toBeGreaterThanOrEqual(1);
  });

  it('head office restarted while tills listen: they reconnect on their own and hear the next callback', async () => {
    const heard: string[] = [];
    const states: boolean[] = [];
    const listener = startCallbackListener({ url: tillA, publicBase: serve.origin, onCallback: (r) => heard.push(r), onState: (s) => states.push(s), backoffMs: { first: 50, max: 500 } });
    listeners.push(listener);
    await listener.ready();
    const key = keyOf(listener);
    rig.server.restart();
    await until(() => states.includes(false));
    await until(() => listener.listening(), 20_000);
    const reference = randomUUID();
    expect(await send(`/momo/callback/${key}/${reference}`)).toBe(200);
    await until(() => heard.includes(reference));
    expect(states).toEqual([true, false, true]);
  }, 60_000);

  it('restarted twice while tills listen and push: each till holds one listening connection, within its role’s limit of 4, and nothing leaks', async () => {
    // The owner's own connection may not have survived an earlier restart.
    await rig.hq.admin.query('SELECT 1').catch(async () => {
      rig.hq.admin = await connectHeadOffice(rig.hq.adminUrl);
    });
    const tills: Array<{ url: string; ledger: ReturnType<typeof tillWithSales> }> = [];
    for (const i of [0, 1, 2]) tills.push({ url: await rig.hq.addTill(`Storm ${i}`), ledger: tillWithSales(uniqueDevice(), 5) });
    const syncs = tills.map((till) => startHeadOfficeSync({ ledger: () => till.ledger, url: async () => till.url, intervalMs: 100, firstBackoffMs: 50, maxBackoffMs: 200 }));
    const fleet = tills.map((till) => listen(till.url, [], {}));
    const roles = tills.map((till) => decodeURIComponent(new URL(till.url).username));
    const perRole = async () => {
      const rows = await rig.hq.admin.query<{ role: string; all: number; listening: number }>(
        `SELECT usename AS role, count(*)::int AS all, count(*) FILTER (WHERE application_name = 'momo-pos-callbacks')::int AS listening FROM pg_stat_activity WHERE usename = ANY($1) GROUP BY usename`,
        [roles],
      );
      return new Map(rows.rows.map((row) => [row.role, row]));
    };
    const limits = await rig.hq.admin.query<{ rolconnlimit: number }>('SELECT rolconnlimit FROM pg_roles WHERE rolname = ANY($1)', [roles]);
    expect(limits.rows.map((row) => row.rolconnlimit)).toEqual([4, 4, 4]);
    try {
      await Promise.all(fleet.map((listener) => listener.ready(20_000)));
      for (let round = 0; round < 2; round++) {
        rig.server.restart();
        await rig.hq.admin.end().catch(() => {});
        rig.hq.admin = await connectHeadOffice(rig.hq.adminUrl);
        await until(() => fleet.every((listener) => listener.listening()), 30_000);
      }
      // Pushes go on beside listening: every till's journal reaches head office again.
      await until(() => syncs.every((sync) => sync.state().waiting === 0 && sync.state().ack !== undefined), 30_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const counts = await perRole();
      for (const role of roles) {
        expect(counts.get(role)?.listening).toBe(1);
        expect(counts.get(role)!.all).toBeLessThanOrEqual(4);
      }
      // Each till still hears its own callbacks.
      for (const listener of fleet) {
        const reference = randomUUID();
        expect(await send(`/momo/callback/${keyOf(listener)}/${reference}`)).toBe(200);
      }
    } finally {
      await Promise.all(syncs.map((sync) => sync.stop()));
      for (const till of tills) till.ledger.close();
    }
    for (const listener of fleet) await listener.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await perRole();
    for (const role of roles) expect(after.get(role)?.all ?? 0).toBe(0);
  }, 120_000);

  it('a till back online checks the callbacks that arrived while it was away', async () => {
    const first = listen(tillB, []);
    await first.ready();
    const key = keyOf(first);
    await first.close();
    const whileAway = [randomUUID(), randomUUID()];
    for (const reference of whileAway) expect(await send(`/momo/callback/${key}/${reference}`, 'PUT')).toBe(200);
    const heard: string[] = [];
    const back = listen(tillB, heard);
    await back.ready();
    await until(() => whileAway.every((reference) => heard.includes(reference)));
  });
});

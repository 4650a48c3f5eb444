/**
 * Stored MoMo keys go only to MTN's own https hosts or to the address they
 * were typed in for. A listener on another port of this machine and an
 * https://example.invalid address receive nothing, through every method
 * that can name an address, and across a restart with a tampered setting.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../../electron/core/ledger';
import { createMomoClient } from '../../../electron/core/momo';
import { startMomoSimulator, type MomoSimulator } from '../../../electron/core/momo-sim';
import { LIVE_ENABLED_KEY } from '../../../electron/core/setup';
import { memoryVault, secret, startSetupRig, type SetupRig } from './setup-rig';

const stored = { collectionSubscriptionKey: secret('stored-sub'), apiUser: secret('stored-user'), apiKey: secret('stored-key') };
let sim: MomoSimulator;
let listener: http.Server;
let listenerUrl: string;
const heard: Array<{ url: string; headers: http.IncomingHttpHeaders }> = [];
const rigs: SetupRig[] = [];

beforeAll(async () => {
  sim = await startMomoSimulator({ subscriptionKeys: [stored.collectionSubscriptionKey], users: [{ apiUser: stored.apiUser, apiKey: stored.apiKey }], approvalDelayMs: 0 });
  listener = http.createServer((req, res) => {
    heard.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sim.close();
  await new Promise((resolve) => listener.close(resolve));
});
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

/** Anything a stored key could look like on the wire. */
const storedForms = () => [...Object.values(stored), Buffer.from(`${stored.apiUser}:${stored.apiKey}`).toString('base64')];
const leaked = () => heard.filter((request) => storedForms().some((form) => JSON.stringify(request.headers).includes(form)));

async function rigWithStoredKeys() {
  const vault = memoryVault();
  const rig = await startSetupRig(() => vault);
  rigs.push(rig);
  await rig.ok('settings.update', { targetEnvironment: 'sandbox', baseUrl: sim.url, currency: 'EUR' });
  await rig.ok('credentials.set', stored);
  expect(await rig.ok('credentials.testConnection')).toMatchObject({ ok: true });
  return { rig, vault };
}

describe('stored keys go only where they were saved for', () => {
  it('another port and https://example.invalid get nothing through testConnection, provisionSandbox, goLive or settings.update', async () => {
    const { rig, vault } = await rigWithStoredKeys();
    heard.length = 0;
    for (const elsewhere of [listenerUrl, 'https://example.invalid']) {
      const market = { targetEnvironment: 'sandbox', baseUrl: elsewhere };
      expect(await rig.ok('credentials.testConnection', { market }), elsewhere).toMatchObject({ ok: false, reason: 'keysNotForThisAddress' });
      expect(await rig.call('credentials.provisionSandbox', { market }), elsewhere).toMatchObject({ ok: false, code: 'VALIDATION', field: 'baseUrl' });
      expect(await rig.call('credentials.goLive', { market }), elsewhere).toMatchObject({ ok: false });
      await rig.ok('settings.update', { baseUrl: elsewhere });
      expect(await rig.ok('credentials.testConnection'), elsewhere).toMatchObject({ ok: false, reason: 'keysNotForThisAddress' });
      expect(await rig.call('credentials.goLive'), elsewhere).toMatchObject({ ok: false });
      await rig.ok('settings.update', { baseUrl: sim.url });
    }
    expect(heard).toEqual([]);
    expect(await rig.ok('app.info')).toMatchObject({ mode: 'training' });
    // The stored keys are untouched and still work where they belong.
    expect(await rig.ok('credentials.testConnection')).toMatchObject({ ok: true });
    expect(vault.values.get('apiKey')).toBe(stored.apiKey);
  });

  it('testing another address uses only keys typed in for that test; saving one key for another address drops the stored ones', async () => {
    const { rig, vault } = await rigWithStoredKeys();
    heard.length = 0;
    const typed = { collectionSubscriptionKey: secret('typed-sub'), apiUser: secret('typed-user'), apiKey: secret('typed-key') };
    const market = { targetEnvironment: 'sandbox', baseUrl: listenerUrl };
    expect(await rig.ok('credentials.testConnection', { market, keys: typed })).toMatchObject({ ok: false });
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.some((request) => request.headers['ocp-apim-subscription-key'] === typed.collectionSubscriptionKey)).toBe(true);
    expect(leaked()).toEqual([]);
    // Typed keys are not stored.
    expect(vault.values.get('collectionSubscriptionKey')).toBe(stored.collectionSubscriptionKey);

    // One key typed in for the listener: bound there, the keys saved for the simulator are dropped, never sent.
    heard.length = 0;
    await rig.ok('credentials.set', { market, apiKey: typed.apiKey });
    expect([...vault.values.keys()]).toEqual(['apiKey']);
    expect(await vault.keysAddress!()).toBe(listenerUrl);
    expect(await rig.ok('credentials.testConnection', { market })).toMatchObject({ ok: false, reason: 'missingKeys' });
    expect(leaked()).toEqual([]);
  });

  it('settings.update of the address: refused as a cashier, refused as a manager for a plain-http host on the network', async () => {
    const { rig } = await rigWithStoredKeys();
    expect(await rig.pos.router.call('settings.update', { baseUrl: 'https://proxy.momoapi.mtn.com' }, { id: 'web:cashier' })).toMatchObject({ ok: false, code: 'FORBIDDEN', field: 'grant' });
    for (const baseUrl of ['http://192.0.2.2:47101', 'http://attacker.invalid', 'ftp://proxy.momoapi.mtn.com']) {
      expect(await rig.call('settings.update', { baseUrl }), baseUrl).toMatchObject({ ok: false, code: 'VALIDATION', field: 'baseUrl' });
    }
    expect(await rig.ok('settings.get')).toMatchObject({ baseUrl: sim.url });
    expect(await rig.call('settings.update', { baseUrl: 'https://proxy.momoapi.mtn.com' })).toMatchObject({ ok: true });
  });

  it('at start-up: a live till whose saved address was changed behind its back stays in training and sends nothing', async () => {
    const { rig } = await rigWithStoredKeys();
    await rig.ok('credentials.goLive');
    expect(await rig.ok('app.info')).toMatchObject({ mode: 'live' });
    await rig.pos.close();
    // The settings table edited by hand (or by a cashier with the file): the address is now the listener.
    const ledger = openLedger({ dataDir: rig.dataDir, training: false });
    ledger.setSetting('baseUrl', listenerUrl);
    expect(ledger.getSetting(LIVE_ENABLED_KEY)).toBe(true);
    ledger.close();
    heard.length = 0;
    await rig.restart();
    expect(await rig.ok('app.info')).toMatchObject({ mode: 'training' });
    expect(rig.logs.some((line) => /live mode not started: MoMo keys go only/.test(line))).toBe(true);
    await rig.call('sale.charge', { phone: '0788123456', amount: '1000' });
    expect(heard).toEqual([]);
  });

  it('the client itself refuses to carry keys to another origin', () => {
    const keys = { subscriptionKey: 'k', apiUser: 'u', apiKey: 'a' };
    for (const baseUrl of [listenerUrl, 'https://example.invalid', 'http://proxy.momoapi.mtn.com', 'https://proxy.momoapi.mtn.com.evil.example']) {
      expect(() => createMomoClient({ baseUrl, targetEnvironment: 'sandbox', collection: keys }), baseUrl).toThrow(/MoMo keys go only/);
    }
    expect(() => createMomoClient({ baseUrl: listenerUrl, keysEnteredFor: sim.url, targetEnvironment: 'sandbox', collection: keys })).toThrow(/MoMo keys go only/);
    expect(() => createMomoClient({ baseUrl: 'https://proxy.momoapi.mtn.com', targetEnvironment: 'mtnuganda', collection: keys })).not.toThrow();
  });
});

/**
 * The app pushes in the background (composition root): a live till with
 * head office configured reaches "everything acknowledged" on its own after
 * sales; headOffice.connect keeps the address in the store, never in the
 * ledger; a training app never pushes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPos } from '../../../electron/core/app';
import type { HeadOfficeUrlStore } from '../../../electron/core/headoffice';
import { startMomoSimulator, type MomoSimulator } from '../../../electron/core/momo-sim';
import type { HeadOfficeStatus } from '../../../shared/contract';
import { noticeText } from '../../../shared/error-text';
import { tempDataDir } from '../../helpers/ledger';
import { SECRETS } from '../../helpers/payments';
import { useThrowawayHeadOffice } from './rig';

const rig = useThrowawayHeadOffice();
const { missing } = rig;
let sim: MomoSimulator;

beforeAll(async () => {
  if (!missing) sim = await startMomoSimulator({ approvalDelayMs: 20, users: [{ apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey }], subscriptionKeys: [SECRETS.subscriptionKey] });
});

afterAll(async () => {
  await sim?.close();
});

function memoryStore(): HeadOfficeUrlStore & { value?: string } {
  const store: HeadOfficeUrlStore & { value?: string } = {
    get: async () => store.value,
    set: async (url) => void (store.value = url),
    clear: async () => void delete store.value,
  };
  return store;
}

async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe.skipIf(missing)('the app and head office', () => {
  it('a live till connected to head office pushes its sales in the background, and the address stays out of the ledger', async () => {
    const url = await rig.hq.addTill('App till');
    const store = memoryStore();
    const dataDir = tempDataDir('app');
    const live = { baseUrl: sim.url, keysEnteredFor: sim.url, targetEnvironment: 'sandbox', currency: 'RWF' as const, collection: { subscriptionKey: SECRETS.subscriptionKey, apiUser: SECRETS.apiUser, apiKey: SECRETS.apiKey } };
    const app = await startPos({ dataDir, dataDirKind: 'custom', version: 'test', transport: 'http', live, env: {}, headOfficeStore: store, log: () => {} });
    try {
      const status = async () => (await app.router.call('headOffice.status', {})) as { ok: true; data: HeadOfficeStatus };
      expect((await status()).data).toMatchObject({ configured: false, training: false });
      // Connecting head office is the manager's: refused without the grant, then as the manager who chose the PIN.
      const manager = { id: 'test:manager' };
      expect(await app.router.call('headOffice.connect', { url })).toMatchObject({ ok: false, code: 'FORBIDDEN', field: 'grant' });
      expect(await app.router.call('till.setManagerPin', { pin: '482916' }, manager)).toMatchObject({ ok: true });
      expect(await app.router.call('headOffice.connect', { url: 'http://example.invalid' }, manager)).toMatchObject({ ok: false, code: 'VALIDATION', field: 'url' });
      expect(await app.router.call('headOffice.connect', { url }, manager)).toMatchObject({ ok: true, data: { configured: true, source: 'keychain' } });
      expect(store.value).toBe(url);
      app.ledger.createCashSale({ amountMinor: 2500, currency: 'RWF' });
      app.ledger.createCashSale({ amountMinor: 1500, currency: 'RWF' });
      app.events.emit({ type: 'shift.updated' });
      const head = app.ledger.journalHead()!;
      await until(async () => (await status()).data.ack?.seq === head.seq, 'head office to acknowledge the sales');
      expect((await status()).data).toMatchObject({ configured: true, waiting: 0, ack: { seq: head.seq, hash: head.hash } });
      expect(JSON.stringify(app.ledger.allSettings())).not.toContain(new URL(url).password);
      const dump = app.ledger.db.prepare(`SELECT group_concat(value) AS v FROM settings`).get() as { v: string };
      expect(dump.v).not.toContain('postgres://');
      // A fork the till learnt of shows at once (the red banner reads forkSeq).
      app.ledger.recordHeadOfficeAlarm({ kind: 'fork', seq: 2, detail: 'Head office found a fork at journal seq 2.' });
      // The problem travels as a key and its facts, so Settings says it in the cashier's language.
      expect((await status()).data).toMatchObject({ forkSeq: 2, problem: { key: 'error.headoffice.fork', params: { seq: 2 } } });
      expect(noticeText((await status()).data.problem!, 'fr')).toContain('bifurcation au n° 2 du journal');
      expect(await app.router.call('headOffice.disconnect', {})).toMatchObject({ ok: false, code: 'FORBIDDEN', field: 'grant' });
      expect(await app.router.call('headOffice.disconnect', {}, manager)).toMatchObject({ ok: true, data: { configured: false } });
    } finally {
      await app.close();
    }
  });

  it('a training app never pushes, even with MOMO_POS_HQ_URL set', async () => {
    const url = await rig.hq.addTill('Training app');
    const app = await startPos({ dataDir: tempDataDir('app-training'), dataDirKind: 'custom', version: 'test', transport: 'http', env: { MOMO_POS_HQ_URL: url }, log: () => {} });
    try {
      app.ledger.createCashSale({ amountMinor: 2500, currency: 'RWF' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await app.router.call('headOffice.status', {})).toMatchObject({ ok: true, data: { training: true, configured: true } });
      const held = await rig.hq.admin.query(`SELECT count(*)::int AS n FROM hq.journal j JOIN hq.tills t ON t.id = j.till_id WHERE t.name = 'Training app'`);
      expect(held.rows[0].n).toBe(0);
    } finally {
      await app.close();
    }
  });
});

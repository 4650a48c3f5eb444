/**
 * Head office's ingest against a real PostgreSQL: hashes recomputed exactly
 * as the till computes them, resends, gaps, forged entries, forks, rights.
 */
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HQ_MIGRATIONS, ingest, migrateHeadOffice, pushJournal, readHeadOfficeDay, toWire, type WireEntry } from '../../../electron/core/headoffice';
import { canonicalJson, entryHash, GENESIS_HASH, openLedger } from '../../../electron/core/ledger';
import { steppingClock, tempDataDir } from '../../helpers/ledger';
import { asRole, sell, tillWithSales, uniqueDevice, useThrowawayHeadOffice } from './rig';

const rig = useThrowawayHeadOffice();
const { missing } = rig;

describe.skipIf(missing)('head office schema', () => {
  it('init is idempotent and refuses a schema newer than the code', async () => {
    const latest = HQ_MIGRATIONS[HQ_MIGRATIONS.length - 1]!.version;
    const future = latest + 1;
    expect(await migrateHeadOffice(rig.hq.admin)).toEqual({ from: latest, to: latest });
    const newer = [...HQ_MIGRATIONS, { version: future, name: 'from the future', sql: 'CREATE TABLE hq.future (x int)' }];
    expect(await migrateHeadOffice(rig.hq.admin, newer)).toEqual({ from: latest, to: future });
    await expect(migrateHeadOffice(rig.hq.admin)).rejects.toThrow(new RegExp(`version ${future}, newer than this MoMo POS knows \\(${latest}\\)`));
    // Refused means untouched.
    const tables = await rig.hq.admin.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'hq' AND tablename = 'future'`);
    expect(tables.rows[0].n).toBe(1);
    await rig.hq.admin.query('DROP TABLE hq.future');
    await rig.hq.admin.query('DELETE FROM hq.schema_versions WHERE version = $1', [future]);
  });

  it('PostgreSQL recomputes exactly the hash and canonical body the till computes', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    const key = fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }), fc.constantFrom('amountMinor', 'a', 'B', 'é', '\u{1F600}', '\uFFFD', '\uE000x'));
    const scalar = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), text, fc.maxSafeInteger(), fc.integer(), fc.boolean(), fc.constant(null));
    const body = fc.dictionary(key, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(key, scalar, { maxKeys: 3 })), { maxKeys: 8 });
    // PostgreSQL text cannot hold NUL or a lone surrogate (JSON.stringify writes them as \u0000, \udxxx): such bodies are refused (below), never hashed differently.
    const storable = (value: string) => !/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\\u0000|\\ud[89a-f]/i.test(value);
    await fc.assert(
      fc.asyncProperty(body, fc.string({ unit: 'binary', maxLength: 20 }), fc.integer({ min: 1, max: 2 ** 40 }), async (b, subject, seq) => {
        const canonical = canonicalJson(b);
        fc.pre(storable(canonical) && storable(subject));
        const entry = { seq, at: '2025-03-10T08:00:00.000Z', kind: 'sale.created', subjectId: subject, body: b };
        const expected = entryHash(GENESIS_HASH, entry);
        const result = await rig.hq.admin.query<{ canonical: string | null; hash: string }>(
          'SELECT hq.canonical_json($1::jsonb) AS canonical, hq.entry_hash($2, $3, $4, $5, $6, $7) AS hash',
          [canonical, GENESIS_HASH, seq, entry.at, entry.kind, subject, canonical],
        );
        expect(result.rows[0]!.canonical).toBe(canonical);
        expect(result.rows[0]!.hash).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('a body out of canonical form is not canonical to PostgreSQL either', async () => {
    for (const text of ['{"b":1,"a":2}', '{"a":1.0}', '{"a":1e3}', '{"a": 1}', '{"a":"\\u00e9"}', '{"a":9007199254740993}', '{"a":1,"a":1}', '{"\\u0000":1}', '{"a":"\\ud800"}']) {
      const result = await rig.hq.admin.query<{ canonical: string | null }>('SELECT hq.canonical_json(hq.body_jsonb($1)) AS canonical', [text]);
      expect(result.rows[0]!.canonical, text).not.toBe(text);
    }
  });
});

describe.skipIf(missing)('ingest', () => {
  it('a till pushes its journal; a resend adds nothing; totals are kept per day', async () => {
    const url = await rig.hq.addTill('Counter 1');
    const till = tillWithSales(uniqueDevice(), 12);
    const first = await pushJournal(till, url, { batchSize: 7 });
    const head = till.journalHead()!;
    expect(first).toMatchObject({ status: 'ok', waiting: 0, ack: { seq: head.seq, hash: head.hash } });
    expect(till.headOfficeAck()).toMatchObject({ seq: head.seq, hash: head.hash });

    // The whole journal again, twice over: nothing new.
    const wire = till.journal({ limit: 10_000 }).map((entry) => toWire(entry, 0));
    const again = await asRole(url, (client) => ingest(client, till.deviceId, [...wire, ...wire]));
    expect(again).toMatchObject({ status: 'ok', accepted: 0, headSeq: head.seq, headHash: head.hash });
    const held = await rig.hq.admin.query('SELECT seq, hash, body FROM hq.journal j JOIN hq.tills t ON t.id = j.till_id WHERE t.device_id = $1 ORDER BY seq', [till.deviceId]);
    expect(held.rows.map((row) => [Number(row.seq), row.hash, row.body])).toEqual(wire.map((entry) => [entry.seq, entry.hash, entry.body]));

    const day = await readHeadOfficeDay(rig.hq.admin, '2025-03-10');
    const mine = day.tills.find((t) => t.deviceId === till.deviceId)!;
    // 12 sales: 3 cash, 9 MoMo of which 3 rejected.
    expect(mine.chain).toEqual({ state: 'ok' });
    expect(mine.totals).toEqual([
      expect.objectContaining({ currency: 'RWF', cashSales: 3, cashMinor: 3000, momoSales: 6, momoMinor: 6000, netMinor: 9000, prompts: { successful: 6, failed: 0, rejected: 3, expired: 0 } }),
    ]);
    const raw = await readHeadOfficeDay(rig.hq.admin, '2025-03-10', 'journal');
    expect(raw.tills.find((t) => t.deviceId === till.deviceId)!.totals).toEqual(mine.totals);
    till.close();
  });

  it('entries after a gap wait until the gap fills', async () => {
    const url = await rig.hq.addTill('Gap till');
    const till = tillWithSales(uniqueDevice(), 5);
    const wire = till.journal({ limit: 100 }).map((entry) => toWire(entry, 0));
    await asRole(url, async (client) => {
      const early = await ingest(client, till.deviceId, wire.slice(4));
      expect(early).toMatchObject({ status: 'gap', accepted: 0, headSeq: 0, expectedSeq: 1, waiting: wire.length - 4 });
      expect((await readHeadOfficeDay(rig.hq.admin, '2025-03-10')).tills.find((t) => t.name === 'Gap till')!.chain).toEqual({ state: 'gap', fromSeq: 5 });
      const filled = await ingest(client, till.deviceId, wire.slice(0, 4));
      expect(filled).toMatchObject({ status: 'ok', accepted: wire.length, headSeq: wire.length, waiting: 0 });
    });
    till.close();
  });

  it('a forged entry (body changed, hash kept) is refused and stored as an alarm; the entries before it are kept', async () => {
    const url = await rig.hq.addTill('Forged till');
    const till = tillWithSales(uniqueDevice(), 3);
    const wire = till.journal({ limit: 100 }).map((entry) => toWire(entry, 0));
    const forged: WireEntry[] = wire.map((entry) => (entry.seq === 4 ? { ...entry, body: entry.body.replace('"amountMinor":1000', '"amountMinor":10') } : entry));
    expect(forged[3]!.body).not.toBe(wire[3]!.body);
    const answer = await asRole(url, (client) => ingest(client, till.deviceId, forged));
    expect(answer).toMatchObject({ status: 'refused', refusedSeq: 4, reason: 'bad_hash', headSeq: 3, accepted: 3 });
    const alarms = await rig.hq.admin.query(`SELECT a.kind, a.seq FROM hq.alarms a JOIN hq.tills t ON t.id = a.till_id WHERE t.name = 'Forged till'`);
    expect(alarms.rows).toEqual([{ kind: 'forged', seq: '4' }]);
    // A body rewritten out of canonical form, even with a matching hash, is refused too.
    const spaced = { ...wire[3]!, body: wire[3]!.body.replace(':', ': ') };
    const spacedHash = entryHash(spaced.prevHash, { ...spaced, body: JSON.parse(spaced.body) });
    expect(spacedHash).toBe(wire[3]!.hash);
    expect(await asRole(url, (client) => ingest(client, till.deviceId, [spaced]))).toMatchObject({ status: 'refused', reason: 'not_canonical', refusedSeq: 4 });
    // A first entry that does not start from the genesis hash is forged, not a fork.
    const stranger = tillWithSales(uniqueDevice(), 1);
    const first = toWire(stranger.journal({ limit: 1 })[0]!, 0);
    const relinked = { ...first, prevHash: 'e'.repeat(64) };
    const rehashed = { ...relinked, hash: entryHash(relinked.prevHash, { ...relinked, body: JSON.parse(relinked.body) }) };
    const strangerUrl = await rig.hq.addTill('Stranger till');
    expect(await asRole(strangerUrl, (client) => ingest(client, stranger.deviceId, [rehashed]))).toMatchObject({ status: 'refused', refusedSeq: 1, reason: 'bad_link', forkSeq: null });
    stranger.close();
    // The genuine entries still go in.
    expect(await pushJournal(till, url)).toMatchObject({ status: 'ok', waiting: 0 });
    till.close();
  });

  it('a till put back to an older copy of its ledger and charged again is a fork, on both sides', async () => {
    const url = await rig.hq.addTill('Restored till');
    const dataDir = tempDataDir('fork');
    const deviceId = uniqueDevice();
    let till = tillWithSales(deviceId, 4, { dataDir });
    const copy = path.join(dataDir, 'older-copy.sqlite');
    await till.backupTo(copy);
    const copiedHead = till.journalHead()!.seq;
    sell(till, 4);
    expect(await pushJournal(till, url)).toMatchObject({ status: 'ok', waiting: 0 });
    const heldHead = till.journalHead()!.seq;
    till.close();

    for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(dataDir, `ledger.sqlite${suffix}`), { force: true });
    copyFileSync(copy, path.join(dataDir, 'ledger.sqlite'));
    till = openLedger({ dataDir, training: false, deviceId, now: steppingClock('2025-03-10T15:00:00.000Z'), log: () => {} });
    // Behind head office, not yet forked: said, nothing refused.
    expect(await pushJournal(till, url)).toMatchObject({ status: 'behind', seq: heldHead });
    sell(till, 1);
    const outcome = await pushJournal(till, url);
    expect(outcome).toMatchObject({ status: 'fork', seq: copiedHead + 1 });
    expect(outcome.message).toMatch(new RegExp(`fork at journal seq ${copiedHead + 1}`));
    expect(till.headOfficeAlarm()).toMatchObject({ kind: 'fork', seq: copiedHead + 1 });
    // Head office refuses the till's pushes from then on, and its report says so.
    const wire = till.journal({ afterSeq: heldHead - 1, limit: 5 }).map((entry) => toWire(entry, 0));
    expect(await asRole(url, (client) => ingest(client, deviceId, wire))).toMatchObject({ status: 'fork', forkSeq: copiedHead + 1, accepted: 0 });
    const day = await readHeadOfficeDay(rig.hq.admin, '2025-03-10');
    expect(day.tills.find((t) => t.deviceId === deviceId)!.chain).toEqual({ state: 'fork', seq: copiedHead + 1 });
    expect((await rig.hq.admin.query('SELECT count(*)::int AS n FROM hq.journal j JOIN hq.tills t ON t.id = j.till_id WHERE t.device_id = $1', [deviceId])).rows[0].n).toBe(heldHead);
    till.close();
  });

  it('till clocks hours apart: each entry counts on its till’s own day, head office keeps its own receive time', async () => {
    const url = await rig.hq.addTill('Fast clock');
    const url2 = await rig.hq.addTill('Slow clock');
    const ahead = tillWithSales(uniqueDevice(), 2, { start: '2030-01-01T09:00:00.000Z' });
    const behind = tillWithSales(uniqueDevice(), 2, { start: '2001-01-01T03:00:00.000Z' });
    const before = Date.now();
    expect(await pushJournal(ahead, url)).toMatchObject({ status: 'ok' });
    expect(await pushJournal(behind, url2)).toMatchObject({ status: 'ok' });
    const received = await rig.hq.admin.query<{ received_at: Date; at: string }>(
      `SELECT j.received_at, j.at FROM hq.journal j JOIN hq.tills t ON t.id = j.till_id WHERE t.device_id IN ($1, $2)`,
      [ahead.deviceId, behind.deviceId],
    );
    for (const row of received.rows) {
      expect(row.received_at.getTime()).toBeGreaterThanOrEqual(before - 5_000);
      expect(row.received_at.getTime()).toBeLessThanOrEqual(Date.now() + 5_000);
    }
    expect(ahead.headOfficeAck()!.receivedAt.slice(0, 4)).toBe(String(new Date().getUTCFullYear()));
    expect((await readHeadOfficeDay(rig.hq.admin, '2030-01-01')).totals[0]).toMatchObject({ momoSales: 2 });
    expect((await readHeadOfficeDay(rig.hq.admin, '2001-01-01')).totals[0]).toMatchObject({ momoSales: 2 });
    ahead.close();
    behind.close();
  });

  it('a role binds to one device: another device id is refused', async () => {
    const url = await rig.hq.addTill('Bound till');
    const till = tillWithSales(uniqueDevice(), 1);
    expect(await pushJournal(till, url)).toMatchObject({ status: 'ok' });
    await expect(asRole(url, (client) => ingest(client, 'OTHER1', []))).rejects.toThrow(/belongs to device/);
    till.close();
  });
});

describe.skipIf(missing)('rights', () => {
  it('a till role may only execute ingest: no table read or written directly', async () => {
    const url = await rig.hq.addTill('Rights till');
    const statements = [
      'SELECT * FROM hq.journal',
      'SELECT * FROM hq.tills',
      `INSERT INTO hq.journal (till_id, seq, at, kind, subject_id, body, prev_hash, hash, business_day, hour, received_at) VALUES (1, 999, 'x', 'x', 'x', '{}', 'x', 'x', '2025-01-01', 0, now())`,
      'UPDATE hq.journal SET body = body',
      'DELETE FROM hq.journal',
      'TRUNCATE hq.journal',
      'UPDATE hq.day_totals SET cash_minor = 0',
      'UPDATE hq.tills SET fork_seq = NULL',
      `INSERT INTO hq.waiting SELECT * FROM hq.waiting`,
      `SELECT hq.canonical_json('{}')`,
      'CREATE TABLE hq.mine (x int)',
      'CREATE TABLE public.mine (x int)',
    ];
    await asRole(url, async (client) => {
      for (const sql of statements) await expect(client.query(sql), sql).rejects.toThrow(/permission denied/);
    });
  });

  it('nobody updates, deletes or truncates head office’s journal: not even its owner', async () => {
    const url = await rig.hq.addTill('Owner test');
    const till = tillWithSales(uniqueDevice(), 1);
    await pushJournal(till, url);
    for (const sql of ['UPDATE hq.journal SET body = body', 'DELETE FROM hq.journal', 'TRUNCATE hq.journal CASCADE', 'DELETE FROM hq.alarms']) {
      await expect(rig.hq.admin.query(sql), sql).rejects.toThrow(/append-only/);
    }
    till.close();
  });
});

/**
 * Bench section `hq`: head office on a throwaway PostgreSQL (the tests' own
 * helper), its data folder cached in bench/.cache/hq-pg.
 * 1. A till back after a week offline (~15,000 entries) catches up, batched,
 *    beside one row per request.
 * 2. The day report across 50 tills × a year, from the totals ingest keeps,
 *    beside the same question asked of the raw journal. The year is generated
 *    once, server-side (generate_series), and kept; MOMO_POS_BENCH_HQ_ENTRIES
 *    sets its size (default 15 M).
 */
import { chownSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { addTill, connectHeadOffice, HQ_MIGRATIONS, migrateHeadOffice, pushJournal, readHeadOfficeDay, scramVerifier, TILL_GROUP_ROLE } from '../electron/core/headoffice';
import { openLedger } from '../electron/core/ledger';
import { startPostgres } from '../test/helpers/postgres';
import { CACHE } from './ledger';

export interface HeadOfficeResult {
  catchUp: { entries: number; seconds: number; perSecond: number; oneRowEntries: number; oneRowPerSecond: number; withoutChecksPerSecond?: number };
  report: { tills: number; days: number; entries: number; generatedSeconds?: number; totalsP50Ms: number; totalsP95Ms: number; journalP50Ms: number; journalP95Ms: number; runs: number; journalRuns: number };
}

const say = (line: string) => process.stderr.write(`${line}\n`);
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const root = await connectHeadOffice(adminUrl);
  await root.query(`DROP DATABASE IF EXISTS ${name}`);
  await root.query(`CREATE DATABASE ${name}`);
  await root.end();
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

function tillLedger(dir: string, entries: number) {
  const ledger = openLedger({ dataDir: dir, training: false, deviceId: `B${Math.random().toString(36).slice(2, 7).toUpperCase()}`, log: () => {} });
  ledger.db.pragma('synchronous = OFF');
  // A chain from 64 zeros (as ledgers made before head-office schema 2): both ingests, with and without the checks, take it.
  ledger.db.prepare(`DELETE FROM settings WHERE key = 'ledger.chainGenesis'`).run();
  let i = 0;
  while ((ledger.journalHead()?.seq ?? 0) < entries) {
    if (i++ % 2 === 0) ledger.createCashSale({ amountMinor: 500 + (i % 7) * 100, currency: 'RWF' });
    else {
      const { payment } = ledger.createMomoSale({ amountMinor: 1000, currency: 'RWF', msisdn: '250788123456', referenceId: crypto.randomUUID() });
      ledger.transitionPayment(payment.id, 'sending', {});
      ledger.transitionPayment(payment.id, 'pending', {});
      ledger.transitionPayment(payment.id, 'successful', { financialTransactionId: `FT${i}` });
    }
  }
  return ledger;
}

export async function runHeadOfficeBench(): Promise<HeadOfficeResult> {
  const dir = path.join(CACHE, 'hq-pg');
  mkdirSync(dir, { recursive: true });
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  chownSync(dir, uid, uid);
  const server = await startPostgres({ dir, settings: { shared_buffers: "'256MB'", work_mem: "'32MB'", max_wal_size: "'4GB'" } });
  try {
    // 1. Catch-up, with head office's checks (schema 2 on) and into a head office of schema 1 (hash and links only: off), in turns,
    // three of each on a fresh database each time; the best of each is kept (the machine is shared: the best is the least disturbed).
    const work = path.join(CACHE, `hq-till-${process.pid}`);
    say('hq: writing a till ledger of ~15,000 entries');
    const ledger = tillLedger(work, 15_000);
    const entries = ledger.journalHead()!.seq;
    const unacked = { ...ledger, headOfficeAck: () => undefined, headOfficeAlarm: () => undefined, recordHeadOfficeAck: () => true, recordHeadOfficeAlarm: () => {} };
    const catchUpOnce = async (checks: boolean, round: number): Promise<number> => {
      const url = await freshDatabase(server.adminUrl, `hq_bench_catchup_${checks ? 'on' : 'off'}`);
      const admin = await connectHeadOffice(url);
      let tillUrl: string;
      if (checks) {
        await migrateHeadOffice(admin);
        tillUrl = (await addTill(admin, url, 'Batched')).url;
      } else {
        await migrateHeadOffice(admin, HQ_MIGRATIONS.slice(0, 1));
        const role = `momo_till_bench_off_${process.pid}_${round}`;
        await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${scramVerifier('bench-off')}' IN ROLE ${TILL_GROUP_ROLE}`);
        await admin.query('INSERT INTO hq.tills (name, role_name) VALUES ($1, $2)', ['Without checks', role]);
        tillUrl = Object.assign(new URL(url), { username: role, password: 'bench-off' }).toString();
      }
      const t0 = performance.now();
      const outcome = await pushJournal(unacked, tillUrl, { batchSize: 1000 });
      const taken = (performance.now() - t0) / 1000;
      if (outcome.status !== 'ok') throw new Error(`catch-up push (checks ${checks ? 'on' : 'off'}) ended ${outcome.status}: ${outcome.message}`);
      const held = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM hq.journal');
      if (held.rows[0]!.n !== entries) throw new Error(`catch-up (checks ${checks ? 'on' : 'off'}) holds ${held.rows[0]!.n} of ${entries} entries`);
      await admin.end();
      return taken;
    };
    const onSeconds: number[] = [];
    const offSeconds: number[] = [];
    for (let round = 0; round < 3; round++) {
      onSeconds.push(await catchUpOnce(true, round));
      offSeconds.push(await catchUpOnce(false, round));
    }
    const seconds = Math.min(...onSeconds);
    say(`hq: catch-up seconds with checks ${onSeconds.map((x) => x.toFixed(2)).join(', ')}; without ${offSeconds.map((x) => x.toFixed(2)).join(', ')}`);
    let started: number;

    // One row per request: a second database so the same device id starts from nothing; 1,500 entries are plenty to time it.
    const oneUrl = await freshDatabase(server.adminUrl, 'hq_bench_onerow');
    const oneAdmin = await connectHeadOffice(oneUrl);
    await migrateHeadOffice(oneAdmin);
    const single = await addTill(oneAdmin, oneUrl, 'One row');
    const oneRowEntries = 1_500;
    // Same ledger, a view of only its first entries: stop after oneRowEntries.
    let sent = 0;
    started = performance.now();
    await pushJournal(unacked, single.url, {
      batchSize: 1,
      stopped: () => ++sent > oneRowEntries,
    });
    const oneSeconds = (performance.now() - started) / 1000;
    ledger.close();
    rmSync(work, { recursive: true, force: true });
    await oneAdmin.end();

    // 2. The year.
    const target = Number(process.env.MOMO_POS_BENCH_HQ_ENTRIES ?? 15_000_000);
    const tills = 50;
    const days = 365;
    const perDay = Math.max(4, Math.round(target / tills / days / 4) * 4);
    const yearName = `hq_bench_year_${perDay}`;
    const root = await connectHeadOffice(server.adminUrl);
    const exists = (await root.query('SELECT 1 FROM pg_database WHERE datname = $1', [yearName])).rowCount;
    await root.end();
    const yearUrl = server.adminUrl.replace(/\/postgres$/, `/${yearName}`);
    let generatedSeconds: number | undefined;
    if (!exists) {
      say(`hq: generating ${tills} tills × ${days} days × ${perDay} entries (${(tills * days * perDay).toLocaleString('en')}), once`);
      started = performance.now();
      await freshDatabase(server.adminUrl, yearName);
      const year = await connectHeadOffice(yearUrl, { queryTimeoutMs: 0 });
      await migrateHeadOffice(year);
      await year.query(`INSERT INTO hq.tills (name, role_name, device_id, head_seq, last_push_at) SELECT 'Till ' || t, 'bench_' || t, 'D' || t, ${days * perDay}, now() FROM generate_series(1, ${tills}) t`);
      // Four facts per sale: sale.created, payment.created, payment.final (successful, or rejected 1 in 5), sale.paid_cash for every other sale.
      await year.query(`
        INSERT INTO hq.journal (till_id, seq, at, kind, subject_id, body, prev_hash, hash, business_day, hour, received_at)
        SELECT t.id, s.seq, to_char(d.day + make_interval(hours => 8 + (s.i % 12)), 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"'),
          k.kind, 'subject-' || s.seq, k.body, md5(t.id || ':' || (s.seq - 1)) || md5('p' || (s.seq - 1)), md5(t.id || ':' || s.seq) || md5('p' || s.seq),
          d.day, 8 + (s.i % 12), now()
        FROM hq.tills t
        CROSS JOIN generate_series(0, ${days - 1}) AS n
        CROSS JOIN LATERAL (SELECT date '2025-01-01' + n AS day) d
        CROSS JOIN LATERAL (SELECT i, n * ${perDay} + i + 1 AS seq FROM generate_series(0, ${perDay - 1}) i) s
        CROSS JOIN LATERAL (SELECT CASE s.i % 4 WHEN 0 THEN 'sale.created' WHEN 1 THEN 'payment.created' WHEN 2 THEN 'payment.final' ELSE 'sale.paid_cash' END AS kind) kk
        CROSS JOIN LATERAL (SELECT kk.kind, CASE kk.kind
            WHEN 'payment.final' THEN '{"amountMinor":' || (1000 + s.i * 10) || ',"currency":"RWF","status":"' || CASE WHEN s.i % 20 = 2 THEN 'rejected' ELSE 'successful' END || '"}'
            WHEN 'sale.paid_cash' THEN '{"amountMinor":' || (500 + s.i * 10) || ',"currency":"RWF"}'
            ELSE '{"amountMinor":1000,"currency":"RWF"}' END AS body) k`);
      await year.query(`
        INSERT INTO hq.day_totals (business_day, till_id, currency, cash_sales, cash_minor, momo_sales, momo_minor, prompts_successful, prompts_rejected)
        SELECT business_day, till_id, 'RWF',
          count(*) FILTER (WHERE kind = 'sale.paid_cash'), coalesce(sum((body::jsonb->>'amountMinor')::bigint) FILTER (WHERE kind = 'sale.paid_cash'), 0),
          count(*) FILTER (WHERE kind = 'payment.final' AND body LIKE '%successful%'), coalesce(sum((body::jsonb->>'amountMinor')::bigint) FILTER (WHERE kind = 'payment.final' AND body LIKE '%successful%'), 0),
          count(*) FILTER (WHERE kind = 'payment.final' AND body LIKE '%successful%'), count(*) FILTER (WHERE kind = 'payment.final' AND body LIKE '%rejected%')
        FROM hq.journal GROUP BY business_day, till_id`);
      await year.query(`
        INSERT INTO hq.hour_totals (business_day, till_id, hour, currency, sales, sales_minor)
        SELECT business_day, till_id, hour, 'RWF', count(*), sum((body::jsonb->>'amountMinor')::bigint)
        FROM hq.journal WHERE kind = 'sale.paid_cash' OR (kind = 'payment.final' AND body LIKE '%successful%') GROUP BY 1, 2, 3`);
      await year.query('VACUUM ANALYZE hq.journal');
      await year.query('ANALYZE');
      await year.end();
      generatedSeconds = (performance.now() - started) / 1000;
    }
    const year = await connectHeadOffice(yearUrl, { queryTimeoutMs: 0 });
    const time = async (source: 'totals' | 'journal', runs: number) => {
      const taken: number[] = [];
      for (let i = 0; i < runs; i++) {
        const day = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
        const t0 = performance.now();
        const result = await readHeadOfficeDay(year, day, source);
        taken.push(performance.now() - t0);
        if (result.tills.length !== tills || result.totals.length !== 1) throw new Error(`the ${source} report of ${day} is not whole`);
      }
      return taken;
    };
    say('hq: day reports');
    await time('totals', 10);
    const fromTotals = await time('totals', 200);
    const fromJournal = await time('journal', 20);
    const entriesHeld = tills * days * perDay;
    await year.end();
    return {
      catchUp: { entries, seconds, perSecond: entries / seconds, oneRowEntries, oneRowPerSecond: oneRowEntries / oneSeconds, withoutChecksPerSecond: entries / Math.min(...offSeconds) },
      report: {
        tills,
        days,
        entries: entriesHeld,
        ...(generatedSeconds !== undefined ? { generatedSeconds } : {}),
        totalsP50Ms: quantile(fromTotals, 0.5),
        totalsP95Ms: quantile(fromTotals, 0.95),
        journalP50Ms: quantile(fromJournal, 0.5),
        journalP95Ms: quantile(fromJournal, 0.95),
        runs: fromTotals.length,
        journalRuns: fromJournal.length,
      },
    };
  } finally {
    server.stop();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  runHeadOfficeBench().then((result) => console.log(JSON.stringify(result, null, 2)));
}

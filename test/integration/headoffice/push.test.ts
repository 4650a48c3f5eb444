/**
 * Pushing under trouble, against a real PostgreSQL: ten tills at once, the
 * connection cut mid-batch, head office restarted mid-push, duplicate
 * pushes; and the command lines (`hq init/add-till/report`, `pos push`,
 * `pos verify --hq`).
 */
import net from 'node:net';
import path from 'node:path';
import { copyFileSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectHeadOffice, HQ_LATEST_VERSION, pushJournal, startHeadOfficeSync, startHeadOfficeWeb } from '../../../electron/core/headoffice';
import Database from 'better-sqlite3';
import { entryHash, openLedger } from '../../../electron/core/ledger';
import { runHq } from '../../../electron/core/cli/hq';
import { runPos } from '../../../electron/core/cli/pos';
import type { CommandIo } from '../../../electron/core/cli/commands';
import { signIn } from '../../helpers/browser-mode';
import { closedPort } from '../../helpers/network';
import { formatDateTime } from '../../../shared/dates';
import { steppingClock, tempDataDir } from '../../helpers/ledger';
import { MANAGER, startTillRig } from '../till/rig';
import { freshHeadOffice, sell, tillWithSales, uniqueDevice, useThrowawayHeadOffice } from './rig';

const rig = useThrowawayHeadOffice();
const { missing } = rig;

async function heldCount(deviceId: string): Promise<number> {
  const result = await rig.hq.admin.query('SELECT count(*)::int AS n FROM hq.journal j JOIN hq.tills t ON t.id = j.till_id WHERE t.device_id = $1', [deviceId]);
  return result.rows[0].n as number;
}

/** A loopback TCP relay to PostgreSQL that can cut the next connection after some bytes from the till. */
async function startRelay(port: number) {
  let cutAfter: number | undefined;
  let cuts = 0;
  const relay = net.createServer((socket) => {
    const upstream = net.connect(port, '127.0.0.1');
    const limit = cutAfter;
    cutAfter = undefined;
    let sent = 0;
    socket.on('data', (chunk) => {
      sent += chunk.length;
      if (limit !== undefined && sent > limit) {
        cuts++;
        socket.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => socket.write(chunk));
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    port: (relay.address() as net.AddressInfo).port,
    cutNextAfter(bytes: number) {
      cutAfter = bytes;
    },
    cuts: () => cuts,
    close: () => new Promise<void>((resolve) => relay.close(() => resolve())),
  };
}

function capture(env: NodeJS.ProcessEnv = {}): CommandIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line), env };
}

describe.skipIf(missing)('pushing under trouble', () => {
  it('ten tills push at once, each twice over: every journal arrives whole, once', async () => {
    const tills = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => ({ url: await rig.hq.addTill(`Crowd ${i}`), ledger: tillWithSales(uniqueDevice(), 30 + i) })),
    );
    const outcomes = await Promise.all(tills.flatMap(({ url, ledger }) => [pushJournal(ledger, url, { batchSize: 16 }), pushJournal(ledger, url, { batchSize: 16 })]));
    for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'ok', waiting: 0 });
    for (const { ledger } of tills) {
      expect(await heldCount(ledger.deviceId)).toBe(ledger.journalHead()!.seq);
      expect(ledger.headOfficeAck()).toMatchObject(ledger.journalHead()!);
      ledger.close();
    }
  });

  it('a connection cut mid-batch changes nothing at head office; the next push resumes and adds each entry once', async () => {
    const relay = await startRelay(rig.server.port);
    try {
      const direct = await rig.hq.addTill('Cut till');
      const url = direct.replace(`:${rig.server.port}/`, `:${relay.port}/`);
      const till = tillWithSales(uniqueDevice(), 200);
      // Past the login and into the first big batch.
      relay.cutNextAfter(20_000);
      const cut = await pushJournal(till, url, { batchSize: 300 });
      expect(relay.cuts()).toBe(1);
      expect(cut.status).toBe('unreachable');
      expect(cut.message).not.toContain(new URL(url).password);
      expect(await heldCount(till.deviceId)).toBe(0);
      expect(await pushJournal(till, url, { batchSize: 300 })).toMatchObject({ status: 'ok', waiting: 0 });
      expect(await heldCount(till.deviceId)).toBe(till.journalHead()!.seq);
      // A second cut after some batches went in: those stay, the rest follows.
      sell(till, 150);
      relay.cutNextAfter(150_000);
      expect((await pushJournal(till, url, { batchSize: 100 })).status).toBe('unreachable');
      const partly = await heldCount(till.deviceId);
      expect(partly).toBeGreaterThan(0);
      expect(partly).toBeLessThan(till.journalHead()!.seq);
      expect(await pushJournal(till, url, { batchSize: 100 })).toMatchObject({ status: 'ok', waiting: 0 });
      expect(await heldCount(till.deviceId)).toBe(till.journalHead()!.seq);
      till.close();
    } finally {
      await relay.close();
    }
  });

  it('head office restarted mid-push: the background push backs off, retries and finishes', async () => {
    const url = await rig.hq.addTill('Restart till');
    const till = tillWithSales(uniqueDevice(), 600);
    const states: string[] = [];
    const sync = startHeadOfficeSync({ ledger: () => till, url: async () => url, batchSize: 50, intervalMs: 60_000, firstBackoffMs: 200, onChange: (state) => states.push(state.lastOutcome ?? 'none') });
    try {
      // Wait for the first acknowledgement, then restart the server under the push.
      for (let i = 0; i < 400 && !till.headOfficeAck(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
      rig.server.restart();
      for (let i = 0; i < 600 && !(sync.state().lastOutcome === 'ok' && sync.state().waiting === 0); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sync.state()).toMatchObject({ configured: true, lastOutcome: 'ok', waiting: 0 });
      expect(states).toContain('unreachable');
    } finally {
      await sync.stop();
    }
    await rig.hq.admin.end().catch(() => {});
    rig.hq.admin = await connectHeadOffice(rig.hq.adminUrl);
    expect(await heldCount(till.deviceId)).toBe(till.journalHead()!.seq);
    till.close();
  });

  it('a steady stream of sales, each nudging the push, does not hold it back', async () => {
    const url = await rig.hq.addTill('Busy till');
    const till = tillWithSales(uniqueDevice(), 1);
    // The interval is far beyond this test: only the nudges can get the sales there.
    const sync = startHeadOfficeSync({ ledger: () => till, url: async () => url, intervalMs: 10 * 60_000 });
    try {
      let acknowledgedWhileSelling = false;
      for (let i = 0; i < 400 && !acknowledgedWhileSelling; i++) {
        sell(till, 1);
        sync.nudge();
        await new Promise((resolve) => setTimeout(resolve, 100));
        acknowledgedWhileSelling = (till.headOfficeAck()?.seq ?? 0) > 3;
      }
      expect(acknowledgedWhileSelling).toBe(true);
    } finally {
      await sync.stop();
      till.close();
    }
  });

  it('training ledgers never push', async () => {
    const url = await rig.hq.addTill('Training till');
    const ledger = openLedger({ dataDir: tempDataDir('training'), training: true, deviceId: 'TRAIN1', log: () => {} });
    ledger.createCashSale({ amountMinor: 500, currency: 'RWF' });
    expect(await pushJournal(ledger, url)).toMatchObject({ status: 'training', sent: 0 });
    expect(await heldCount('TRAIN1')).toBe(0);
    ledger.close();
  });
});

describe.skipIf(missing)('the Z report', () => {
  it('prints head office’s last acknowledgement (seq, short hash, time) as the outside anchor, frozen with the Z', async () => {
    const tillRig = await startTillRig();
    try {
      const url = await rig.hq.addTill('Z till');
      await tillRig.ready('5000');
      tillRig.ledger.createCashSale({ amountMinor: 3000, currency: 'RWF' });
      const pushed = await pushJournal(tillRig.ledger, url);
      expect(pushed.status).toBe('ok');
      const ack = tillRig.ledger.headOfficeAck()!;
      const closed = await tillRig.till.closeShift({ countedCash: '8000', pin: MANAGER });
      expect(closed.report.headOffice).toEqual({ seq: ack.seq, hash: ack.hash, receivedAt: ack.receivedAt });
      expect(closed.html.A4).toContain(`Head office holds up to #${ack.seq}, received ${formatDateTime(ack.receivedAt, 'en', { timeZone: closed.report.timeZone })}`);
      expect(closed.html.A4).toContain(ack.hash.slice(0, 16));
      // The Z (and its anchor) go to head office too, and are counted there.
      expect(await pushJournal(tillRig.ledger, url)).toMatchObject({ status: 'ok', waiting: 0 });
      const held = await rig.hq.admin.query(`SELECT sum(z_reports)::int AS z FROM hq.day_totals d JOIN hq.tills t ON t.id = d.till_id WHERE t.name = 'Z till'`);
      expect(held.rows[0].z).toBe(1);
    } finally {
      await tillRig.close();
    }
  });
});

describe.skipIf(missing)('the outside anchor', () => {
  it('a ledger rewritten whole with the app’s own code passes its own verify, but not against head office’s copy', async () => {
    // A head office of its own: the fork this test ends on stays out of the other tests' reports.
    const office = await freshHeadOffice(rig.server);
    const url = await office.addTill('Rewritten till');
    await office.close();
    const dataDir = tempDataDir('rewritten');
    const till = tillWithSales(uniqueDevice(), 6, { dataDir });
    expect(await pushJournal(till, url)).toMatchObject({ status: 'ok', waiting: 0 });
    till.close();

    // Someone with this code in hand: drop the guard, move one entry's time, re-hash every entry after it, put the guard back.
    const db = new Database(path.join(dataDir, 'ledger.sqlite'));
    const guards = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal'`).all() as { name: string; sql: string }[];
    for (const guard of guards) db.exec(`DROP TRIGGER ${guard.name}`);
    const rows = db.prepare('SELECT * FROM journal ORDER BY seq').all() as { seq: number; at: string; kind: string; subject_id: string; body: string; prev_hash: string; hash: string }[];
    let prevHash = rows[9]!.prev_hash;
    for (const row of rows.slice(9)) {
      const at = row.seq === 10 ? new Date(Date.parse(row.at) + 1000).toISOString() : row.at;
      const hash = entryHash(prevHash, { seq: row.seq, at, kind: row.kind, subjectId: row.subject_id, body: JSON.parse(row.body) });
      db.prepare('UPDATE journal SET at = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(at, prevHash, hash, row.seq);
      prevHash = hash;
    }
    for (const guard of guards) db.exec(guard.sql);
    db.close();

    const local = capture();
    expect(await runPos(['verify', '--data-dir', dataDir], local)).toBe(0);
    const anchored = capture();
    expect(await runPos(['verify', '--data-dir', dataDir, '--hq', url], anchored)).toBe(1);
    expect(anchored.errors.join('\n')).toMatch(new RegExp(`differs from head office's copy at or before seq ${rows.length}`));
    // Its next push names the very entry that was changed.
    const pushed = capture();
    expect(await runPos(['push', '--data-dir', dataDir, '--hq', url], pushed)).toBe(1);
    expect(pushed.errors.join('\n')).toMatch(/fork at journal seq 10:/);
  });
});

describe.skipIf(missing)('the journal text goes to head office as stored', () => {
  it('a stored body rewritten out of canonical form (same meaning, same hash) is refused by head office, not mended on the way', async () => {
    const office = await freshHeadOffice(rig.server);
    const url = await office.addTill('Respaced till');
    await office.close();
    const dataDir = tempDataDir('respaced');
    const till = tillWithSales(uniqueDevice(), 2, { dataDir });
    const last = till.journalHead()!.seq;
    // Another connection, as a hand editing the file would: a space in the last entry's body; its parse, and so its canonical text, is unchanged.
    const db = new Database(path.join(dataDir, 'ledger.sqlite'));
    const guards = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal'`).all() as { name: string; sql: string }[];
    for (const guard of guards) db.exec(`DROP TRIGGER ${guard.name}`);
    const { body } = db.prepare('SELECT body FROM journal WHERE seq = ?').get(last) as { body: string };
    db.prepare('UPDATE journal SET body = ? WHERE seq = ?').run(body.replace(/^\{/, '{ '), last);
    for (const guard of guards) db.exec(guard.sql);
    db.close();

    const [sent] = till.journal({ afterSeq: last - 1, limit: 1 });
    expect(sent!.bodyText).toBe(body.replace(/^\{/, '{ '));
    expect(await pushJournal(till, url)).toMatchObject({ status: 'refused', seq: last });
    till.close();
  });
});

describe.skipIf(missing)('head office page', () => {
  it('serves the day per till behind the browser-mode token guard', async () => {
    const url = await rig.hq.addTill('Page till');
    const till = tillWithSales(uniqueDevice(), 4, { start: '2025-04-02T09:00:00.000Z' });
    expect(await pushJournal(till, url)).toMatchObject({ status: 'ok' });
    const web = await startHeadOfficeWeb({ url: rig.hq.adminUrl });
    try {
      const call = (cookie?: string, body: unknown = { date: '2025-04-02' }) =>
        fetch(`${web.url}/api/call/day`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
      expect((await call()).status).toBe(401);
      expect((await call('momo_pos_token=wrong')).status).toBe(401);
      // The printed address is traded once for a session cookie, as the owner's browser does.
      const { cookie: token } = await signIn(web.openUrl);
      const answer = (await (await call(token, { date: '2025-04-02', language: 'fr' })).json()) as { ok: boolean; data: { tills: { name: string; chain: { state: string }; totals: { momoSales: number; text: { momo: string } }[] }[]; hours: unknown[] } };
      expect(answer.ok).toBe(true);
      const mine = answer.data.tills.find((t) => t.name === 'Page till')!;
      expect(mine.chain.state).toBe('ok');
      expect(mine.totals[0]!.momoSales).toBe(2);
      // Amounts in words for the page, in its language and the currency's own decimals.
      expect(mine.totals[0]!.text.momo.replace(/\s/g, ' ')).toMatch(/^2 000 RWF$|^2 000 FRW$/);
      // Times too, in the one date format of the language (never "12/4/2026, 10:21:26 AM").
      expect((mine as unknown as { lastPushText: string }).lastPushText).toMatch(/^\d{1,2} (janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}, \d\d:\d\d$/);
      expect(answer.data.hours.length).toBeGreaterThan(0);
      expect(await (await call(token, { date: 'yesterday' })).json()).toMatchObject({ ok: false, code: 'VALIDATION', field: 'date' });
      const page = await fetch(`${web.url}/`, { headers: { cookie: token } });
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await page.text()).toContain('page.js');
    } finally {
      await web.close();
      till.close();
    }
  });
});

describe.skipIf(missing)('command lines', () => {
  it('hq init, add-till, report; pos push and pos verify --hq, down to a fork', async () => {
    const init = capture();
    expect(await runHq(['init', '--hq', rig.hq.adminUrl], init)).toBe(0);
    expect(init.lines.join('\n')).toMatch(new RegExp(`up to date \\(schema ${HQ_LATEST_VERSION}\\)`));
    expect(init.lines.join('\n')).not.toContain(new URL(rig.hq.adminUrl).password);

    const added = capture();
    expect(await runHq(['add-till', '--hq', rig.hq.adminUrl, '--name', 'Counter CLI'], added)).toBe(0);
    const url = added.lines.find((line) => line.startsWith('postgres://'))!;
    expect(url).toMatch(/^postgres:\/\/momo_till_counter_cli_/);

    const dataDir = tempDataDir('cli');
    const deviceId = uniqueDevice();
    const till = tillWithSales(deviceId, 3, { dataDir, start: `${new Date().toISOString().slice(0, 10)}T09:00:00.000Z` });
    const copy = path.join(dataDir, 'copy.sqlite');
    await till.backupTo(copy);
    sell(till, 2);
    till.close();

    const push = capture({ MOMO_POS_HQ_URL: url });
    expect(await runPos(['push', '--data-dir', dataDir], push)).toBe(0);
    expect(push.lines.join('\n')).toMatch(/Head office holds the whole journal: up to seq 15/);
    const verify = capture();
    expect(await runPos(['verify', '--data-dir', dataDir, '--hq', url], verify)).toBe(0);
    expect(verify.lines.join('\n')).toMatch(/Head office's copy matches: seq 1–15/);

    const report = capture();
    expect(await runHq(['report', '--hq', rig.hq.adminUrl], report)).toBe(0);
    expect(report.lines.find((line) => line.startsWith('Counter CLI'))).toMatch(new RegExp(`${deviceId}.*OK$`));

    // Put back the older copy, charge again: a fork, said with its seq.
    for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(dataDir, `ledger.sqlite${suffix}`), { force: true });
    copyFileSync(copy, path.join(dataDir, 'ledger.sqlite'));
    const restored = openLedger({ dataDir, training: false, now: steppingClock(`${new Date().toISOString().slice(0, 10)}T12:00:00.000Z`), log: () => {} }); // after the copy's entries: the journal's time never runs back
    sell(restored, 1);
    restored.close();
    const forked = capture();
    expect(await runPos(['push', '--data-dir', dataDir, '--hq', url], forked)).toBe(1);
    expect(forked.errors.join('\n')).toMatch(/fork at journal seq 10/);
    const verifyForked = capture();
    expect(await runPos(['verify', '--data-dir', dataDir, '--hq', url], verifyForked)).toBe(1);
    expect(verifyForked.errors.join('\n')).toMatch(/fork at journal seq 10/);
    const after = capture();
    expect(await runHq(['report', '--hq', rig.hq.adminUrl], after)).toBe(1);
    expect(after.lines.find((line) => line.startsWith('Counter CLI'))).toMatch(/FORK at seq 10$/);
    // The same in the owner's language: hq's report in French, the till's push in Kinyarwanda; same exit codes.
    const inFrench = capture({ LANG: 'fr_RW.UTF-8' });
    expect(await runHq(['report', '--hq', rig.hq.adminUrl], inFrench)).toBe(1);
    expect(inFrench.lines.find((line) => line.startsWith('Counter CLI'))).toMatch(/BIFURCATION au n° 10$/);
    expect(inFrench.lines).toContain('Totaux de toutes les caisses (RWF) :');
    const inKinyarwanda = capture({ MOMO_POS_LANGUAGE: 'rw' });
    expect(await runPos(['push', '--data-dir', dataDir, '--hq', url], inKinyarwanda)).toBe(1);
    expect(inKinyarwanda.errors.join('\n')).toContain('Icyicaro gikuru cyabonye gutandukana ku cyanditswe #10');
    const verifyInFrench = capture({ LANG: 'fr_RW.UTF-8' });
    expect(await runPos(['verify', '--data-dir', dataDir, '--hq', url], verifyInFrench)).toBe(1);
    expect(verifyInFrench.errors.join('\n')).toContain('Le siège a trouvé une bifurcation au n° 10 du journal : sa copie et ce registre s’y séparent.');

    // Head office unreachable: 3. A folder with no ledger, or no head office given: 2 (said, nothing sent).
    const lone = tempDataDir('lone');
    const loneLedger = openLedger({ dataDir: lone, training: false, log: () => {} });
    sell(loneLedger, 1);
    loneLedger.close();
    const unreachable = capture();
    expect(await runPos(['push', '--data-dir', lone, '--hq', `postgres://till:pw@127.0.0.1:${await closedPort()}/hq`], unreachable)).toBe(3);
    expect(await runPos(['push', '--data-dir', tempDataDir('none'), '--hq', url], capture())).toBe(2);
    expect(await runPos(['push', '--data-dir', dataDir], capture())).toBe(2);
  });
});

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { PosError } from '../../../shared/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, openLedger } from '../../../electron/core/ledger';
import { migrate } from '../../../electron/core/ledger/schema';
import { buildLedgerAtVersion, SEEDERS } from '../../helpers/ledger-fixtures';
import { momoSale, openTestLedger, removeTempDirs, rowCounts, tempDataDir } from '../../helpers/ledger';

afterEach(removeTempDirs);

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const quiet = () => {};

function thrown(fn: () => unknown): PosError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PosError);
    return error as PosError;
  }
  throw new Error('did not throw');
}

describe('opening a ledger', () => {
  it('creates <dataDir>/ledger.sqlite at the latest schema with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const dataDir = tempDataDir();
    const ledger = openLedger({ dataDir, training: false, log: quiet });
    try {
      expect(ledger.path).toBe(path.join(dataDir, 'ledger.sqlite'));
      expect(ledger.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(ledger.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(ledger.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(ledger.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(ledger.db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
      const tables = Object.keys(rowCounts(ledger.db));
      for (const table of ['sales', 'payments', 'payment_events', 'shifts', 'cash_movements', 'refunds', 'journal', 'settings', 'payment_exchanges']) {
        expect(tables).toContain(table);
      }
      expect(ledger.verify()).toEqual({ ok: true, entries: 0 });
    } finally {
      ledger.close();
    }
    expect(readdirSync(path.join(dataDir))).not.toContain('backups'); // nothing to back up in a new file
  });

  it('training mode uses training.sqlite, and the two never see each other’s sales', () => {
    const dataDir = tempDataDir();
    const live = openLedger({ dataDir, training: false, deviceId: 'POS1', log: quiet });
    const training = openLedger({ dataDir, training: true, deviceId: 'POS1', log: quiet });
    try {
      expect(training.path).toBe(path.join(dataDir, 'training.sqlite'));
      momoSale(training);
      expect(training.listSales()).toHaveLength(1);
      expect(live.listSales()).toHaveLength(0);
    } finally {
      live.close();
      training.close();
    }
  });

  it('refuses a training file put in place of the real ledger (and the other way round)', () => {
    const dataDir = tempDataDir();
    openLedger({ dataDir, training: true, log: quiet }).close();
    copyFileSync(path.join(dataDir, 'training.sqlite'), path.join(dataDir, 'ledger.sqlite'));
    const error = thrown(() => openLedger({ dataDir, training: false, log: quiet }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/training ledger, not a live one/);
  });

  it('keeps one device id per install: generated on first open, the same afterwards', () => {
    const dataDir = tempDataDir();
    const first = openLedger({ dataDir, training: false, log: quiet });
    const id = first.deviceId;
    first.close();
    expect(id).toMatch(/^[A-Z0-9]{6}$/);
    const again = openLedger({ dataDir, training: false, log: quiet });
    expect(again.deviceId).toBe(id);
    expect(momoSale(again).sale.receiptNumber).toBe(`${id}-000001`);
    again.close();
  });

  it('logs ledger calls slower than the threshold through the injected logger', () => {
    const lines: string[] = [];
    const ledger = openTestLedger({ slowCallMs: -1, log: (line) => lines.push(line) });
    momoSale(ledger);
    ledger.close();
    expect(lines).toEqual([expect.stringMatching(/^slow ledger call: createMomoSale took \d+ ms$/)]);
  });

  it('closing while the daily backup is still being written loses nothing and throws nothing', async () => {
    const dataDir = tempDataDir();
    const lines: string[] = [];
    const ledger = openLedger({ dataDir, training: false, backupOnOpen: true, log: (line) => lines.push(line) });
    ledger.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines).toEqual([]);
    const again = openLedger({ dataDir, training: false, log: quiet });
    expect(again.verify().ok).toBe(true);
    again.close();
    const leftovers = existsSync(path.join(dataDir, 'backups')) ? readdirSync(path.join(dataDir, 'backups')).filter((name) => name.includes('.partial-')) : [];
    expect(leftovers).toEqual([]);
  });

  it('refuses a file that is not a ledger, and leaves it as it was', () => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, 'ledger.sqlite');
    writeFileSync(file, 'these are not the bytes you are looking for'.repeat(10));
    const before = sha(file);
    expect(thrown(() => openLedger({ dataDir, training: false, log: quiet })).message).toMatch(/not a MoMo POS ledger/);
    expect(sha(file)).toBe(before);

    const other = tempDataDir();
    const foreign = new Database(path.join(other, 'ledger.sqlite'));
    foreign.exec('CREATE TABLE recipes (name TEXT)');
    foreign.close();
    expect(thrown(() => openLedger({ dataDir: other, training: false, log: quiet })).message).toMatch(/not a MoMo POS ledger/);
  });
});

describe('migrations', () => {
  it('every earlier version has a fixture (add one when you add a migration)', () => {
    for (let version = 1; version < LATEST_SCHEMA_VERSION; version++) expect(SEEDERS[version], `SEEDERS[${version}]`).toBeTypeOf('function');
  });

  it.each(Array.from({ length: LATEST_SCHEMA_VERSION }, (_, version) => version))(
    'from version %i: reaches the latest, keeps every sale, still verifies, backs the old file up first',
    (version) => {
      const dataDir = tempDataDir();
      const file = path.join(dataDir, 'ledger.sqlite');
      const seeded = buildLedgerAtVersion(file, version);
      const lines: string[] = [];
      const ledger = openLedger({ dataDir, training: false, log: (line) => lines.push(line) });
      try {
        expect(ledger.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
        const verdict = ledger.verify();
        expect(verdict, JSON.stringify(verdict)).toEqual({ ok: true, entries: seeded?.journalEntries ?? 0 });
        if (seeded) {
          expect(ledger.deviceId).toBe(seeded.deviceId);
          for (const receipt of seeded.receipts) expect(ledger.getSaleByReceiptNumber(receipt)).toBeDefined();
          expect(ledger.getSetting('merchantName')).toBe('Chez Nous');
          // The counter carries on where the old app stopped.
          expect(momoSale(ledger).sale.receiptNumber).toBe(`${seeded.deviceId}-${String(seeded.receipts.length + 1).padStart(6, '0')}`);
          expect(ledger.verify().ok).toBe(true);

          const backups = readdirSync(path.join(dataDir, 'backups'));
          expect(backups).toHaveLength(1);
          expect(backups[0]).toMatch(new RegExp(`^ledger-before-v${LATEST_SCHEMA_VERSION}-from-v${version}-`));
          expect(lines.join('\n')).toContain(backups[0]);
          const copy = new Database(path.join(dataDir, 'backups', backups[0]!), { readonly: true });
          expect(copy.pragma('user_version', { simple: true })).toBe(version);
          expect((copy.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n).toBe(seeded.receipts.length);
          copy.close();
        } else {
          expect(existsSync(path.join(dataDir, 'backups'))).toBe(false);
        }
      } finally {
        ledger.close();
      }
    },
  );

  it('from version 3: a day of payment attempts is read through payments_by_created_at, the old rows included', () => {
    const dataDir = tempDataDir();
    buildLedgerAtVersion(path.join(dataDir, 'ledger.sqlite'), 3);
    const ledger = openLedger({ dataDir, training: false, log: quiet });
    try {
      const sql = `SELECT status, count(*) AS payments FROM payments WHERE created_at >= ? AND created_at < ? GROUP BY status ORDER BY status`;
      const day = ['2024-11-02T00:00:00.000Z', '2024-11-03T00:00:00.000Z'];
      const plan = (ledger.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...day) as { detail: string }[]).map((row) => row.detail).join('; ');
      expect(plan).toContain('USING INDEX payments_by_created_at (created_at>? AND created_at<?)');
      expect(ledger.db.prepare(sql).all(...day)).toEqual([
        { status: 'pending', payments: 1 },
        { status: 'successful', payments: 1 },
      ]);
    } finally {
      ledger.close();
    }
  });

  it('reaching a version step by step gives the same schema as all at once', () => {
    const dump = (db: Database.Database) =>
      (db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as object[]).map((row) => JSON.stringify(row));
    const stepwise = new Database(':memory:');
    for (let version = 1; version <= LATEST_SCHEMA_VERSION; version++) migrate(stepwise, { to: version });
    const direct = new Database(':memory:');
    migrate(direct);
    expect(dump(stepwise)).toEqual(dump(direct));
  });

  it('a migration that fails leaves the file at the version before it, with nothing half-done', () => {
    const dataDir = tempDataDir();
    const db = new Database(path.join(dataDir, 'ledger.sqlite'));
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);' }];
    expect(() => migrate(db, { migrations: broken })).toThrow(/no_such_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half_done'`).get()).toBeUndefined();
    db.close();
  });

  it('a newer database is refused with a clear sentence, and the file stays byte for byte the same', () => {
    const dataDir = tempDataDir();
    const ledger = openTestLedger({ dataDir });
    momoSale(ledger);
    ledger.close();
    const file = path.join(dataDir, 'ledger.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = sha(file);
    const filesBefore = readdirSync(dataDir).sort();

    const error = thrown(() => openLedger({ dataDir, training: false, log: quiet }));
    expect(error.code).toBe('LEDGER_TOO_NEW');
    expect(error.message).toContain(
      `This ledger was written by a newer version of MoMo POS (schema ${LATEST_SCHEMA_VERSION + 5}; this app knows ${LATEST_SCHEMA_VERSION}). Update the app; the file was not changed.`,
    );
    expect(sha(file)).toBe(before);
    expect(readdirSync(dataDir).sort()).toEqual(filesBefore); // no -wal, -shm or backups appeared
  });
});

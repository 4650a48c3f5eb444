/**
 * The day's report and export while the till is open — the normal case —
 * and after it was killed: the CLI learns the schema through SQLite read-only,
 * which sees the WAL, not from the file header, which lags behind it. A
 * newer app's ledger is still refused and left byte for byte.
 * Real child processes: a till writing sales, `npm run pos` (tsx), SIGKILL.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { businessDayOf, LATEST_SCHEMA_VERSION, schemaVersionOfFile } from '../../../electron/core/ledger';
import { formatDate } from '../../../shared/dates';
import { exited, lines, openTestLedger, pos, removeTempDirs, startWriter, tempDataDir } from '../../helpers/ledger';

afterAll(removeTempDirs);
const sha = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent');

/** Resolves once the child has printed `count` receipts. */
function receipts(printed: ReturnType<typeof lines>, count: number): Promise<string[]> {
  return new Promise((resolve) => {
    const check = () => {
      const found = printed.all.filter((line) => line.startsWith('R '));
      if (found.length >= count) resolve(found.map((line) => line.split(' ')[1]!));
    };
    printed.onLine(check);
    check();
  });
}

describe('report and export on a running till', () => {
  it('a new install with the till open (schema only in the WAL), then the till killed: report, export and verify read it all', async () => {
    const dataDir = tempDataDir('running');
    const file = path.join(dataDir, 'ledger.sqlite');
    const till = await startWriter({ dataDir, deviceId: 'POS1', count: 0, pauseMs: 100 });
    const printed = lines(till);
    try {
      await receipts(printed, 6);
      // The issue's case: the header still says schema 0, everything else is in the WAL.
      expect(schemaVersionOfFile(file)).toBe(0);
      const day = businessDayOf(new Date(), 0);

      const report = pos(['report', '--data-dir', dataDir]);
      expect(report.stderr).toBe('');
      expect(report.status).toBe(0);
      expect(report.stdout).toContain('DAY REPORT\n');
      expect(report.stdout).toMatch(new RegExp(`\\nBusiness day +${formatDate(`${day}T12:00:00Z`, 'en', { timeZone: 'UTC' })}\\n`));
      expect(report.stdout).toMatch(/\nPrinted +.* · POS1\n/);
      expect(report.stdout).toMatch(/\n {2}Total +\d+/);

      const out = path.join(dataDir, 'today.csv');
      const exported = pos(['export', '--from', day, '--out', out, '--data-dir', dataDir]);
      expect(exported.stderr).toBe('');
      expect(exported.status).toBe(0);
      expect(readFileSync(out, 'utf8').trimEnd().split('\r\n').length).toBeGreaterThan(6);
    } finally {
      till.kill('SIGKILL');
    }
    expect((await exited(till)).signal).toBe('SIGKILL');
    const written = printed.all.filter((line) => line.startsWith('R ')).map((line) => line.split(' ')[1]!);
    const before = { main: sha(file), wal: sha(`${file}-wal`) };
    // The killed till left writes in its WAL that no checkpoint has carried into the file.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);

    const day = businessDayOf(new Date(), 0);
    const report = pos(['report', '--data-dir', dataDir]);
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    const out = path.join(dataDir, 'after-kill.csv');
    const exported = pos(['export', '--from', day, '--out', out, '--data-dir', dataDir]);
    expect(exported.status).toBe(0);
    const csv = readFileSync(out, 'utf8');
    // Every receipt the till printed before it was killed is in the export.
    for (const receipt of written) expect(csv).toContain(`${receipt},`);
    const verified = pos(['verify', '--data-dir', dataDir]);
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toMatch(/^Ledger OK: \d+ entries/);
    // Reading never checkpoints: the killed till's file and WAL are as it left them.
    expect({ main: sha(file), wal: sha(`${file}-wal`) }).toEqual(before);
  });

  it('a newer app whose new schema is only in its WAL (still running): refused, and its file and WAL stay byte for byte', () => {
    const dataDir = tempDataDir('newer');
    const file = path.join(dataDir, 'ledger.sqlite');
    openTestLedger({ dataDir }).close();
    const newerApp = new Database(file);
    try {
      newerApp.pragma('wal_autocheckpoint = 0');
      newerApp.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
      newerApp.exec("INSERT INTO settings (key, value, updated_at) VALUES ('newer.app', '1', '2030-01-01T00:00:00.000Z')");
      expect(schemaVersionOfFile(file)).toBe(LATEST_SCHEMA_VERSION);
      const before = { main: sha(file), wal: sha(`${file}-wal`) };
      for (const args of [['report'], ['export', '--from', '2025-03-10', '--out', path.join(dataDir, 'x.csv')], ['verify']]) {
        const run = pos([...args, '--data-dir', dataDir]);
        expect(run.status).toBe(3);
        expect(run.stderr).toContain(`was written by a newer version of MoMo POS (schema ${LATEST_SCHEMA_VERSION + 1}; this app knows ${LATEST_SCHEMA_VERSION})`);
      }
      expect({ main: sha(file), wal: sha(`${file}-wal`) }).toEqual(before);
      expect(existsSync(path.join(dataDir, 'x.csv'))).toBe(false);
    } finally {
      newerApp.close();
    }
  });
});

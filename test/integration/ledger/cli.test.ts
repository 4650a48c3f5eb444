/** `npm run pos -- verify …` as a real child process. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/ledger';
import { momoSale, openTestLedger, pos, removeTempDirs, settle, tempDataDir } from '../../helpers/ledger';

afterAll(removeTempDirs);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('pos verify', () => {
  it('exits 0 with the entry count when the chain holds, and leaves the file as it was', () => {
    const dataDir = tempDataDir();
    const l = openTestLedger({ dataDir });
    settle(l, momoSale(l).payment.id);
    l.close();
    const before = sha(path.join(dataDir, 'ledger.sqlite'));
    const run = pos(['verify', '--data-dir', dataDir]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Ledger OK: 3 entries/);
    expect(sha(path.join(dataDir, 'ledger.sqlite'))).toBe(before);
  });

  it('--training checks training.sqlite; MOMO_POS_DATA_DIR is used when --data-dir is absent', () => {
    const dataDir = tempDataDir();
    const l = openTestLedger({ dataDir, training: true });
    momoSale(l);
    l.close();
    const run = pos(['verify', '--training'], { MOMO_POS_DATA_DIR: dataDir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Ledger OK: 2 entries (${path.join(dataDir, 'training.sqlite')})`);
    const live = pos(['verify'], { MOMO_POS_DATA_DIR: dataDir });
    expect(live.status).toBe(3);
    expect(live.stderr).toContain(`There is no sale ledger at ${path.join(dataDir, 'ledger.sqlite')}`);
  });

  it('a newer ledger: says so, exit 3, file untouched', () => {
    const dataDir = tempDataDir();
    openTestLedger({ dataDir }).close();
    const file = path.join(dataDir, 'ledger.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = sha(file);
    const run = pos(['verify', '--data-dir', dataDir]);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/newer version of MoMo POS/);
    expect(sha(file)).toBe(before);
  });

  it('usage mistakes exit 2 with the usage text: unknown subcommand, none at all, unknown option', () => {
    const unknown = pos(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
    expect(unknown.stderr).toMatch(/verify \[--data-dir D\] \[--training\]/);
    expect(pos([]).status).toBe(2);
    const option = pos(['verify', '--data-dri', '/tmp']);
    expect(option.status).toBe(2);
    expect(option.stderr).toMatch(/Unknown option '--data-dri'/);
  });
});

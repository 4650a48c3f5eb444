import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { PosError } from '../../../shared/errors';
import { LATEST_SCHEMA_VERSION, openLedger, restoreLedger, verifyLedger } from '../../../electron/core/ledger';
import { momoSale, openTestLedger, pos, removeTempDirs, settle, tempDataDir } from '../../helpers/ledger';

afterEach(removeTempDirs);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function refusal(fn: () => unknown): PosError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PosError);
    return error as PosError;
  }
  throw new Error('was not refused');
}

describe('backups', () => {
  it('backupTo copies the live ledger (online backup API) into a file that is intact and verifies', async () => {
    const l = openTestLedger();
    for (let i = 0; i < 20; i++) settle(l, momoSale(l, 100 + i).payment.id);
    const target = path.join(tempDataDir('copies'), 'nested', 'copy.sqlite');
    const copying = l.backupTo(target);
    momoSale(l, 999); // the till keeps working meanwhile
    await copying;
    l.close();
    expect(readdirSync(path.dirname(target))).toEqual(['copy.sqlite']); // one self-contained file, no partial left beside it
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyLedger(copy).ok).toBe(true);
    expect((copy.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n).toBeGreaterThanOrEqual(20);
    copy.close();
    expect(readdirSync(path.dirname(target))).toEqual(['copy.sqlite']); // and opening it read-only left nothing behind
  });

  it('refuses to back up onto the ledger itself', async () => {
    const l = openTestLedger();
    await expect(l.backupTo(l.path)).rejects.toMatchObject({ code: 'VALIDATION', field: 'file' });
    l.close();
  });

  it('daily: one backup per day into <dataDir>/backups/, the newest 14 kept', async () => {
    const dataDir = tempDataDir();
    let day = new Date(2025, 0, 1, 12, 0);
    const l = openLedger({ dataDir, training: false, deviceId: 'POS1', now: () => day, log: () => {} });
    momoSale(l);
    const first = await l.ensureDailyBackup();
    expect(first).toBe(path.join(dataDir, 'backups', 'ledger-2025-01-01.sqlite'));
    expect(await l.ensureDailyBackup()).toBeUndefined(); // same day: nothing new
    writeFileSync(path.join(dataDir, 'backups', 'ledger-before-v9-from-v8-x.sqlite'), 'pre-migration copy');
    for (let i = 1; i < 20; i++) {
      day = new Date(2025, 0, 1 + i, 12, 0);
      momoSale(l);
      await l.ensureDailyBackup();
    }
    l.close();
    const daily = readdirSync(path.join(dataDir, 'backups')).filter((name) => /^ledger-\d{4}-\d{2}-\d{2}\.sqlite$/.test(name)).sort();
    expect(daily).toHaveLength(14);
    expect(daily[0]).toBe('ledger-2025-01-07.sqlite');
    expect(daily.at(-1)).toBe('ledger-2025-01-20.sqlite');
    expect(existsSync(path.join(dataDir, 'backups', 'ledger-before-v9-from-v8-x.sqlite'))).toBe(true); // not a daily copy: left alone
  });

  it('backupOnOpen takes today’s backup in the background; training copies are named apart', async () => {
    const dataDir = tempDataDir();
    const l = openLedger({ dataDir, training: true, backupOnOpen: true, now: () => new Date(2025, 5, 2, 9), log: () => {} });
    const expected = path.join(dataDir, 'backups', 'training-2025-06-02.sqlite');
    for (let i = 0; i < 100 && !existsSync(expected); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    l.close();
    expect(existsSync(expected)).toBe(true);
  });
});

describe('restore', () => {
  async function ledgerWithBackup() {
    const dataDir = tempDataDir();
    const l = openTestLedger({ dataDir });
    const kept = momoSale(l, 1111);
    settle(l, kept.payment.id);
    const backup = path.join(tempDataDir('copies'), 'friday.sqlite');
    await l.backupTo(backup);
    const later = momoSale(l, 2222);
    l.close();
    return { dataDir, backup, kept: kept.sale, later: later.sale, file: path.join(dataDir, 'ledger.sqlite') };
  }

  it('puts a good backup in place and keeps the replaced ledger beside it under a new name', async () => {
    const { dataDir, backup, kept, later } = await ledgerWithBackup();
    const result = restoreLedger(backup, { dataDir, training: false });
    expect(path.dirname(result.previousKeptAt!)).toBe(dataDir);
    expect(path.basename(result.previousKeptAt!)).toMatch(/^ledger-replaced-.*\.sqlite$/);
    const l = openTestLedger({ dataDir });
    try {
      expect(l.getSale(kept.id)?.status).toBe('paid');
      expect(l.getSale(later.id)).toBeUndefined();
      expect(l.verify().ok).toBe(true);
    } finally {
      l.close();
    }
    const previous = new Database(result.previousKeptAt!, { readonly: true });
    expect((previous.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n).toBe(2);
    previous.close();
  });

  it('refuses a backup whose journal does not verify, naming the entry, and changes nothing', async () => {
    const { dataDir, backup, file } = await ledgerWithBackup();
    const db = new Database(backup);
    db.exec('DROP TRIGGER sales_fixed_columns; UPDATE sales SET amount_minor = 1 WHERE receipt_seq = 1');
    db.close();
    const before = sha(file);
    const error = refusal(() => restoreLedger(backup, { dataDir, training: false }));
    expect(error.code).toBe('LEDGER_TAMPERED');
    expect(error.message).toMatch(/does not verify at journal #1 \(sale.created for receipt POS1-000001\): sales row amount 1 ≠ journaled 1111/);
    expect(sha(file)).toBe(before);
    // `pos restore` says verify's finding in the shell's language, with exit 1, and still changes nothing.
    const english = pos(['restore', '--from', backup, '--data-dir', dataDir]);
    expect(english.status).toBe(1);
    expect(english.stderr).toContain('Not restored: The backup does not verify: journal #1 (sale.created for receipt POS1-000001): sales row amount 1 ≠ journaled 1111.');
    const french = pos(['restore', '--from', backup, '--data-dir', dataDir], { LANG: 'fr_RW.UTF-8' });
    expect(french.status).toBe(1);
    expect(french.stderr).toContain('Non remis : La sauvegarde ne se vérifie pas : entrée n° 1 du journal (sale.created, reçu POS1-000001) : ligne de sales, montant 1 ≠ 1111 dans le journal. Le registre est resté tel quel.');
    expect(french.stderr).not.toMatch(/does not verify|journaled|sales row/);
    expect(sha(file)).toBe(before);
    expect(readdirSync(dataDir).filter((name) => name.startsWith('.restoring'))).toEqual([]);
  });

  it('refuses a damaged file, a file that is not a ledger, a training backup for the live ledger, and a newer one', async () => {
    const { dataDir, backup, file } = await ledgerWithBackup();
    const before = sha(file);
    const copies = tempDataDir('bad');

    const truncated = path.join(copies, 'truncated.sqlite');
    writeFileSync(truncated, readFileSync(backup).subarray(0, 4096 + 100));
    expect(refusal(() => restoreLedger(truncated, { dataDir, training: false })).code).toBe('VALIDATION');

    const notLedger = path.join(copies, 'notes.txt');
    writeFileSync(notLedger, 'shopping list');
    expect(refusal(() => restoreLedger(notLedger, { dataDir, training: false })).field).toBe('backupFile');

    const trainingDir = tempDataDir('training');
    const t = openLedger({ dataDir: trainingDir, training: true, log: () => {} });
    const trainingBackup = path.join(copies, 'training.sqlite');
    await t.backupTo(trainingBackup);
    t.close();
    expect(refusal(() => restoreLedger(trainingBackup, { dataDir, training: false })).message).toMatch(/training ledger; it cannot replace the live one/);

    const newer = path.join(copies, 'newer.sqlite');
    copyFileSync(backup, newer);
    const db = new Database(newer);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    expect(refusal(() => restoreLedger(newer, { dataDir, training: false })).code).toBe('LEDGER_TOO_NEW');

    expect(sha(file)).toBe(before);
  });
});

/**
 * A damaged ledger is never used and never copied; `pos verify` names the real
 * cause; `pos restore` puts a checked backup back and keeps the damaged file.
 * Real files, damaged the way a shop PC damages them.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { describeLedgerFault } from '../../../shared/messages';
import { describeFailure } from '../../../shared/error-text';
import type { PosFailure } from '../../../shared/contract';
import { ensureDailyBackup, LedgerDamagedError, openLedger, verifyLedger, type Ledger } from '../../../electron/core/ledger';
import { createRouter } from '../../../electron/core/api';
import { appStartFails } from '../../helpers/app-child';
import { momoSale, pos, removeTempDirs, ROOT, rowCounts, settle, steppingClock, tempDataDir } from '../../helpers/ledger';

afterEach(removeTempDirs);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** What the issue did: 4,096 random bytes written at offset 150,000. */
function damage(file: string, offset = 150_000, bytes = randomBytes(4096)): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

function ring(l: Ledger, count: number): void {
  for (let i = 0; i < count; i++) settle(l, momoSale(l, 1000 + i).payment.id);
}

/** A ledger well past 154 KB with a good daily backup of its first half; closed (checkpointed). */
async function ledgerWithBackup(training = false) {
  const dataDir = tempDataDir('damage');
  const l = openLedger({ dataDir, training, deviceId: 'POS1', now: steppingClock('2026-12-03T08:00:00.000Z'), log: () => {} });
  ring(l, 250);
  const backup = (await l.ensureDailyBackup())!;
  ring(l, 250);
  const file = l.path;
  l.close();
  return { dataDir, file, backup };
}

const backupsOf = (dataDir: string) => readdirSync(path.join(dataDir, 'backups')).sort();

describe('a damaged ledger', () => {
  it('is refused at open, byte for byte untouched and never copied, with a sentence naming the newest good backup', async () => {
    const { dataDir, file, backup } = await ledgerWithBackup();
    damage(file);
    const before = sha(file);
    const backupsBefore = backupsOf(dataDir);
    let refused: unknown;
    try {
      openLedger({ dataDir, training: false, log: () => {}, backupOnOpen: true }).close();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(LedgerDamagedError);
    const error = refused as LedgerDamagedError;
    expect(error.code).toBe('LEDGER_DAMAGED');
    expect(error.facts.backup?.file).toBe(backup);
    expect(error.message).toContain(backup);
    expect(error.message).toContain(`npm run pos -- restore --from "${backup}" --data-dir "${dataDir}"`);
    expect(sha(file)).toBe(before);
    expect(backupsOf(dataDir)).toEqual(backupsBefore);
    // In each language, with the backup and the command.
    for (const language of ['en', 'fr', 'rw'] as const) {
      const text = describeLedgerFault({ cause: 'damaged', file, detail: error.facts.detail, backup, restore: error.facts.restore! }, language);
      expect(`${text.sentence} ${text.nextStep}`).toContain(backup);
      expect(text.nextStep).toContain('npm run pos -- restore --from');
    }
    expect(describeLedgerFault({ cause: 'damaged', file }, 'fr').sentence).toMatch(/endommagé/);
  });

  it('is refused by the app’s own start-up, which says why and how to restore', async () => {
    const { dataDir, file, backup } = await ledgerWithBackup(true);
    damage(file);
    const before = sha(file);
    const { exitCode, output } = await appStartFails(dataDir);
    expect(exitCode).toBe(1);
    expect(output).toContain('MoMo POS could not start');
    expect(output).toContain(`The sale ledger ${file} is damaged`);
    expect(output).toContain(`restore --from "${backup}" --data-dir "${dataDir}" --training`);
    expect(sha(file)).toBe(before);
    expect(backupsOf(dataDir)).toEqual([path.basename(backup)]);
  }, 90_000);

  it('pos verify says DAMAGED with the backup; pos restore checks the backup, keeps the damaged file beside it, deletes nothing', async () => {
    const { dataDir, file, backup } = await ledgerWithBackup();
    damage(file);
    const damagedSha = sha(file);
    const backupSha = sha(backup);

    const verify = pos(['verify', '--data-dir', dataDir]);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toContain(`Ledger DAMAGED: The sale ledger ${file} is damaged`);
    expect(verify.stdout).toContain(`restore --from "${backup}"`);

    // A damaged copy is not restored: the ledger stays as it was.
    const bad = path.join(tempDataDir('bad-copy'), 'ledger-bad.sqlite');
    copyFileSync(file, bad);
    const refused = pos(['restore', '--from', bad, '--data-dir', dataDir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Not restored: .*damaged/);
    expect(sha(file)).toBe(damagedSha);

    // While the app has the ledger open, restore refuses and changes nothing.
    const holder = new Database(file, { readonly: true }); // a connection that holds the WAL index, as the app does
    holder.prepare('SELECT count(*) FROM journal').get();
    const busy = pos(['restore', '--from', backup, '--data-dir', dataDir]);
    holder.close();
    expect(busy.status).toBe(1);
    expect(busy.stderr).toContain('close the app first');
    expect(readdirSync(dataDir).filter((name) => name.startsWith('ledger-replaced-'))).toEqual([]);

    const restored = pos(['restore', '--from', backup, '--data-dir', dataDir]);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    const kept = readdirSync(dataDir).filter((name) => /^ledger-replaced-.*\.sqlite$/.test(name));
    expect(kept).toHaveLength(1);
    expect(sha(path.join(dataDir, kept[0]!))).toBe(damagedSha); // the damaged file, byte for byte, under a new name
    expect(sha(backup)).toBe(backupSha); // the backup is still there, unchanged
    expect(pos(['verify', '--data-dir', dataDir]).stdout).toContain('Ledger OK');
    const l = openLedger({ dataDir, training: false, log: () => {} });
    expect(l.listSales({ limit: 1000 })).toHaveLength(250);
    l.close();
  }, 90_000);

  it('a daily backup is checked before it takes its name: none is made from a damaged file', async () => {
    const { dataDir, file } = await ledgerWithBackup();
    damage(file);
    const db = new Database(file); // a connection that never checked (as if the damage came while the app ran)
    const backupsBefore = backupsOf(dataDir);
    try {
      await expect(ensureDailyBackup({ db, training: false, dataDir, now: () => new Date('2026-12-05T10:00:00Z') })).rejects.toMatchObject({ code: 'LEDGER_DAMAGED' });
    } finally {
      db.close();
    }
    expect(backupsOf(dataDir)).toEqual(backupsBefore); // no copy, no partial left behind
  });
});

describe('damage found while the app runs', () => {
  it('the router answers LEDGER_DAMAGED (not INTERNAL) and tells to restart for the backup hint', async () => {
    const { file } = await ledgerWithBackup();
    const probe = new Database(file, { readonly: true });
    const root = (probe.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'sales'`).get() as { rootpage: number }).rootpage;
    probe.close();
    damage(file, (root - 1) * 4096 + 8, Buffer.alloc(64, 0xff)); // the sales table's root page: its cell pointers
    const db = new Database(file, { readonly: true }); // as if the sector went bad after the check at open
    try {
      const router = createRouter([{ 'sale.list': async () => db.prepare('SELECT * FROM sales').all() } as never]);
      const answer = await router.call('sale.list', {});
      expect(answer).toMatchObject({ ok: false, code: 'LEDGER_DAMAGED' });
      expect((answer as { message: string }).message).toContain('Close the app and start it again');
      // The screen says it from the answer's key, in the cashier's language.
      expect(describeFailure(answer as PosFailure, 'fr').sentence).toMatch(/endommagé/);
      expect(describeFailure(answer as PosFailure, 'rw').sentence).toMatch(/yangiritse/);
    } finally {
      db.close();
    }
  });
});

describe('pos verify and the read-only opener name the real cause', () => {
  async function healthy() {
    const { dataDir, file, backup } = await ledgerWithBackup();
    return { dataDir, file, backup };
  }

  it('a truncated file: cut short, with the backup hint (exit 3)', async () => {
    const { dataDir, file, backup } = await healthy();
    truncateSync(file, 40_000);
    const run = pos(['verify', '--data-dir', dataDir]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(`The sale ledger ${file} is cut short`);
    expect(run.stderr).toContain(`restore --from "${backup}"`);
    expect(run.stderr).not.toMatch(/not a MoMo POS ledger/);
    // The app refuses it the same way, with the hint (it used to say "malformed" and stop there).
    expect(() => openLedger({ dataDir, training: false, log: () => {} })).toThrow(/is damaged \(the file ends in the middle of a page.*restore --from/);
  });

  it('a header that is not SQLite: says so (exit 3)', async () => {
    const { dataDir, file } = await healthy();
    damage(file, 0, Buffer.from('this is no sqlite file at all'));
    const run = pos(['verify', '--data-dir', dataDir]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('does not start like an SQLite database');
  });

  it('random bytes where the schema number lives: damage, not “a newer version” (exit 3)', async () => {
    const { dataDir, file, backup } = await healthy();
    damage(file, 60, Buffer.from([0x85, 0x13, 0x39, 0xf7])); // 2232629751, as the issue saw
    const run = pos(['verify', '--data-dir', dataDir]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('is damaged: its header names schema 2232629751, which no version of MoMo POS ever wrote');
    expect(run.stderr).toContain(backup);
    expect(run.stderr).not.toMatch(/newer version|Update the app/);
    expect(() => openLedger({ dataDir, training: false, log: () => {} })).toThrow(LedgerDamagedError);
  });

  it('a missing file: says there is none (exit 3), in French when the shell speaks French', () => {
    const dataDir = tempDataDir('missing');
    const run = pos(['verify', '--data-dir', dataDir], { LANG: 'fr_RW.UTF-8' });
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(`Il n’y a pas de journal des ventes à ${path.join(dataDir, 'ledger.sqlite')}`);
  });

  it('a healthy ledger on a read-only mount: checked from a copy, Ledger OK', async (context) => {
    const { file } = await healthy();
    const mount = tempDataDir('ro-mount');
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mount]).status !== 0) return context.skip(); // needs root (CI and this machine have it)
    try {
      copyFileSync(file, path.join(mount, 'ledger.sqlite'));
      expect(spawnSync('mount', ['-o', 'remount,ro', mount]).status).toBe(0);
      const before = readdirSync(mount);
      const run = pos(['verify', '--data-dir', mount]);
      expect(run.stdout).toContain('Ledger OK: ');
      expect(run.status).toBe(0);
      expect(run.stderr).toContain('The data folder is read-only');
      expect(readdirSync(mount)).toEqual(before);
    } finally {
      spawnSync('umount', [mount]);
    }
  });
});

describe('backups survive a wrong clock', () => {
  it('rotation goes by what each copy holds: a backup made with the clock in 2001 is kept, the oldest copy goes, and the log says so', async () => {
    const dataDir = tempDataDir('rotation');
    let now = new Date('2026-11-20T10:00:00Z');
    const logs: string[] = [];
    const l = openLedger({ dataDir, training: false, deviceId: 'POS1', now: () => now, log: (line) => logs.push(line) });
    for (let day = 0; day < 14; day++) {
      now = new Date(Date.parse('2026-11-20T10:00:00Z') + day * 86_400_000);
      momoSale(l);
      await l.ensureDailyBackup();
    }
    expect(backupsOf(dataDir)).toHaveLength(14);
    now = new Date('2001-01-01T10:00:00Z'); // the CMOS battery died
    const made = await l.ensureDailyBackup();
    l.close();
    expect(made).toBe(path.join(dataDir, 'backups', 'ledger-2001-01-01.sqlite'));
    const names = backupsOf(dataDir);
    expect(names).toHaveLength(14);
    expect(names).toContain('ledger-2001-01-01.sqlite'); // the copy just made, holding the whole journal
    expect(names).not.toContain('ledger-2026-11-20.sqlite'); // the copy holding the least of it
    const line = logs.filter((entry) => entry.startsWith('daily ledger backups:')).at(-1)!;
    expect(line).toContain('made ledger-2001-01-01.sqlite');
    expect(line).toMatch(/removed ledger-2026-11-20\.sqlite \(journal #\d+\)/);
  });

  it('never removes the copy just made nor the last one that passed its check, even when others look newer', async () => {
    const dataDir = tempDataDir('rotation-keep');
    const l = openLedger({ dataDir, training: false, deviceId: 'POS1', now: () => new Date('2026-12-04T10:00:00Z'), log: () => {} });
    momoSale(l);
    // A bigger ledger's copy under a later date ranks first by what it holds.
    const other = openLedger({ dataDir: tempDataDir('other'), training: false, deviceId: 'POS2', now: steppingClock('2026-12-01T08:00:00.000Z'), log: () => {} });
    ring(other, 5);
    mkdirSync(path.join(dataDir, 'backups'), { recursive: true });
    await other.backupTo(path.join(dataDir, 'backups', 'ledger-2030-01-01.sqlite'));
    other.close();
    const made = await ensureDailyBackup({ db: l.db, training: false, dataDir, now: () => new Date('2026-12-04T10:00:00Z') }, 1);
    l.close();
    expect(made).toBeDefined();
    expect(existsSync(made!)).toBe(true);
    expect(backupsOf(dataDir)).toEqual(['ledger-2026-12-04.sqlite', 'ledger-2030-01-01.sqlite']);
  });
});

describe('the restored ledger', () => {
  it('verifies and keeps counting from the backup (the damaged file’s rows are not merged in)', async () => {
    const { dataDir, file, backup } = await ledgerWithBackup();
    damage(file);
    expect(pos(['restore', '--from', backup, '--data-dir', dataDir]).status).toBe(0);
    const l = openLedger({ dataDir, training: false, log: () => {} });
    try {
      expect(verifyLedger(l.db, { integrityCheck: true }).ok).toBe(true);
      expect(rowCounts(l.db).sales).toBe(250);
    } finally {
      l.close();
    }
  }, 60_000);
});

describe('permission: a ledger this user may not read', () => {
  const nobody = spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' });
  const asNobody = process.getuid?.() === 0 && nobody.status === 0;

  /** `pos verify` as the unprivileged user nobody (root reads everything, so the test needs another user). */
  function verifyAsNobody(dataDir: string) {
    const run = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '--import', 'tsx', path.join(ROOT, 'electron/core/cli/pos.ts'), 'verify', '--data-dir', dataDir], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, HOME: '/tmp' },
      timeout: 60_000,
    });
    return { status: run.status, stderr: run.stderr, stdout: run.stdout };
  }

  it.skipIf(!asNobody)('a file it may not read, and a folder it may not enter: permission, not “missing” or “not a ledger” (exit 3)', async () => {
    const { dataDir, file } = await ledgerWithBackup();
    chmodSync(dataDir, 0o755);
    chmodSync(file, 0o600);
    const unreadable = verifyAsNobody(dataDir);
    expect(unreadable.status).toBe(3);
    expect(unreadable.stderr).toContain(`The sale ledger ${file} cannot be read here: this user may not read it (EACCES)`);
    chmodSync(file, 0o644);
    chmodSync(dataDir, 0o700);
    const hidden = verifyAsNobody(dataDir);
    expect(hidden.status).toBe(3);
    expect(hidden.stderr).toContain('cannot be read here');
    expect(hidden.stderr).not.toMatch(/There is no sale ledger/);
  }, 120_000);
});

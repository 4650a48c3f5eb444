/**
 * Copies of the ledger: on demand (SQLite's online backup API, safe while
 * the app writes), once a day into <dataDir>/backups/ keeping the last 14,
 * before every migration, and restore from a copy that proves intact.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { privateDir, privateFile } from './file-modes';
import Database from 'better-sqlite3';
import { PosError, ValidationError } from '../../../shared/errors';
import { ledgerFileName } from '../data-dir';
import { businessDayOf } from './business-day';
import { migrate, schemaVersion, tooNewError, LATEST_SCHEMA_VERSION } from './schema';
import { LEDGER_KIND_KEY } from './settings';
import { backupsNewestFirst, passesCheck } from './health';
import { verifyLedger } from './verify';
import type { BrokenEntry } from './types';


/** A backup whose journal does not verify: the English sentence as before, and verify's finding for a caller that says it in another language. */
export class BackupDoesNotVerify extends PosError {
  readonly finding: BrokenEntry;
  constructor(finding: BrokenEntry) {
    super('LEDGER_TAMPERED', 'error.ledger.backupDoesNotVerify', { where: finding.seq !== null && finding.where ? ` at ${finding.where}: ${finding.what}` : `: ${finding.reason}` });
    this.finding = finding;
  }
}

export const BACKUP_FOLDER = 'backups';
export const DAILY_BACKUPS_KEPT = 14;

export function backupDir(dataDir: string): string {
  return path.join(dataDir, BACKUP_FOLDER);
}

const stem = (training: boolean) => (training ? 'training' : 'ledger');
const stamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** `ledger-2025-01-31.sqlite` / `training-2025-01-31.sqlite` */
export function dailyBackupName(training: boolean, day: string): string {
  return `${stem(training)}-${day}.sqlite`;
}

const DAILY = (training: boolean) => new RegExp(`^${stem(training)}-\\d{4}-\\d{2}-\\d{2}\\.sqlite$`);

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform lets a directory be opened (Windows); the rename is still atomic there.
  }
}

/** A copy is one file that opens anywhere, even read-only: rollback journal mode, not WAL. */
function selfContained(file: string): void {
  const copy = new Database(file);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** Online backup into `file` (written beside it first, then renamed: never a half copy under the final name). */
export async function backupTo(db: Database.Database, file: string): Promise<void> {
  if (typeof file !== 'string' || file.trim() === '') throw new ValidationError('file', 'error.ledger.sayWhereBackupGoes');
  const target = path.resolve(file);
  if (target === path.resolve(db.name)) throw new ValidationError('file', 'error.ledger.backupCannotOverwriteLedger');
  privateDir(path.dirname(target));
  const partial = `${target}.partial-${randomUUID().slice(0, 8)}`;
  try {
    await db.backup(partial);
    privateFile(partial);
    selfContained(partial);
    // Checked after it is written, before it takes its name: a copy of a damaged ledger is never made.
    checkCopy(partial, db.name);
    renameSync(partial, target);
    fsyncDir(path.dirname(target));
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** quick_check of a copy under its temporary name (see passesCheck for why not the full integrity_check). */
function checkCopy(copyFile: string, of: string): void {
  if (!passesCheck(copyFile)) {
    throw new PosError('LEDGER_DAMAGED', 'error.ledger.backupFailedItsIntegrity', { of });
  }
}

/** A consistent copy right now, synchronously (VACUUM INTO): before migrating or restoring. */
export function snapshotTo(db: Database.Database, file: string): void {
  privateDir(path.dirname(file));
  const partial = `${file}.partial-${randomUUID().slice(0, 8)}`;
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    privateFile(partial);
    selfContained(partial);
    renameSync(partial, file);
    fsyncDir(path.dirname(file));
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

export function backupBeforeMigration(db: Database.Database, dataDir: string, training: boolean, from: number, to: number, at: Date): string {
  const file = path.join(backupDir(dataDir), `${stem(training)}-before-v${to}-from-v${from}-${stamp(at)}.sqlite`);
  snapshotTo(db, file);
  return file;
}

export interface DailyBackupTarget {
  db: Database.Database;
  training: boolean;
  dataDir: string;
  now: () => Date;
  /** What the rotation kept and removed. */
  log?: (line: string) => void;
}

/**
 * Today's backup, unless there is one already (checked after it is written);
 * then keeps the `keep` daily copies that were made last. "Made last" is read
 * from each copy itself (its journal head: a later copy holds more of the
 * journal, whatever the clock said when it was named), the file's time only
 * breaking ties. The copy just made and the newest one that passes its
 * integrity check are never removed. Returns the new file, or undefined when
 * today's existed.
 */
export async function ensureDailyBackup(target: DailyBackupTarget, keep = DAILY_BACKUPS_KEPT): Promise<string | undefined> {
  if (!Number.isSafeInteger(keep) || keep < 1) throw new ValidationError('keep', 'error.ledger.keepLeastOneBackup');
  const dir = backupDir(target.dataDir);
  const file = path.join(dir, dailyBackupName(target.training, businessDayOf(target.now())));
  let made: string | undefined;
  if (!existsSync(file)) {
    await backupTo(target.db, file);
    made = file;
  }
  const daily = backupsNewestFirst(dir, target.training).filter((backup) => DAILY(target.training).test(path.basename(backup.file)));
  const kept = new Set(daily.slice(0, keep).map((backup) => backup.file));
  if (made) kept.add(made);
  // The copy just made passed its check; otherwise look for the newest that passes, only when something would go.
  const lastGood = made ?? (daily.length > kept.size ? daily.find((backup) => backup.head && passesCheck(backup.file))?.file : undefined);
  if (lastGood) kept.add(lastGood);
  const removed = daily.filter((backup) => !kept.has(backup.file));
  for (const old of removed) rmSync(old.file, { force: true });
  if (made || removed.length > 0) {
    const name = (backup: { file: string; head: { seq: number } | undefined }) => `${path.basename(backup.file)} (${backup.head ? `journal #${backup.head.seq}` : 'unreadable'})`;
    target.log?.(
      `daily ledger backups: ${made ? `made ${path.basename(made)}; ` : ''}kept ${daily.filter((backup) => kept.has(backup.file)).map(name).join(', ')}` +
        (removed.length > 0 ? `; removed ${removed.map(name).join(', ')}` : ''),
    );
  }
  return made;
}

export interface RestoreOptions {
  dataDir: string;
  training: boolean;
  now?: () => Date;
}

/**
 * Puts a backup in place of the ledger. Refuses a copy that is damaged, not a
 * ledger, of the other kind (training vs live), too new, or whose journal does
 * not verify. The ledger being replaced is kept beside it, renamed
 * `ledger-replaced-<time>.sqlite` with its -wal/-shm: nothing is deleted.
 * Call with the ledger closed (no open connection in any process).
 */
export function restoreLedger(backupFile: string, options: RestoreOptions): { restoredFrom: string; previousKeptAt?: string } {
  if (typeof backupFile !== 'string' || backupFile.trim() === '') throw new ValidationError('backupFile', 'error.ledger.chooseBackupFile');
  if (typeof options?.dataDir !== 'string' || options.dataDir.trim() === '') throw new ValidationError('dataDir', 'error.ledger.dataFolderNeeded');
  const source = path.resolve(backupFile);
  if (!existsSync(source)) throw new ValidationError('backupFile', 'error.ledger.noFile', { source });
  const now = options.now ?? (() => new Date());
  const target = path.join(options.dataDir, ledgerFileName(options.training));
  if (source === path.resolve(target)) throw new ValidationError('backupFile', 'error.ledger.ledgerItselfNotBackup');
  privateDir(options.dataDir);
  const header = readHeaderVersion(source);
  if (header === 'not-sqlite') throw new ValidationError('backupFile', 'error.ledger.notMomoPosLedger2', { source });
  if (header > LATEST_SCHEMA_VERSION) throw tooNewError(header, source);

  const staging = path.join(options.dataDir, `.restoring-${randomUUID().slice(0, 8)}.sqlite`);
  try {
    let copy: Database.Database;
    try {
      copy = new Database(source, { readonly: true, fileMustExist: true });
    } catch {
      throw new ValidationError('backupFile', 'error.ledger.cannotOpenedAsLedger', { source });
    }
    try {
      let rows: string[];
      try {
        rows = (copy.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
      } catch (error) {
        rows = [(error as Error).message];
      }
      if (rows.join() !== 'ok') throw new ValidationError('backupFile', 'error.ledger.damagedIntegrityCheck', { source, value: rows.slice(0, 2).join('; ') });
      const version = schemaVersion(copy);
      if (version === 0) throw new ValidationError('backupFile', 'error.ledger.notMomoPosLedger2', { source });
      if (version > LATEST_SCHEMA_VERSION) throw tooNewError(version, source);
      const kind = copy.prepare('SELECT value FROM settings WHERE key = ?').get(LEDGER_KIND_KEY) as { value: string } | undefined;
      const expected = options.training ? 'training' : 'live';
      if (kind && JSON.parse(kind.value) !== expected) {
        throw new ValidationError('backupFile', 'error.ledger.ledgerCannotReplaceOne', { source, value: JSON.parse(kind.value) as string, expected });
      }
      copy.prepare('VACUUM INTO ?').run(staging);
    } finally {
      copy.close();
    }

    const staged = new Database(staging);
    try {
      migrate(staged);
      const verdict = verifyLedger(staged, { integrityCheck: true });
      if (!verdict.ok) {
        throw new BackupDoesNotVerify(verdict.firstBroken);
      }
    } finally {
      staged.close();
    }

    let previousKeptAt: string | undefined;
    if (existsSync(target)) {
      if (inUse(target)) throw new PosError('CONFLICT', 'error.ledger.openMomoPosAnother', { target });
      // The replaced ledger (often damaged: the reason for restoring) stays beside it under a new name, byte for byte,
      // its -wal and -shm with it (a stale -wal beside the new file would be replayed into it). Nothing is deleted.
      previousKeptAt = path.join(options.dataDir, `${stem(options.training)}-replaced-${stamp(now())}.sqlite`);
      if (existsSync(previousKeptAt)) previousKeptAt = previousKeptAt.replace(/\.sqlite$/, `-${randomUUID().slice(0, 8)}.sqlite`);
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(target + suffix)) renameSync(target + suffix, previousKeptAt + suffix);
      }
    }
    renameSync(staging, target);
    fsyncDir(options.dataDir);
    return previousKeptAt ? { restoredFrom: source, previousKeptAt } : { restoredFrom: source };
  } finally {
    rmSync(staging, { force: true });
  }
}

/**
 * Whether another connection (the running app) holds the ledger: it keeps the -shm locked while open, so an
 * exclusive lock cannot be had. Without -wal and -shm no WAL connection is open, and the file is not touched.
 */
function inUse(file: string): boolean {
  if (!existsSync(`${file}-wal`) && !existsSync(`${file}-shm`)) return false;
  let probe: Database.Database | undefined;
  try {
    probe = new Database(file, { fileMustExist: true, timeout: 0 });
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'SQLITE_BUSY';
  } finally {
    try {
      probe?.close();
    } catch {
      // A damaged file may refuse the checkpoint at close: it is kept as it is.
    }
  }
}

/**
 * user_version straight from the file header (bytes 60-63), without letting
 * SQLite touch the file: a newer app's ledger must stay byte for byte as it is.
 */
export function readHeaderVersion(file: string): number | 'not-sqlite' {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(100);
    const read = readSync(fd, header);
    if (read === 0) return 0;
    if (read < 100 || header.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000') return 'not-sqlite';
    return header.readUInt32BE(60);
  } finally {
    closeSync(fd);
  }
}

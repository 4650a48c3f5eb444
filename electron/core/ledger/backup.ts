/**
 * Copies of the ledger: on demand (SQLite's online backup API, safe while
 * the app writes), once a day into <dataDir>/backups/ keeping the last 14,
 * before every migration, and restore from a copy that proves intact.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readdirSync, readSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { privateDir, privateFile } from './file-modes';
import Database from 'better-sqlite3';
import { PosError, ValidationError } from '../../../shared/errors';
import { ledgerFileName } from '../data-dir';
import { businessDayOf } from './business-day';
import { migrate, schemaVersion, tooNewError, LATEST_SCHEMA_VERSION } from './schema';
import { LEDGER_KIND_KEY } from './settings';
import { verifyLedger } from './verify';

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
  if (typeof file !== 'string' || file.trim() === '') throw new ValidationError('file', 'Say where the backup goes.');
  const target = path.resolve(file);
  if (target === path.resolve(db.name)) throw new ValidationError('file', 'A backup cannot overwrite the ledger itself.');
  privateDir(path.dirname(target));
  const partial = `${target}.partial-${randomUUID().slice(0, 8)}`;
  try {
    await db.backup(partial);
    privateFile(partial);
    selfContained(partial);
    renameSync(partial, target);
    fsyncDir(path.dirname(target));
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
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
}

/**
 * Today's backup, unless there is one already; then keeps only the newest
 * `keep` daily copies. Returns the new file, or undefined when today's existed.
 */
export async function ensureDailyBackup(target: DailyBackupTarget, keep = DAILY_BACKUPS_KEPT): Promise<string | undefined> {
  if (!Number.isSafeInteger(keep) || keep < 1) throw new ValidationError('keep', 'Keep at least one backup.');
  const dir = backupDir(target.dataDir);
  const file = path.join(dir, dailyBackupName(target.training, businessDayOf(target.now())));
  let made: string | undefined;
  if (!existsSync(file)) {
    await backupTo(target.db, file);
    made = file;
  }
  const daily = readdirSync(dir)
    .filter((name) => DAILY(target.training).test(name))
    .sort()
    .reverse();
  for (const old of daily.slice(keep)) rmSync(path.join(dir, old), { force: true });
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
 * not verify. The ledger being replaced is kept in backups/ first.
 * Call with the ledger closed (no open connection in any process).
 */
export function restoreLedger(backupFile: string, options: RestoreOptions): { restoredFrom: string; previousKeptAt?: string } {
  if (typeof backupFile !== 'string' || backupFile.trim() === '') throw new ValidationError('backupFile', 'Choose a backup file.');
  if (typeof options?.dataDir !== 'string' || options.dataDir.trim() === '') throw new ValidationError('dataDir', 'A data folder is needed.');
  const source = path.resolve(backupFile);
  if (!existsSync(source)) throw new ValidationError('backupFile', `No file at ${source}.`);
  const now = options.now ?? (() => new Date());
  const target = path.join(options.dataDir, ledgerFileName(options.training));
  if (source === path.resolve(target)) throw new ValidationError('backupFile', 'That is the ledger itself, not a backup.');
  privateDir(options.dataDir);
  const header = readHeaderVersion(source);
  if (header === 'not-sqlite') throw new ValidationError('backupFile', `${source} is not a MoMo POS ledger backup.`);
  if (header > LATEST_SCHEMA_VERSION) throw tooNewError(header, source);

  const staging = path.join(options.dataDir, `.restoring-${randomUUID().slice(0, 8)}.sqlite`);
  try {
    let copy: Database.Database;
    try {
      copy = new Database(source, { readonly: true, fileMustExist: true });
    } catch {
      throw new ValidationError('backupFile', `${source} cannot be opened as a ledger.`);
    }
    try {
      let rows: string[];
      try {
        rows = (copy.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
      } catch (error) {
        rows = [(error as Error).message];
      }
      if (rows.join() !== 'ok') throw new ValidationError('backupFile', `${source} is damaged (integrity_check: ${rows.slice(0, 2).join('; ')}).`);
      const version = schemaVersion(copy);
      if (version === 0) throw new ValidationError('backupFile', `${source} is not a MoMo POS ledger backup.`);
      if (version > LATEST_SCHEMA_VERSION) throw tooNewError(version, source);
      const kind = copy.prepare('SELECT value FROM settings WHERE key = ?').get(LEDGER_KIND_KEY) as { value: string } | undefined;
      const expected = options.training ? 'training' : 'live';
      if (kind && JSON.parse(kind.value) !== expected) {
        throw new ValidationError('backupFile', `${source} is a ${JSON.parse(kind.value) as string} ledger; it cannot replace the ${expected} one.`);
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
        const first = verdict.firstBroken;
        const where = first.seq !== null && first.where ? ` at ${first.where}: ${first.what}` : `: ${first.reason}`;
        throw new PosError('LEDGER_TAMPERED', `The backup does not verify${where}. Nothing was restored.`);
      }
    } finally {
      staged.close();
    }

    let previousKeptAt: string | undefined;
    if (existsSync(target)) {
      previousKeptAt = path.join(backupDir(options.dataDir), `${stem(options.training)}-before-restore-${stamp(now())}.sqlite`);
      keepPrevious(target, previousKeptAt);
    }
    // A stale -wal beside the new file would be replayed into it: the old one must go with its file.
    for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
    renameSync(staging, target);
    fsyncDir(options.dataDir);
    return previousKeptAt ? { restoredFrom: source, previousKeptAt } : { restoredFrom: source };
  } finally {
    rmSync(staging, { force: true });
  }
}

function keepPrevious(target: string, keptAt: string): void {
  try {
    const current = new Database(target, { fileMustExist: true });
    try {
      snapshotTo(current, keptAt);
      current.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      current.close();
    }
  } catch {
    // The old file may be damaged (the reason for restoring): keep its bytes as they are.
    privateDir(path.dirname(keptAt));
    copyFileSync(target, keptAt);
    if (existsSync(`${target}-wal`)) copyFileSync(`${target}-wal`, `${keptAt}-wal`);
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

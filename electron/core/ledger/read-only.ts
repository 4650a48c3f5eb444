/**
 * The one way to open a ledger file read-only (the CLI's report, export and
 * verify): never a migration, never a journal entry, never a checkpoint.
 *
 * The schema version is learned through SQLite opened read-only, which sees
 * the `-wal` file: while the app runs (or after it was killed) the newest
 * pages, user_version included, are often only in the WAL, and the file
 * header lags behind. A header already past this app's schema is a newer
 * app's file: it is refused without being opened. A version found newer
 * inside the WAL is refused too; a read-only connection writes neither the
 * database file nor its WAL, so a newer app's ledger stays byte for byte.
 */
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { inspectHeader, isCorruption } from './health';
import { LATEST_SCHEMA_VERSION } from './schema';

export type ReadOnlyRefusal =
  | { problem: 'missing' }
  | { problem: 'not-a-ledger' }
  | { problem: 'newer'; schemaVersion: number }
  | { problem: 'older'; schemaVersion: number }
  /** The file or its folder cannot be read by this user. */
  | { problem: 'permission'; detail: string }
  | { problem: 'truncated'; detail: string }
  /** Damage: SQLite refused the file, or its header is broken. */
  | { problem: 'damaged'; detail: string }
  /** Damage in the header: a schema number no version of the app wrote (not "a newer app"). */
  | { problem: 'implausible-schema'; schemaVersion: number };

export interface ReadOnlyLedgerFile {
  db: Database.Database;
  schemaVersion: number;
  /** Set when the folder is read-only (a read-only mount): the file was read from a private copy, made first. */
  readFromCopy?: string;
}

export interface ReadOnlyOptions {
  /** Verify reads an older schema as it is; a report or an export needs the current one. */
  acceptOlder?: boolean;
}

/** Can this process create the -shm index beside the file? Not on a read-only mount, nor without write access to the folder. */
function folderWritable(file: string): boolean {
  try {
    accessSync(path.dirname(file), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function openLedgerFileReadOnly(file: string, options: ReadOnlyOptions = {}): ReadOnlyLedgerFile | ReadOnlyRefusal {
  const header = inspectHeader(file);
  switch (header.cause) {
    case 'ok':
      break;
    case 'missing':
      return { problem: 'missing' };
    case 'not-sqlite':
      return { problem: 'not-a-ledger' };
    // A schema version never goes down: past ours in the header is past ours for good.
    case 'newer':
      return { problem: 'newer', schemaVersion: header.schemaVersion };
    case 'implausible-schema':
      return { problem: 'implausible-schema', schemaVersion: header.schemaVersion };
    case 'permission':
      return { problem: 'permission', detail: header.detail };
    case 'truncated':
      return { problem: 'truncated', detail: header.detail };
    case 'damaged':
      return { problem: 'damaged', detail: header.detail };
    default:
      return { problem: 'damaged', detail: header.cause };
  }
  if (header.empty) return { problem: 'not-a-ledger' };
  // A WAL ledger opened read-only needs its -shm index beside it. On a read-only mount SQLite cannot make
  // one: read a private copy of the file (and of its -wal, so nothing written is missed) instead.
  let readFromCopy: string | undefined;
  let source = file;
  if (!folderWritable(file)) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'momo-pos-read-'));
    source = path.join(dir, path.basename(file));
    try {
      copyFileSync(file, source);
      if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${source}-wal`);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      return { problem: 'permission', detail: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
    readFromCopy = dir;
  }
  const refuse = (refusal: ReadOnlyRefusal): ReadOnlyRefusal => {
    if (readFromCopy) rmSync(readFromCopy, { recursive: true, force: true });
    return refusal;
  };
  let db: Database.Database;
  try {
    db = new Database(source, { readonly: true, fileMustExist: true });
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (isCorruption(error)) return refuse({ problem: 'damaged', detail: (error as Error).message });
    return refuse({ problem: 'permission', detail: `SQLite cannot open it (${code || (error as Error).message})` });
  }
  let schemaVersion: number;
  try {
    schemaVersion = db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    db.close();
    if (isCorruption(error)) return refuse({ problem: 'damaged', detail: (error as Error).message });
    return refuse({ problem: 'permission', detail: `SQLite cannot read it (${(error as { code?: string }).code ?? (error as Error).message})` });
  }
  if (schemaVersion > LATEST_SCHEMA_VERSION || (schemaVersion < LATEST_SCHEMA_VERSION && !options.acceptOlder)) {
    db.close();
    return refuse({ problem: schemaVersion > LATEST_SCHEMA_VERSION ? 'newer' : 'older', schemaVersion });
  }
  if (readFromCopy) {
    const dir = readFromCopy;
    const close = db.close.bind(db);
    db.close = () => {
      const result = close();
      rmSync(dir, { recursive: true, force: true });
      return result;
    };
  }
  return readFromCopy ? { db, schemaVersion, readFromCopy } : { db, schemaVersion };
}

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
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { readHeaderVersion } from './backup';
import { LATEST_SCHEMA_VERSION } from './schema';

export type ReadOnlyRefusal =
  | { problem: 'missing' }
  | { problem: 'not-a-ledger' }
  | { problem: 'newer'; schemaVersion: number }
  | { problem: 'older'; schemaVersion: number };

export interface ReadOnlyLedgerFile {
  db: Database.Database;
  schemaVersion: number;
}

export interface ReadOnlyOptions {
  /** Verify reads an older schema as it is; a report or an export needs the current one. */
  acceptOlder?: boolean;
}

export function openLedgerFileReadOnly(file: string, options: ReadOnlyOptions = {}): ReadOnlyLedgerFile | ReadOnlyRefusal {
  if (!existsSync(file)) return { problem: 'missing' };
  const header = readHeaderVersion(file);
  if (header === 'not-sqlite') return { problem: 'not-a-ledger' };
  // A schema version never goes down: past ours in the header is past ours for good.
  if (header > LATEST_SCHEMA_VERSION) return { problem: 'newer', schemaVersion: header };
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    return { problem: 'not-a-ledger' };
  }
  let schemaVersion: number;
  try {
    schemaVersion = db.pragma('user_version', { simple: true }) as number;
  } catch {
    db.close();
    return { problem: 'not-a-ledger' };
  }
  if (schemaVersion > LATEST_SCHEMA_VERSION || (schemaVersion < LATEST_SCHEMA_VERSION && !options.acceptOlder)) {
    db.close();
    return { problem: schemaVersion > LATEST_SCHEMA_VERSION ? 'newer' : 'older', schemaVersion };
  }
  return { db, schemaVersion };
}

/**
 * Opens a ledger file read-only for a report or an export: the file is never
 * changed (no migration, no journal entry). A ledger from an older app
 * version is left for the app to migrate; a newer one is refused.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { resolveDataDir } from '../data-dir';
import { LATEST_SCHEMA_VERSION, ledgerPath, schemaVersionOfFile } from '../ledger';
import { readSettings, type Settings } from '../settings';
import { EXIT, type CommandIo } from './commands';

export interface OpenedLedger {
  db: Database.Database;
  file: string;
  settings: Settings;
  deviceId: string;
  close(): void;
}

/** The ledger, or the exit code after saying why not. */
export function openLedgerReadOnly(options: { dataDir?: string; training: boolean }, io: CommandIo): OpenedLedger | number {
  const dataDir = resolveDataDir(options.dataDir, io.env);
  const file = ledgerPath(dataDir, options.training);
  if (!existsSync(file)) {
    io.err(`No ledger at ${file}.`);
    return EXIT.cannotRun;
  }
  const version = schemaVersionOfFile(file);
  if (version === 'not-sqlite') {
    io.err(`${file} is not a MoMo POS ledger.`);
    return EXIT.cannotRun;
  }
  if (version > LATEST_SCHEMA_VERSION) {
    io.err(`${file} was written by a newer version of MoMo POS (schema ${version}; this one knows ${LATEST_SCHEMA_VERSION}). Update the app first.`);
    return EXIT.cannotRun;
  }
  if (version < LATEST_SCHEMA_VERSION) {
    io.err(`${file} is from an older version of MoMo POS (schema ${version}). Open the app once to update it, then run this again.`);
    return EXIT.cannotRun;
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const read = (key: string): unknown => {
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
  };
  const settings = readSettings({ getSetting: <T>(key: string) => read(key) as T | undefined, setSetting: () => {} });
  const deviceId = typeof read('ledger.deviceId') === 'string' ? (read('ledger.deviceId') as string) : '';
  return { db, file, settings, deviceId, close: () => db.close() };
}

/** Today as the business day, in local time. */
export function today(dayStartsAtHour: number, now = new Date()): string {
  const local = new Date(now.getTime());
  if (local.getHours() < dayStartsAtHour) local.setDate(local.getDate() - 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

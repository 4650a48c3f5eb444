/**
 * Opens a ledger file read-only for a report, an export or verify (through
 * the ledger's one read-only opener, which sees the WAL of a running or
 * killed app): the file is never changed. A ledger from an older app version
 * is left for the app to migrate (verify reads it as it is); a newer one is
 * refused.
 */
import type Database from 'better-sqlite3';
import { settleDataDir } from '../data-dir';
import { LATEST_SCHEMA_VERSION, ledgerPath, openLedgerFileReadOnly, type ReadOnlyRefusal } from '../ledger';
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
export function openLedgerReadOnly(options: { dataDir?: string; training: boolean; acceptOlder?: boolean }, io: CommandIo): OpenedLedger | number {
  const dataDir = settleDataDir(options.dataDir, io.env, io.err);
  const file = ledgerPath(dataDir, options.training);
  const opened = openLedgerFileReadOnly(file, { acceptOlder: options.acceptOlder ?? false });
  if ('problem' in opened) {
    io.err(refusalSentence(file, opened));
    return EXIT.cannotRun;
  }
  const { db } = opened;
  const read = (key: string): unknown => {
    try {
      const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
    } catch {
      // An older schema (verify reads it as it is) may not have this setting, or the table.
      return undefined;
    }
  };
  const settings = readSettings({ getSetting: <T>(key: string) => read(key) as T | undefined, setSetting: () => {} });
  const deviceId = typeof read('ledger.deviceId') === 'string' ? (read('ledger.deviceId') as string) : '';
  return { db, file, settings, deviceId, close: () => db.close() };
}

function refusalSentence(file: string, refusal: ReadOnlyRefusal): string {
  switch (refusal.problem) {
    case 'missing':
      return `No ledger at ${file}.`;
    case 'not-a-ledger':
      return `${file} is not a MoMo POS ledger.`;
    case 'newer':
      return `${file} was written by a newer version of MoMo POS (schema ${refusal.schemaVersion}; this one knows ${LATEST_SCHEMA_VERSION}). Update the app first.`;
    case 'older':
      return `${file} is from an older version of MoMo POS (schema ${refusal.schemaVersion}). Open the app once to update it, then run this again.`;
  }
}

/** Today as the business day, in local time. */
export function today(dayStartsAtHour: number, now = new Date()): string {
  const local = new Date(now.getTime());
  if (local.getHours() < dayStartsAtHour) local.setDate(local.getDate() - 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

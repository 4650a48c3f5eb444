/**
 * Opens a ledger file read-only for a report, an export or verify (through
 * the ledger's one read-only opener, which sees the WAL of a running or
 * killed app): the file is never changed. A ledger from an older app version
 * is left for the app to migrate (verify reads it as it is); a newer one is
 * refused.
 */
import type Database from 'better-sqlite3';
import { settleDataDir } from '../data-dir';
import { describeLedgerFault, type Language, type LedgerFault } from '../../../shared/messages';
import { translate, shellLanguage } from '../../../shared/i18n';
import { backupDir, LATEST_SCHEMA_VERSION, ledgerPath, newestGoodBackup, openLedgerFileReadOnly, restoreCommand, type ReadOnlyRefusal } from '../ledger';
import { readSettings, type Settings } from '../settings';
import { EXIT, type CommandIo } from './command';


export interface OpenedLedger {
  db: Database.Database;
  file: string;
  dataDir: string;
  /** Set when the folder is read-only: the ledger was read from a private copy. */
  readFromCopy?: string;
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
    io.err(refusalSentence(file, opened, dataDir, options.training, shellLanguage(io.env)));
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
  return { db, file, dataDir, ...(opened.readFromCopy ? { readFromCopy: opened.readFromCopy } : {}), settings, deviceId, close: () => db.close() };
}

/** The damaged ledger's newest good backup and the command that puts it back, for the sentence. */
export function backupFacts(dataDir: string, training: boolean): Pick<LedgerFault, 'backup' | 'restore'> {
  const backup = newestGoodBackup(backupDir(dataDir), training);
  return backup ? { backup: backup.file, restore: restoreCommand(backup.file, dataDir, training) } : {};
}

function refusalSentence(file: string, refusal: ReadOnlyRefusal, dataDir: string, training: boolean, language: Language): string {
  const say = (fault: LedgerFault) => {
    const text = describeLedgerFault(fault, language);
    return text.nextStep ? `${text.sentence} ${text.nextStep}` : text.sentence;
  };
  switch (refusal.problem) {
    case 'missing':
      return say({ cause: 'missing', file });
    case 'not-a-ledger':
      return say({ cause: 'not-sqlite', file });
    case 'newer':
      return say({ cause: 'newer', file, schemaVersion: refusal.schemaVersion, known: LATEST_SCHEMA_VERSION });
    case 'older':
      return translate(language, 'cli.ledgerOlder', { file, schema: refusal.schemaVersion });
    case 'permission':
      return say({ cause: 'permission', file, detail: refusal.detail });
    case 'truncated':
      return say({ cause: 'truncated', file, detail: refusal.detail, ...backupFacts(dataDir, training) });
    case 'damaged':
      return say({ cause: 'damaged', file, detail: refusal.detail, ...backupFacts(dataDir, training) });
    case 'implausible-schema':
      return say({ cause: 'implausible-schema', file, schemaVersion: refusal.schemaVersion, ...backupFacts(dataDir, training) });
  }
}

/**
 * Is this ledger file fit to use? What a shop PC does to a file besides a
 * crash: a damaged sector, a truncated copy, a read-only or locked folder, a
 * full disk. Each gets its own cause, so that start-up, `pos verify` and
 * restore say what happened and what to do, and a damaged file is never used
 * nor copied.
 */
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PosError } from '../../../shared/errors';
import { LATEST_SCHEMA_VERSION } from './schema';

/**
 * A schema number this far past ours was never written by any version of the
 * app (one migration per change, a handful a year): it is damage in the
 * header, not a newer app.
 */
export const PLAUSIBLE_SCHEMA_AHEAD = 1000;

export type FileCause =
  | { cause: 'missing' }
  | { cause: 'permission'; detail: string }
  | { cause: 'read-only'; detail: string }
  | { cause: 'truncated'; detail: string }
  | { cause: 'not-sqlite' }
  | { cause: 'implausible-schema'; schemaVersion: number }
  | { cause: 'damaged'; detail: string }
  | { cause: 'newer'; schemaVersion: number };

export type HeaderVerdict = { cause: 'ok'; schemaVersion: number; empty: boolean } | FileCause;

/**
 * Reads the 100-byte header and the file's size, without SQLite: a newer
 * app's file and a damaged one stay byte for byte as they are.
 */
export function inspectHeader(file: string): HeaderVerdict {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A folder this user may not enter hides the file: that is permission, not "missing".
    if (code === 'EACCES' || code === 'EPERM') return { cause: 'permission', detail: `this user may not read it (${code})` };
    if (code === 'ENOENT' || code === 'ENOTDIR') return { cause: 'missing' };
    throw error;
  }
  try {
    const size = statSync(file).size;
    if (size === 0) return { cause: 'ok', schemaVersion: 0, empty: true };
    const header = Buffer.alloc(100);
    const read = readSync(fd, header, 0, 100, 0);
    if (read < 16 || header.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000') return { cause: 'not-sqlite' };
    if (read < 100) return { cause: 'truncated', detail: `the file is only ${size} bytes long` };
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    const powerOfTwo = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) === 0;
    if (!powerOfTwo || header[21] !== 64 || header[22] !== 32 || header[23] !== 32) {
      return { cause: 'damaged', detail: 'the file header is damaged' };
    }
    if (size % pageSize !== 0) return { cause: 'truncated', detail: `the file ends in the middle of a page (${size} bytes, pages of ${pageSize})` };
    // The page count in the header is valid when the change counter matches its copy (SQLite ≥ 3.7.0 writes both).
    const pages = header.readUInt32BE(28);
    if (header.readUInt32BE(24) === header.readUInt32BE(92) && pages > 0 && pages * pageSize > size) {
      return { cause: 'truncated', detail: `the file holds ${size / pageSize} of its ${pages} pages` };
    }
    const schemaVersion = header.readUInt32BE(60);
    if (schemaVersion > LATEST_SCHEMA_VERSION + PLAUSIBLE_SCHEMA_AHEAD) return { cause: 'implausible-schema', schemaVersion };
    if (schemaVersion > LATEST_SCHEMA_VERSION) return { cause: 'newer', schemaVersion };
    return { cause: 'ok', schemaVersion, empty: false };
  } finally {
    closeSync(fd);
  }
}

/** SQLite's own words for a file it cannot trust. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'));
}

/**
 * PRAGMA quick_check: every page and b-tree read, without the index-content
 * cross-check of integrity_check (O(N), not O(N log N)): the check at open.
 * Returns undefined when the file is sound, else what SQLite found.
 */
export function quickCheck(db: Database.Database, full = false): string | undefined {
  try {
    const rows = db.pragma(full ? 'integrity_check(5)' : 'quick_check(5)') as Record<string, string>[];
    const messages = rows.map((row) => Object.values(row)[0] ?? '');
    return messages.join() === 'ok' ? undefined : messages.slice(0, 3).join('; ');
  } catch (error) {
    if (isCorruption(error)) return (error as Error).message;
    throw error;
  }
}

export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

export function diskFullError(): PosError {
  return new PosError('DISK_FULL', 'error.ledger.diskFullAction');
}

export interface GoodBackup {
  file: string;
  /** The last journal entry it holds. */
  seq: number;
  lastAt: string | undefined;
}

/** What a backup holds: its journal head (made later ⇒ more entries, whatever the clock said) or why it cannot be read. */
export function backupHead(file: string): { seq: number; lastAt: string | undefined } | undefined {
  try {
    const header = inspectHeader(file);
    if (header.cause !== 'ok' || header.empty) return undefined;
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT seq, at FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; at: string } | undefined;
      return { seq: row?.seq ?? 0, lastAt: row?.at };
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

/** Backups of this kind in `dir`, the one holding most of the journal first (ties: the newer file). */
export function backupsNewestFirst(dir: string, training: boolean): { file: string; head: { seq: number; lastAt: string | undefined } | undefined; mtimeMs: number }[] {
  if (!existsSync(dir)) return [];
  const stem = training ? 'training-' : 'ledger-';
  return readdirSync(dir)
    .filter((name) => name.startsWith(stem) && name.endsWith('.sqlite'))
    .map((name) => {
      const file = path.join(dir, name);
      return { file, head: backupHead(file), mtimeMs: statSync(file).mtimeMs };
    })
    .sort((a, b) => (b.head?.seq ?? -1) - (a.head?.seq ?? -1) || b.mtimeMs - a.mtimeMs);
}

/**
 * A self-contained copy (a backup) that opens and passes quick_check (every
 * page and b-tree: what a damaged sector breaks). The full integrity_check
 * runs where someone asked for it (`pos verify`, restore): on a year's file it
 * takes ten times longer, and better-sqlite3 blocks the engine meanwhile.
 */
export function passesCheck(file: string): boolean {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return quickCheck(db) === undefined;
    } finally {
      db.close();
    }
  } catch {
    return false; // unreadable: not a good copy
  }
}

/** The newest backup that passes its check, or none. */
export function newestGoodBackup(dir: string, training: boolean): GoodBackup | undefined {
  for (const candidate of backupsNewestFirst(dir, training)) {
    if (candidate.head && passesCheck(candidate.file)) return { file: candidate.file, seq: candidate.head.seq, lastAt: candidate.head.lastAt };
  }
  return undefined;
}

/** How to put a backup back, as the owner types it. */
export function restoreCommand(backup: string, dataDir: string, training: boolean): string {
  return `npm run pos -- restore --from "${backup}" --data-dir "${dataDir}"${training ? ' --training' : ''}`;
}

export interface DamageFacts {
  file: string;
  /** What SQLite or the header check found. */
  detail: string;
  backup?: GoodBackup;
  restore?: string;
}

/** A damaged ledger, refused: it carries the facts so each language can say them (shared/messages describeLedgerFault, the catalogue's fault.* sentences). */
export class LedgerDamagedError extends PosError {
  readonly facts: DamageFacts;
  constructor(facts: DamageFacts) {
    const { file, detail } = facts;
    if (facts.backup && facts.restore) {
      const { seq, lastAt } = facts.backup;
      super('LEDGER_DAMAGED', 'error.ledger.damagedWithBackup', { file, detail, backup: facts.backup.file, upTo: lastAt ? `#${seq}, ${lastAt}` : `#${seq}`, restore: facts.restore });
    } else {
      super('LEDGER_DAMAGED', 'error.ledger.damagedNoBackup', { file, detail });
    }
    this.name = 'LedgerDamagedError';
    this.facts = facts;
  }
}

export function damagedLedgerError(file: string, detail: string, backupsIn: string, dataDir: string, training: boolean): LedgerDamagedError {
  const backup = newestGoodBackup(backupsIn, training);
  return new LedgerDamagedError(backup ? { file, detail, backup, restore: restoreCommand(backup.file, dataDir, training) } : { file, detail });
}

/**
 * The ledger's files hold the shop's sales and customers' numbers: on POSIX
 * systems its folders are 0700 and its files (database, WAL, shared memory,
 * backups, exports) 0600, whatever the umask. Windows keeps its own ACLs.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';

const POSIX = process.platform !== 'win32';

/** Creates the folder (and its parents) when missing; the folder itself becomes 0700. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) chmodSync(dir, 0o700);
}

/** The file, when it exists, becomes 0600 (SQLite then gives its WAL and shared-memory files the same mode). */
export function privateFile(file: string): void {
  if (POSIX && existsSync(file)) chmodSync(file, 0o600);
}

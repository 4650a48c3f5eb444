import type Database from 'better-sqlite3';
import { diskFullError, isDiskFull } from './health';

/** What every repository shares: the connection, this device, the clock. */
export interface LedgerContext {
  db: Database.Database;
  deviceId: string;
  training: boolean;
  now: () => Date;
  /** Runs fn in one BEGIN IMMEDIATE transaction: the write lock first, so two writers queue instead of deadlocking. A full disk is DISK_FULL. */
  write<T>(fn: () => T): T;
}

export function createContext(db: Database.Database, deviceId: string, training: boolean, now: () => Date): LedgerContext {
  return {
    db,
    deviceId,
    training,
    now,
    write: (fn) => {
      try {
        return db.transaction(fn).immediate();
      } catch (error) {
        // SQLite rolled the whole transaction back: nothing of this action is in the ledger, and the answer says so.
        if (isDiskFull(error)) throw diskFullError();
        throw error;
      }
    },
  };
}

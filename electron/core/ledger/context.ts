import type Database from 'better-sqlite3';

/** What every repository shares: the connection, this device, the clock. */
export interface LedgerContext {
  db: Database.Database;
  deviceId: string;
  training: boolean;
  now: () => Date;
  /** Runs fn in one BEGIN IMMEDIATE transaction: the write lock first, so two writers queue instead of deadlocking. */
  write<T>(fn: () => T): T;
}

export function createContext(db: Database.Database, deviceId: string, training: boolean, now: () => Date): LedgerContext {
  return {
    db,
    deviceId,
    training,
    now,
    write: (fn) => db.transaction(fn).immediate(),
  };
}

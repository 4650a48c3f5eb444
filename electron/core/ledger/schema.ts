/**
 * The ledger's schema, as numbered migrations (one file each in migrations/,
 * listed in order by migrations/index.ts): the single source of truth.
 * Each runs in one transaction and sets PRAGMA user_version to its number.
 * Never edit a shipped migration; add the next one. Written SQL is frozen on
 * purpose (no values pulled from code that may change later).
 */
import type Database from 'better-sqlite3';
import { PosError } from '../../../shared/errors';
import { MIGRATIONS, type Migration } from './migrations';

export { MIGRATIONS, type Migration } from './migrations';

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The guard triggers the latest schema has; verify reports any that went missing. */
export const GUARD_TRIGGERS = [
  'journal_no_update',
  'journal_no_delete',
  'payment_events_no_update',
  'payment_events_no_delete',
  'sales_no_delete',
  'payments_no_delete',
  'shifts_no_delete',
  'cash_movements_no_delete',
  'refunds_no_delete',
  'sales_fixed_columns',
  'payments_fixed_columns',
  'shifts_fixed_columns',
  'refunds_fixed_columns',
  'cash_movements_no_update',
  'z_reports_no_update',
  'z_reports_no_delete',
  'refund_events_no_update',
  'refund_events_no_delete',
  'refunds_via_fixed',
  'headoffice_acks_no_update',
  'headoffice_acks_no_delete',
  'headoffice_alarms_no_update',
  'headoffice_alarms_no_delete',
  'payments_kind_fixed',
  'text_receipts_no_delete',
  'text_receipts_message_fixed',
  'fiscal_receipts_no_delete',
  'fiscal_receipts_fixed',
] as const;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function tooNewError(found: number, file: string): PosError {
  return new PosError(
    'LEDGER_TOO_NEW',
    'error.ledger.tooNew',
    { found, known: LATEST_SCHEMA_VERSION, file },
  );
}

export interface MigrateOptions {
  /** Stop at this version (tests build every earlier version this way). */
  to?: number;
  migrations?: readonly Migration[];
  /** Called once, before the first migration runs on a database that already holds a schema. */
  beforeMigrating?: (from: number, to: number) => void;
}

/**
 * Brings the database up to `to` (default: the latest), one transaction per
 * migration. Safe against a second connection migrating at the same time:
 * the version is re-read under the write lock.
 */
export function migrate(db: Database.Database, options: MigrateOptions = {}): { from: number; to: number } {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const target = options.to ?? latest;
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${index + 1} is numbered ${migration.version}`);
  });
  const from = schemaVersion(db);
  if (from > latest) throw tooNewError(from, db.name);
  if (from < target && from > 0) options.beforeMigrating?.(from, target);
  for (const migration of migrations) {
    if (migration.version > target) break;
    db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from, to: Math.max(from, target) };
}

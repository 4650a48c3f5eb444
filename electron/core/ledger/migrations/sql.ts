/** What every ledger migration file shares: its shape and the SQL shorthands the frozen migrations were written with. */

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const appendOnly = (table: string, what: string) => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${what} is append-only'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${what} is append-only'); END;`;

export const neverDeleted = (table: string) => `
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} rows are never deleted'); END;`;

/** Columns the app writes once: changing them afterwards is tampering. */
export const fixedColumns = (table: string, columns: string[]) => `
CREATE TRIGGER ${table}_fixed_columns BEFORE UPDATE OF ${columns.join(', ')} ON ${table}
BEGIN SELECT RAISE(ABORT, '${table}: ${columns.join(', ')} never change once written'); END;`;

export const PAYMENT_STATUS_CHECK = `('recorded','sending','pending','unknown','timed_out','successful','failed','rejected','expired')`;

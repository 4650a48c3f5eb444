/** What every head-office migration file shares: its shape, the till role and the SQL shorthands the frozen migrations were written with. */

export interface HeadOfficeMigration {
  version: number;
  name: string;
  sql: string;
}

export const TILL_GROUP_ROLE = 'momo_pos_till';

export const appendOnly = (table: string) => `
CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON hq.${table} FOR EACH ROW EXECUTE FUNCTION hq.refuse_change();
CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON hq.${table} FOR EACH STATEMENT EXECUTE FUNCTION hq.refuse_change();`;

/**
 * `hq init`: creates or migrates head office's schema. Idempotent; one
 * transaction under an advisory lock, so two inits at once queue; a schema
 * newer than this code is refused and left as it is.
 */
import type pg from 'pg';
import { PosError } from '../../../shared/errors';
import { HQ_LATEST_VERSION, HQ_MIGRATIONS, type HeadOfficeMigration } from './schema';

const LOCK_KEY = 727_274_017;

export async function headOfficeSchemaVersion(client: pg.Client): Promise<number> {
  const exists = await client.query<{ found: boolean }>(`SELECT to_regclass('hq.schema_versions') IS NOT NULL AS found`);
  if (!exists.rows[0]?.found) return 0;
  const result = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM hq.schema_versions');
  return result.rows[0]?.version ?? 0;
}

export async function migrateHeadOffice(client: pg.Client, migrations: readonly HeadOfficeMigration[] = HQ_MIGRATIONS): Promise<{ from: number; to: number }> {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`head-office migration ${index + 1} is numbered ${migration.version}`);
  });
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await client.query('CREATE SCHEMA IF NOT EXISTS hq');
    await client.query(
      'CREATE TABLE IF NOT EXISTS hq.schema_versions (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    await client.query('REVOKE ALL ON hq.schema_versions FROM PUBLIC');
    const from = await headOfficeSchemaVersion(client);
    if (from > latest) {
      throw new PosError('CONFLICT', `Head office's schema is version ${from}, newer than this MoMo POS knows (${latest}). Update MoMo POS; nothing was changed.`);
    }
    for (const migration of migrations) {
      if (migration.version <= from) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO hq.schema_versions (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, latest) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

export { HQ_LATEST_VERSION };

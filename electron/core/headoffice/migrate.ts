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
    // No lock wait is endless: a till (or anyone) holding a lock makes init give up with a sentence, nothing changed.
    await client.query(`SET LOCAL lock_timeout = '${LOCK_WAIT_MS}ms'`);
    const existing = await client.query<{ found: boolean }>(`SELECT to_regclass('hq.schema_versions') IS NOT NULL AS found`);
    if (existing.rows[0]?.found) {
      // Two inits queue on a table only head office's owner may lock: a till role has no right to it.
      await client.query('LOCK TABLE hq.schema_versions IN SHARE ROW EXCLUSIVE MODE');
    } else {
      // The very first init (no till exists yet): an advisory lock, tried rather than waited for.
      const got = await client.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS got', [LOCK_KEY]);
      if (!got.rows[0]?.got) throw lockBusy();
    }
    await client.query('CREATE SCHEMA IF NOT EXISTS hq');
    await client.query(
      'CREATE TABLE IF NOT EXISTS hq.schema_versions (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    await client.query('REVOKE ALL ON hq.schema_versions FROM PUBLIC');
    const from = await headOfficeSchemaVersion(client);
    if (from > latest) {
      throw new PosError('CONFLICT', 'error.headoffice.headOfficeSSchema', { from, latest });
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
    if ((error as { code?: string }).code === '55P03') throw lockBusy();
    throw error;
  }
}

const LOCK_WAIT_MS = 15_000;

function lockBusy(): PosError {
  return new PosError(
    'CONFLICT',
    'error.headoffice.headOfficeSSchema2', { value: LOCK_WAIT_MS / 1000 },
  );
}

export { HQ_LATEST_VERSION };

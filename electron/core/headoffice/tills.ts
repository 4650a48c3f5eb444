/**
 * `hq add-till`: one PostgreSQL role per till, a member of momo_pos_till,
 * which may only EXECUTE hq.ingest. The password is made here and sent to
 * the server as a SCRAM verifier, so it never reaches head office's
 * statement log; the connection string is shown once and kept nowhere.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { PosError, ValidationError } from '../../../shared/errors';
import { CURRENCIES, isCurrency } from '../../../shared/money';
import { TILL_GROUP_ROLE } from './schema';

const SCRAM_ITERATIONS = 4096;

/** The verifier PostgreSQL stores for a SCRAM-SHA-256 password (RFC 5802 / 7677). */
export function scramVerifier(password: string, salt = randomBytes(16)): string {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, SCRAM_ITERATIONS, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${SCRAM_ITERATIONS}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

export interface AddedTill {
  name: string;
  role: string;
  /** The zone and hour its business days are counted in (add-till only). */
  timeZone?: string;
  dayStartsAtHour?: number;
  /** The till's own connection string: shown once, to be put in the till's keychain. */
  url: string;
}

export interface TillOptions {
  /** The till's currency, fixed now (else by its first entry that names one). */
  currency?: string;
  /** The till's IANA time zone, for its business day and hour (head office's own zone when not given). */
  timeZone?: string;
  /** The hour its business day starts (the till's dayStartsAtHour setting). */
  dayStartsAtHour?: number;
}

export async function addTill(client: pg.Client, adminUrl: string, name: string, options: TillOptions = {}): Promise<AddedTill> {
  if (options.currency !== undefined && !isCurrency(options.currency)) throw new ValidationError('currency', 'error.headoffice.notCurrencyMomoPos', { currency: options.currency, value: CURRENCIES.join(', ') });
  if (options.dayStartsAtHour !== undefined && !(Number.isInteger(options.dayStartsAtHour) && options.dayStartsAtHour >= 0 && options.dayStartsAtHour <= 23)) {
    throw new ValidationError('dayStartsAtHour', 'error.common.businessDayStartsWhole');
  }
  const cleanName = name.trim();
  if (cleanName.length === 0 || cleanName.length > 80) throw new ValidationError('name', 'error.headoffice.giveTillName1');
  const slug = cleanName.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 30) || 'till';
  const role = `momo_till_${slug}_${randomBytes(3).toString('hex')}`;
  const password = randomBytes(24).toString('base64url');
  let zone = '';
  await client.query('BEGIN');
  try {
    const taken = await client.query('SELECT 1 FROM hq.tills WHERE name = $1', [cleanName]);
    if (taken.rowCount) throw new ValidationError('name', 'error.headoffice.headOfficeAlreadyHas', { cleanName });
    const create = await client.query<{ sql: string }>(`SELECT format('CREATE ROLE %I LOGIN CONNECTION LIMIT 8 PASSWORD %L IN ROLE %I', $1::text, $2::text, $3::text) AS sql`, [
      role,
      scramVerifier(password),
      TILL_GROUP_ROLE,
    ]);
    await client.query(create.rows[0]!.sql);
    await client.query('SELECT hq.limit_till_role($1)', [role]);
    zone = options.timeZone ?? (await client.query<{ zone: string }>(`SELECT current_setting('TimeZone') AS zone`)).rows[0]!.zone;
    const known = await client.query('SELECT 1 FROM pg_timezone_names WHERE name = $1', [zone]);
    if (!known.rowCount) throw new ValidationError('timeZone', 'error.headoffice.notTimeZonePostgresql', { zone });
    await client.query('INSERT INTO hq.tills (name, role_name, currency, time_zone, day_starts_at_hour) VALUES ($1, $2, $3, $4, $5)', [
      cleanName,
      role,
      options.currency ?? null,
      zone,
      options.dayStartsAtHour ?? 0,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
  const url = new URL(adminUrl);
  url.username = role;
  url.password = password;
  return { name: cleanName, role, url: url.toString(), timeZone: zone, dayStartsAtHour: options.dayStartsAtHour ?? 0 };
}

export interface TillRow {
  id: number;
  name: string;
  role: string;
  deviceId: string | null;
  currency: string | null;
  timeZone: string;
  firstPushAt: string | null;
  lastPushAt: string | null;
  headSeq: bigint;
  openAlarms: number;
  revokedAt: string | null;
  retiredAt: string | null;
}

/** `hq tills`: every till, live and retired, with its binding and open alarms. */
export async function listTills(client: pg.Client): Promise<TillRow[]> {
  const rows = await client.query<{
    id: number; name: string; role_name: string; device_id: string | null; currency: string | null; time_zone: string;
    first_push_at: Date | null; last_push_at: Date | null; head_seq: string; open_alarms: number; revoked_at: Date | null; retired_at: Date | null;
  }>(
    `SELECT t.id, t.name, t.role_name, t.device_id, t.currency, t.time_zone, t.first_push_at, t.last_push_at, t.head_seq, t.revoked_at, t.retired_at,
            (SELECT count(*)::int FROM hq.alarms a WHERE a.till_id = t.id AND NOT EXISTS (SELECT 1 FROM hq.alarm_closures c WHERE c.alarm_id = a.id)) AS open_alarms
       FROM hq.tills t ORDER BY t.name, t.id`,
  );
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return rows.rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role_name,
    deviceId: r.device_id,
    currency: r.currency,
    timeZone: r.time_zone,
    firstPushAt: iso(r.first_push_at),
    lastPushAt: iso(r.last_push_at),
    headSeq: BigInt(r.head_seq),
    openAlarms: r.open_alarms,
    revokedAt: iso(r.revoked_at),
    retiredAt: iso(r.retired_at),
  }));
}

async function liveTill(client: pg.Client, name: string): Promise<{ id: number; role_name: string; revoked_at: Date | null }> {
  const found = await client.query<{ id: number; role_name: string; revoked_at: Date | null }>('SELECT id, role_name, revoked_at FROM hq.tills WHERE name = $1 AND retired_at IS NULL FOR UPDATE', [name]);
  if (!found.rows[0]) throw new PosError('NOT_FOUND', 'error.headoffice.headOfficeHasNo', { name });
  return found.rows[0];
}

async function inTransaction<T>(client: pg.Client, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    // An owner's command never waits forever behind a till's open transaction.
    await client.query(`SET LOCAL lock_timeout = '15s'`);
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    if ((error as { code?: string }).code === '55P03') throw new PosError('CONFLICT', 'error.headoffice.sessionProbablyTillPushing');
    throw error;
  }
}

/** Cuts the role's open sessions (a revoked or rotated till must not keep pushing on an old connection). */
async function endSessions(client: pg.Client, role: string): Promise<void> {
  await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()', [role]);
}

/** `hq revoke-till`: the role may no longer log in, its sessions are cut, ingest refuses it. Its journal and totals stay. */
export async function revokeTill(client: pg.Client, name: string): Promise<{ role: string }> {
  const till = await inTransaction(client, async () => {
    const till = await liveTill(client, name);
    const sql = await client.query<{ sql: string }>(`SELECT format('ALTER ROLE %I NOLOGIN', $1::text) AS sql`, [till.role_name]);
    await client.query(sql.rows[0]!.sql);
    await client.query('UPDATE hq.tills SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1', [till.id]);
    return till;
  });
  await endSessions(client, till.role_name);
  return { role: till.role_name };
}

/** `hq rotate-till`: a new password (the old one stops at once), its sessions cut; a revoked till may log in again. Shown once. */
export async function rotateTill(client: pg.Client, adminUrl: string, name: string): Promise<AddedTill> {
  const password = randomBytes(24).toString('base64url');
  const till = await inTransaction(client, async () => {
    const till = await liveTill(client, name);
    const sql = await client.query<{ sql: string }>(`SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', $1::text, $2::text) AS sql`, [till.role_name, scramVerifier(password)]);
    await client.query(sql.rows[0]!.sql);
    await client.query('UPDATE hq.tills SET revoked_at = NULL WHERE id = $1', [till.id]);
    return till;
  });
  await endSessions(client, till.role_name);
  const url = new URL(adminUrl);
  url.username = till.role_name;
  url.password = password;
  return { name, role: till.role_name, url: url.toString() };
}

/**
 * `hq unbind-till`: the till's chain so far is retired (kept, read-only, still in the reports) and its role starts a new chain
 * from nothing, for a reinstalled till with a new ledger. The old chain can never be pushed again (its first entry stays bound).
 */
export async function unbindTill(client: pg.Client, name: string): Promise<{ retiredId: number; newId: number }> {
  return inTransaction(client, async () => {
    const till = await liveTill(client, name);
    await client.query(`UPDATE hq.tills SET retired_at = now(), role_name = role_name || '#retired-' || id WHERE id = $1`, [till.id]);
    const fresh = await client.query<{ id: number }>(
      `INSERT INTO hq.tills (name, role_name, currency, time_zone, day_starts_at_hour, revoked_at)
         SELECT name, $2, currency, time_zone, day_starts_at_hour, revoked_at FROM hq.tills WHERE id = $1 RETURNING id`,
      [till.id, till.role_name],
    );
    return { retiredId: till.id, newId: fresh.rows[0]!.id };
  });
}

/** `hq set-till-zone`: the zone and day start a till's business days are counted in, for entries that arrive from now on (days already counted stay). */
export async function setTillZone(client: pg.Client, name: string, timeZone: string, dayStartsAtHour?: number): Promise<void> {
  if (dayStartsAtHour !== undefined && !(Number.isInteger(dayStartsAtHour) && dayStartsAtHour >= 0 && dayStartsAtHour <= 23)) {
    throw new ValidationError('dayStartsAtHour', 'error.common.businessDayStartsWhole');
  }
  const known = await client.query('SELECT 1 FROM pg_timezone_names WHERE name = $1', [timeZone]);
  if (!known.rowCount) throw new ValidationError('timeZone', 'error.headoffice.notTimeZonePostgresql2', { timeZone });
  await inTransaction(client, async () => {
    const till = await liveTill(client, name);
    await client.query('UPDATE hq.tills SET time_zone = $2, day_starts_at_hour = coalesce($3, day_starts_at_hour) WHERE id = $1', [till.id, timeZone, dayStartsAtHour ?? null]);
  });
}

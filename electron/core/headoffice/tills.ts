/**
 * `hq add-till`: one PostgreSQL role per till, a member of momo_pos_till,
 * which may only EXECUTE hq.ingest. The password is made here and sent to
 * the server as a SCRAM verifier, so it never reaches head office's
 * statement log; the connection string is shown once and kept nowhere.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { ValidationError } from '../../../shared/errors';
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
  /** The till's own connection string: shown once, to be put in the till's keychain. */
  url: string;
}

export async function addTill(client: pg.Client, adminUrl: string, name: string): Promise<AddedTill> {
  const cleanName = name.trim();
  if (cleanName.length === 0 || cleanName.length > 80) throw new ValidationError('name', 'Give the till a name of 1 to 80 characters, e.g. "Counter 2".');
  const slug = cleanName.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 30) || 'till';
  const role = `momo_till_${slug}_${randomBytes(3).toString('hex')}`;
  const password = randomBytes(24).toString('base64url');
  await client.query('BEGIN');
  try {
    const taken = await client.query('SELECT 1 FROM hq.tills WHERE name = $1', [cleanName]);
    if (taken.rowCount) throw new ValidationError('name', `Head office already has a till named "${cleanName}".`);
    const create = await client.query<{ sql: string }>(`SELECT format('CREATE ROLE %I LOGIN CONNECTION LIMIT 8 PASSWORD %L IN ROLE %I', $1::text, $2::text, $3::text) AS sql`, [
      role,
      scramVerifier(password),
      TILL_GROUP_ROLE,
    ]);
    await client.query(create.rows[0]!.sql);
    await client.query('INSERT INTO hq.tills (name, role_name) VALUES ($1, $2)', [cleanName, role]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
  const url = new URL(adminUrl);
  url.username = role;
  url.password = password;
  return { name: cleanName, role, url: url.toString() };
}

/**
 * Connections to head office's PostgreSQL (node-postgres). URLs carry a
 * password: only describeUrl() of one is ever shown or logged.
 */
import pg from 'pg';
import { noticeOf, PosError, type Notice } from '../../../shared/errors';

export const HQ_URL_VARIABLE = 'MOMO_POS_HQ_URL';

export interface ConnectOptions {
  connectTimeoutMs?: number;
  /** Longest a single call may take before the client gives up on it. */
  queryTimeoutMs?: number;
  applicationName?: string;
}

/** postgres://user@host:port/db: the URL without its password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'an unreadable head-office URL';
  }
}

export function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PosError('VALIDATION', 'error.headoffice.headOfficeAddressMust', {}, 'hq');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new PosError('VALIDATION', 'error.headoffice.headOfficeAddressMust2', { protocol: parsed.protocol }, 'hq');
  }
  return url;
}

export async function connectHeadOffice(url: string, options: ConnectOptions = {}): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: checkUrl(url),
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    query_timeout: options.queryTimeoutMs ?? 60_000,
    application_name: options.applicationName ?? 'momo-pos',
    keepAlive: true,
  });
  // A cut connection emits 'error' on the client: the call in flight fails on its own, this only keeps Node from crashing.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  return client;
}

/** One sentence for a failed connection or call, with no password in it: a key, its facts, and the English for logs. PostgreSQL's own words stay as the detail. */
export function headOfficeProblem(error: unknown, url: string): Notice {
  const where = describeUrl(url);
  const detail = (error instanceof Error ? error.message : String(error)).replaceAll(url, where);
  const code = (error as { code?: string } | undefined)?.code;
  if (code === '28P01' || code === '28000') return noticeOf('error.headoffice.loginRefused', { where, detail });
  if (code === '42501') return noticeOf('error.headoffice.tillRefused', { where, detail });
  return noticeOf('error.headoffice.unreachable', { where, detail });
}

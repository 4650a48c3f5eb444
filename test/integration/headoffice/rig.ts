/**
 * The head-office rig: a throwaway PostgreSQL (test/helpers/postgres.ts),
 * head office's schema in a fresh database per call, till roles, and tills
 * as real ledger files that sell.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { addTill, connectHeadOffice, migrateHeadOffice } from '../../../electron/core/headoffice';
import type { Ledger } from '../../../electron/core/ledger';
import { afterAll, beforeAll } from 'vitest';
import { postgresAvailable, startPostgres, type ThrowawayPostgres } from '../../helpers/postgres';
import { momoSale, openTestLedger, removeTempDirs, settle, steppingClock, tempDataDir } from '../../helpers/ledger';

let databases = 0;

export interface HeadOffice {
  /** The owner's URL (the superuser in these tests). */
  adminUrl: string;
  database: string;
  admin: pg.Client;
  addTill(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A fresh database with head office's schema in it. */
export async function freshHeadOffice(server: ThrowawayPostgres): Promise<HeadOffice> {
  const database = `hq_${process.pid}_${++databases}`;
  const root = await connectHeadOffice(server.adminUrl);
  await root.query(`CREATE DATABASE ${database}`);
  await root.end();
  const adminUrl = server.adminUrl.replace(/\/postgres$/, `/${database}`);
  const admin = await connectHeadOffice(adminUrl);
  await migrateHeadOffice(admin);
  const office: HeadOffice = {
    adminUrl,
    database,
    admin,
    addTill: async (name) => (await addTill(office.admin, adminUrl, name)).url,
    close: () => office.admin.end(),
  };
  return office;
}

/** A live till ledger with `sales` MoMo sales settled (one journal entry per created/final fact, two per cash sale). */
export function tillWithSales(deviceId: string, sales: number, options: { start?: string; dataDir?: string } = {}): Ledger {
  const ledger = openTestLedger({ deviceId, dataDir: options.dataDir ?? tempDataDir('till'), now: steppingClock(options.start ?? '2025-03-10T08:00:00.000Z') });
  sell(ledger, sales);
  return ledger;
}

export function sell(ledger: Ledger, sales: number, amountMinor = 1000): void {
  for (let i = 0; i < sales; i++) {
    if (i % 4 === 3) {
      ledger.createCashSale({ amountMinor, currency: 'RWF' });
      continue;
    }
    const { payment } = momoSale(ledger, amountMinor);
    settle(ledger, payment.id, i % 4 === 2 ? 'rejected' : 'successful');
  }
}

export async function asRole<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connectHeadOffice(url);
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const uniqueDevice = () => `T${randomUUID().slice(0, 5).toUpperCase()}`;

/**
 * One throwaway PostgreSQL and head office per test file, stopped however the
 * file ends. `missing` says why the suite cannot run here (never in CI).
 */
export function useThrowawayHeadOffice(): { missing: string | undefined; readonly server: ThrowawayPostgres; hq: HeadOffice } {
  const missing = postgresAvailable();
  const rig = { missing, server: undefined as unknown as ThrowawayPostgres, hq: undefined as unknown as HeadOffice };
  beforeAll(async () => {
    if (missing) return;
    rig.server = await startPostgres();
    rig.hq = await freshHeadOffice(rig.server);
  }, 120_000);
  afterAll(async () => {
    await rig.hq?.close().catch(() => {});
    rig.server?.stop();
    removeTempDirs();
  });
  return rig;
}

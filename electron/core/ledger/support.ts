/**
 * What the support bundle reads from a ledger file opened read-only (the
 * app may be running): the repositories' own reads over a context that
 * refuses every write, so nothing here repeats their SQL.
 */
import type Database from 'better-sqlite3';
import { PosError } from '../../../shared/errors';
import type { LedgerContext } from './context';
import { readSalesForExport } from './export';
import { createHeadOfficeRepository } from './headoffice';
import { createSalesRepository } from './sales';
import { createSettingsRepository } from './settings';
import { statement } from './statements';
import type { Payment } from './types';

/** Payments the merchant may call support about: MoMo said no, or never said. */
export const ENDED_BADLY: ReadonlySet<Payment['status']> = new Set(['failed', 'rejected', 'expired', 'timed_out', 'unknown']);

export function supportReader(db: Database.Database, deviceId: string, training: boolean) {
  const context: LedgerContext = {
    db,
    deviceId,
    training,
    now: () => new Date(),
    write: () => {
      throw new PosError('CONFLICT', 'error.ledger.supportBundleReadsLedger');
    },
  };
  const sales = createSalesRepository(context, createSettingsRepository(context));
  const headOffice = createHeadOfficeRepository(context);
  return {
    getPayment: sales.getPayment,
    getSale: sales.getSale,
    exchanges: sales.exchanges,
    headOfficeAck: headOffice.headOfficeAck,
    headOfficeAlarm: headOffice.headOfficeAlarm,
    /** The business day's payments that ended badly, oldest first. */
    paymentsEndedBadly(day: string): Payment[] {
      return readSalesForExport(db, { fromDay: day, toDay: day })
        .flatMap((entry) => entry.payments)
        .filter((payment) => ENDED_BADLY.has(payment.status));
    },
    journalHead: () => statement(db, 'SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined,
  };
}

export type SupportReader = ReturnType<typeof supportReader>;

/**
 * Z reports: closing a shift freezes its report in a numbered row, in the
 * same transaction as the closing, and journals it. The row is never
 * updated, deleted or recomputed (triggers refuse it; verify checks its hash).
 *
 * Like a fiscal POS journal, each Z carries the perpetual grand totals of
 * sales and refunds (previous Z's plus its own) and the hash of the last
 * journal entry it covers, and covers exactly the journal entries after the
 * previous Z: a missing, slipped-in or altered day breaks the chain.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ValidationError } from '../../../shared/errors';
import { readActivity, type Activity } from './activity';
import { businessDayOf } from './business-day';
import { canonicalJson } from './canonical-json';
import type { LedgerContext } from './context';
import { appendJournal, type JournalBody } from './journal';
import type { SettingsRepository } from './settings';
import type { ShiftsRepository } from './shifts';
import { statement } from './statements';
import type { Shift } from './types';
import * as v from './validation';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface ZReportRow {
  id: string;
  device_id: string;
  number: number;
  shift_id: string;
  business_day: string;
  closed_at: string;
  currency: string;
  from_seq: number;
  to_seq: number;
  last_hash: string;
  sales_minor: number;
  refunds_minor: number;
  grand_sales_minor: number;
  grand_refunds_minor: number;
  report: string;
  report_hash: string;
}

export interface ZReportRecord {
  id: string;
  deviceId: string;
  /** 1, 2, 3… per device, gap-free. */
  number: number;
  shiftId: string;
  /** The business day the shift opened. */
  businessDay: string;
  closedAt: string;
  currency: string;
  /** The journal entries after fromSeq up to toSeq are this Z's. */
  fromSeq: number;
  toSeq: number;
  /** Hash of journal entry toSeq: the last fact this Z covers. */
  lastHash: string;
  salesMinor: number;
  refundsMinor: number;
  grandSalesMinor: number;
  grandRefundsMinor: number;
  /** The frozen report, exactly as stored. */
  report: JsonObject;
  /** sha256 of the canonical JSON of report. */
  reportHash: string;
}

export interface ZReportBuildInput {
  shift: Shift;
  number: number;
  closedAt: string;
  activity: Activity;
  previous?: ZReportRecord;
  /** The grand totals this Z starts from (0 after a change of currency). */
  previousGrandSalesMinor: number;
  previousGrandRefundsMinor: number;
}

export interface CloseWithZInput {
  shiftId: string;
  countedCashMinor: number;
  closedBy: string;
  note?: string;
  /** Builds the report from the facts, inside the closing transaction. */
  build: (input: ZReportBuildInput) => { report: JsonObject; salesMinor: number; refundsMinor: number };
}

/** What the journal keeps of a Z: every column but the report text (its hash stands for it). */
function zReportJournalBody(row: ZReportRow): JournalBody {
  const { id, report: _report, ...fields } = toZReport(row);
  return { zReportId: id, ...fields };
}

export function toZReport(row: ZReportRow): ZReportRecord {
  return {
    id: row.id,
    deviceId: row.device_id,
    number: row.number,
    shiftId: row.shift_id,
    businessDay: row.business_day,
    closedAt: row.closed_at,
    currency: row.currency,
    fromSeq: row.from_seq,
    toSeq: row.to_seq,
    lastHash: row.last_hash,
    salesMinor: row.sales_minor,
    refundsMinor: row.refunds_minor,
    grandSalesMinor: row.grand_sales_minor,
    grandRefundsMinor: row.grand_refunds_minor,
    report: JSON.parse(row.report) as JsonObject,
    reportHash: row.report_hash,
  };
}

export const reportHashOf = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function createZReportsRepository(ctx: LedgerContext, shifts: ShiftsRepository, settings: SettingsRepository) {
  const { db } = ctx;
  const last = () => statement(db, 'SELECT * FROM z_reports WHERE device_id = ? ORDER BY number DESC LIMIT 1').get(ctx.deviceId) as ZReportRow | undefined;

  return {
    /** Closes the shift and freezes its Z report, in one transaction: both or neither. */
    closeShiftWithZReport(input: CloseWithZInput): { shift: Shift; zReport: ZReportRecord } {
      const i = v.object(input, 'input');
      if (typeof i.build !== 'function') throw new ValidationError('build', 'error.ledger.closingWithZReport');
      const build = input.build;
      return ctx.write(() => {
        const shift = shifts.closeShift({
          shiftId: input.shiftId,
          countedCashMinor: input.countedCashMinor,
          closedBy: input.closedBy,
          ...(input.note !== undefined ? { note: input.note } : {}),
        });
        const previousRow = last();
        const previous = previousRow && toZReport(previousRow);
        const head = statement(db, 'SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
        const activity = readActivity(db, { afterSeq: previous?.toSeq ?? 0, uptoSeq: head.seq });
        const number = (previous?.number ?? 0) + 1;
        const sameCurrency = previous !== undefined && previous.currency === shift.currency;
        const previousGrandSalesMinor = sameCurrency ? previous.grandSalesMinor : 0;
        const previousGrandRefundsMinor = sameCurrency ? previous.grandRefundsMinor : 0;
        const closedAt = shift.closedAt!;
        const built = build({ shift, number, closedAt, activity, ...(previous ? { previous } : {}), previousGrandSalesMinor, previousGrandRefundsMinor });
        // Sums of accepted rows: as large as they come, as long as they add exactly.
        const salesMinor = v.totalOrZero(built.salesMinor, 'salesMinor');
        const refundsMinor = v.totalOrZero(built.refundsMinor, 'refundsMinor');
        const grandSalesMinor = v.totalOrZero(previousGrandSalesMinor + salesMinor, 'grandSalesMinor');
        const grandRefundsMinor = v.totalOrZero(previousGrandRefundsMinor + refundsMinor, 'grandRefundsMinor');
        const reportText = canonicalJson(v.object(built.report, 'report'));
        const row: ZReportRow = {
          id: randomUUID(),
          device_id: ctx.deviceId,
          number,
          shift_id: shift.id,
          business_day: businessDayOf(new Date(shift.openedAt), settings.dayStartsAtHour()),
          closed_at: closedAt,
          currency: shift.currency,
          from_seq: previous?.toSeq ?? 0,
          to_seq: head.seq,
          last_hash: head.hash,
          sales_minor: salesMinor,
          refunds_minor: refundsMinor,
          grand_sales_minor: grandSalesMinor,
          grand_refunds_minor: grandRefundsMinor,
          report: reportText,
          report_hash: reportHashOf(reportText),
        };
        statement(
          db,
          `INSERT INTO z_reports (id, device_id, number, shift_id, business_day, closed_at, currency, from_seq, to_seq, last_hash,
             sales_minor, refunds_minor, grand_sales_minor, grand_refunds_minor, report, report_hash)
           VALUES (@id, @device_id, @number, @shift_id, @business_day, @closed_at, @currency, @from_seq, @to_seq, @last_hash,
             @sales_minor, @refunds_minor, @grand_sales_minor, @grand_refunds_minor, @report, @report_hash)`,
        ).run(row);
        appendJournal(db, {
          at: closedAt,
          kind: 'till.z_report',
          subjectId: row.id,
          body: zReportJournalBody(row),
        });
        return { shift, zReport: toZReport(row) };
      });
    },

    getZReport(number: number): ZReportRecord | undefined {
      const n = v.limit(number, 'number', Number.MAX_SAFE_INTEGER);
      const row = statement(db, 'SELECT * FROM z_reports WHERE device_id = ? AND number = ?').get(ctx.deviceId, n) as ZReportRow | undefined;
      return row && toZReport(row);
    },

    lastZReport(): ZReportRecord | undefined {
      const row = last();
      return row && toZReport(row);
    },

    /** Newest first; the frozen report bodies are left out (getZReport has them). */
    listZReports(query: { limit?: number } = {}): Omit<ZReportRecord, 'report'>[] {
      const max = query.limit === undefined ? 100 : v.limit(query.limit);
      const rows = statement(db, 'SELECT * FROM z_reports WHERE device_id = ? ORDER BY number DESC LIMIT ?').all(ctx.deviceId, max) as ZReportRow[];
      return rows.map((row) => {
        const { report: _report, ...rest } = toZReport(row);
        return rest;
      });
    },

    /** The journal range since the last Z (what an X report covers). */
    activitySinceLastZ(): Activity {
      return readActivity(db, { afterSeq: last()?.to_seq ?? 0 });
    },
  };
}

export type ZReportsRepository = ReturnType<typeof createZReportsRepository>;

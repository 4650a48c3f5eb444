/**
 * Head office's day: per till (name, device, last push, chain status) and the
 * totals across tills, read from the totals ingest keeps — one indexed read —
 * and, for comparison, the same question asked of the raw journal.
 */
import type pg from 'pg';

export type ChainStatus = { state: 'ok' } | { state: 'fork'; seq: number } | { state: 'gap'; fromSeq: number };

export interface DayTotals {
  currency: string;
  cashSales: number;
  cashMinor: number;
  momoSales: number;
  momoMinor: number;
  refunds: number;
  refundsMinor: number;
  netMinor: number;
  prompts: { successful: number; failed: number; rejected: number; expired: number };
  zReports: number;
}

export interface TillDay {
  tillId: number;
  name: string;
  deviceId: string | null;
  lastPushAt: string | null;
  headSeq: number;
  chain: ChainStatus;
  totals: DayTotals[];
}

export interface HeadOfficeDay {
  day: string;
  tills: TillDay[];
  totals: DayTotals[];
  hours: { hour: number; currency: string; sales: number; salesMinor: number }[];
}

interface TotalsRow {
  till_id: number;
  currency: string;
  cash_sales: number;
  cash_minor: string;
  momo_sales: number;
  momo_minor: string;
  refunds: number;
  refunds_minor: string;
  prompts_successful: number;
  prompts_failed: number;
  prompts_rejected: number;
  prompts_expired: number;
  z_reports: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function toTotals(row: TotalsRow): DayTotals {
  const cashMinor = Number(row.cash_minor);
  const momoMinor = Number(row.momo_minor);
  const refundsMinor = Number(row.refunds_minor);
  return {
    currency: row.currency,
    cashSales: Number(row.cash_sales),
    cashMinor,
    momoSales: Number(row.momo_sales),
    momoMinor,
    refunds: Number(row.refunds),
    refundsMinor,
    netMinor: cashMinor + momoMinor - refundsMinor,
    prompts: { successful: Number(row.prompts_successful), failed: Number(row.prompts_failed), rejected: Number(row.prompts_rejected), expired: Number(row.prompts_expired) },
    zReports: Number(row.z_reports),
  };
}

export function addTotals(all: DayTotals[]): DayTotals[] {
  const byCurrency = new Map<string, DayTotals>();
  for (const t of all) {
    const sum = byCurrency.get(t.currency);
    if (!sum) {
      byCurrency.set(t.currency, { ...t, prompts: { ...t.prompts } });
      continue;
    }
    sum.cashSales += t.cashSales;
    sum.cashMinor += t.cashMinor;
    sum.momoSales += t.momoSales;
    sum.momoMinor += t.momoMinor;
    sum.refunds += t.refunds;
    sum.refundsMinor += t.refundsMinor;
    sum.netMinor += t.netMinor;
    sum.prompts.successful += t.prompts.successful;
    sum.prompts.failed += t.prompts.failed;
    sum.prompts.rejected += t.prompts.rejected;
    sum.prompts.expired += t.prompts.expired;
    sum.zReports += t.zReports;
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

const TOTALS_FROM_JOURNAL = `
  SELECT till_id, currency,
    count(*) FILTER (WHERE kind = 'sale.paid_cash') AS cash_sales, coalesce(sum(amount) FILTER (WHERE kind = 'sale.paid_cash'), 0) AS cash_minor,
    count(*) FILTER (WHERE kind = 'payment.final' AND status = 'successful') AS momo_sales,
    coalesce(sum(amount) FILTER (WHERE kind = 'payment.final' AND status = 'successful'), 0) AS momo_minor,
    count(*) FILTER (WHERE kind = 'refund.final' AND status = 'successful') AS refunds,
    coalesce(sum(amount) FILTER (WHERE kind = 'refund.final' AND status = 'successful'), 0) AS refunds_minor,
    count(*) FILTER (WHERE kind = 'payment.final' AND status = 'successful') AS prompts_successful,
    count(*) FILTER (WHERE kind = 'payment.final' AND status = 'failed') AS prompts_failed,
    count(*) FILTER (WHERE kind = 'payment.final' AND status = 'rejected') AS prompts_rejected,
    count(*) FILTER (WHERE kind = 'payment.final' AND status = 'expired') AS prompts_expired,
    count(*) FILTER (WHERE kind = 'till.z_report') AS z_reports
  FROM (SELECT till_id, kind, body::jsonb->>'currency' AS currency, (body::jsonb->>'amountMinor')::bigint AS amount, body::jsonb->>'status' AS status
          FROM hq.journal WHERE business_day = $1 AND kind IN ('sale.paid_cash', 'payment.final', 'refund.final', 'till.z_report')) facts
  GROUP BY till_id, currency`;

/** The day as ingest keeps it (source 'totals'), or recomputed from the raw journal ('journal'; the bench's comparison). */
export async function readHeadOfficeDay(client: pg.Client, day: string, source: 'totals' | 'journal' = 'totals'): Promise<HeadOfficeDay> {
  if (!DAY.test(day)) throw new Error(`a day is YYYY-MM-DD, not ${day}`);
  const tills = await client.query<{ id: number; name: string; device_id: string | null; last_push_at: Date | null; head_seq: string; fork_seq: string | null; waiting_from: string | null }>(
    `SELECT t.id, t.name, t.device_id, t.last_push_at, t.head_seq, t.fork_seq, (SELECT min(seq) FROM hq.waiting w WHERE w.till_id = t.id) AS waiting_from
       FROM hq.tills t ORDER BY t.name, t.id`,
  );
  const totals = await client.query<TotalsRow>(
    source === 'totals' ? 'SELECT * FROM hq.day_totals WHERE business_day = $1' : TOTALS_FROM_JOURNAL,
    [day],
  );
  const hours = await client.query<{ hour: number; currency: string; sales: string; sales_minor: string }>(
    source === 'totals'
      ? 'SELECT hour, currency, sum(sales) AS sales, sum(sales_minor) AS sales_minor FROM hq.hour_totals WHERE business_day = $1 GROUP BY hour, currency ORDER BY hour, currency'
      : `SELECT hour, body::jsonb->>'currency' AS currency, count(*) AS sales, sum((body::jsonb->>'amountMinor')::bigint) AS sales_minor FROM hq.journal
          WHERE business_day = $1 AND (kind = 'sale.paid_cash' OR (kind = 'payment.final' AND body::jsonb->>'status' = 'successful'))
          GROUP BY 1, 2 ORDER BY 1, 2`,
    [day],
  );
  const perTill = new Map<number, DayTotals[]>();
  for (const row of totals.rows) {
    const list = perTill.get(row.till_id) ?? [];
    list.push(toTotals(row));
    perTill.set(row.till_id, list);
  }
  const tillDays: TillDay[] = tills.rows.map((row) => ({
    tillId: row.id,
    name: row.name,
    deviceId: row.device_id,
    lastPushAt: row.last_push_at ? row.last_push_at.toISOString() : null,
    headSeq: Number(row.head_seq),
    chain: row.fork_seq !== null ? { state: 'fork', seq: Number(row.fork_seq) } : row.waiting_from !== null ? { state: 'gap', fromSeq: Number(row.waiting_from) } : { state: 'ok' },
    totals: perTill.get(row.id) ?? [],
  }));
  return {
    day,
    tills: tillDays,
    totals: addTotals(tillDays.flatMap((till) => till.totals)),
    hours: hours.rows.map((row) => ({ hour: Number(row.hour), currency: row.currency, sales: Number(row.sales), salesMinor: Number(row.sales_minor) })),
  };
}

export function describeChain(chain: ChainStatus): string {
  if (chain.state === 'fork') return `FORK at seq ${chain.seq}`;
  if (chain.state === 'gap') return `GAP (entries from seq ${chain.fromSeq} wait for the ones before)`;
  return 'OK';
}

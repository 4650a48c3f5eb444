/**
 * Head office's day: per till (name, device, last push, chain status) and the
 * totals across tills, read from the totals ingest keeps — one indexed read —
 * and, for comparison, the same question asked of the raw journal.
 */
import type pg from 'pg';
import { PosError } from '../../../shared/errors';
import { exponentOf, formatMoney, isCurrency } from '../../../shared/money';

export type ChainStatus = { state: 'ok' } | { state: 'fork'; seq: number } | { state: 'gap'; fromSeq: number };

/** Money as bigint all the way from PostgreSQL's bigint/numeric (a sum across tills may pass 2^53). */
export interface DayTotals {
  currency: string;
  cashSales: number;
  cashMinor: bigint;
  momoSales: number;
  momoMinor: bigint;
  refunds: number;
  refundsMinor: bigint;
  netMinor: bigint;
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
  /** Set when the till's chain was retired by unbind-till (kept, read-only). */
  retiredAt: string | null;
  revokedAt: string | null;
  /** The till's fiscal receipts (absent until it sent one): answered on the day, waiting now. */
  fiscal?: TillFiscal;
}

/** A till's fiscal device as head office sees it from the journal (fiscal.requested / fiscal.finished). */
export interface TillFiscal {
  /** Signed on the day (a duplicate answer counts as signed), in all and per label (NS NR CS CR TS TR PS order). */
  signed: number;
  labels: { label: string; signed: number; rejected: number }[];
  /** Refused by the device on the day. */
  rejected: number;
  /** Requested and not answered, now (whatever the day asked). */
  pending: number;
  /** The till's time of the oldest waiting request. */
  oldestPendingAt: string | null;
  /** The till's time of its last signed receipt, any day. */
  lastSignedAt: string | null;
}

const LABEL_ORDER = ['NS', 'NR', 'CS', 'CR', 'TS', 'TR', 'PS'];

/** Per till id: the day's fiscal receipts and what waits now; tills that never sent one are left out. */
export async function readTillsFiscal(client: pg.Client, day: string): Promise<Map<number, TillFiscal>> {
  const days = await client.query<{ till_id: number; label: string; signed: number; rejected: number }>('SELECT till_id, label, signed, rejected FROM hq.fiscal_days WHERE business_day = $1', [day]);
  const pending = await client.query<{ till_id: number; pending: number; oldest: string }>('SELECT till_id, count(*)::int AS pending, min(requested_at) AS oldest FROM hq.fiscal_pending GROUP BY till_id');
  const tills = await client.query<{ till_id: number; last_signed_at: string | null }>('SELECT till_id, last_signed_at FROM hq.fiscal_tills');
  const out = new Map<number, TillFiscal>();
  const of = (id: number) => {
    let fiscal = out.get(id);
    if (!fiscal) out.set(id, (fiscal = { signed: 0, labels: [], rejected: 0, pending: 0, oldestPendingAt: null, lastSignedAt: null }));
    return fiscal;
  };
  for (const row of days.rows) {
    const fiscal = of(row.till_id);
    fiscal.signed += row.signed;
    fiscal.rejected += row.rejected;
    fiscal.labels.push({ label: row.label, signed: row.signed, rejected: row.rejected });
  }
  for (const row of pending.rows) Object.assign(of(row.till_id), { pending: row.pending, oldestPendingAt: row.oldest });
  for (const row of tills.rows) of(row.till_id).lastSignedAt = row.last_signed_at;
  for (const fiscal of out.values()) fiscal.labels.sort((a, b) => LABEL_ORDER.indexOf(a.label) - LABEL_ORDER.indexOf(b.label));
  return out;
}

export type AlarmKind = 'fork' | 'forged' | 'foreign' | 'invalid' | 'gap';

/** An alarm head office raised (or, for a gap, sees now), open until the owner closes it (a gap: until it fills). */
export interface HeadOfficeAlarm {
  id: number | null;
  tillId: number;
  tillName: string;
  kind: AlarmKind;
  seq: number;
  /** Head office's own words; any part a till sent is escaped where it is shown. */
  detail: string;
  raisedAt: string;
}

export interface HeadOfficeDay {
  day: string;
  tills: TillDay[];
  totals: DayTotals[];
  hours: { hour: number; currency: string; sales: number; salesMinor: bigint }[];
  /** Every open alarm, whatever its day. */
  alarms: HeadOfficeAlarm[];
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
  const cashMinor = BigInt(row.cash_minor);
  const momoMinor = BigInt(row.momo_minor);
  const refundsMinor = BigInt(row.refunds_minor);
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
  const tills = await client.query<{
    id: number; name: string; device_id: string | null; last_push_at: Date | null; head_seq: string; fork_seq: string | null; waiting_from: string | null;
    retired_at: Date | null; revoked_at: Date | null;
  }>(
    `SELECT t.id, t.name, t.device_id, t.last_push_at, t.head_seq, t.fork_seq, (SELECT min(seq) FROM hq.waiting w WHERE w.till_id = t.id) AS waiting_from,
            t.retired_at, t.revoked_at
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
  const fiscal = await readTillsFiscal(client, day);
  const tillDays: TillDay[] = tills.rows.map((row) => ({
    tillId: row.id,
    name: row.name,
    deviceId: row.device_id,
    lastPushAt: row.last_push_at ? row.last_push_at.toISOString() : null,
    headSeq: Number(row.head_seq),
    chain: row.fork_seq !== null ? { state: 'fork', seq: Number(row.fork_seq) } : row.waiting_from !== null ? { state: 'gap', fromSeq: Number(row.waiting_from) } : { state: 'ok' },
    totals: perTill.get(row.id) ?? [],
    retiredAt: row.retired_at ? row.retired_at.toISOString() : null,
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
    ...(fiscal.has(row.id) ? { fiscal: fiscal.get(row.id)! } : {}),
  }));
  return {
    day,
    tills: tillDays,
    totals: addTotals(tillDays.flatMap((till) => till.totals)),
    hours: hours.rows.map((row) => ({ hour: Number(row.hour), currency: row.currency, sales: Number(row.sales), salesMinor: BigInt(row.sales_minor) })),
    alarms: await openAlarms(client),
  };
}

/** Open alarms: every stored one the owner has not closed, and each till's gap (entries waiting above a missing seq). */
export async function openAlarms(client: pg.Client): Promise<HeadOfficeAlarm[]> {
  const rows = await client.query<{ id: string | null; till_id: number; name: string; kind: AlarmKind; seq: string; detail: string; raised_at: Date }>(
    `SELECT a.id, a.till_id, t.name, a.kind, a.seq, a.detail, a.raised_at FROM hq.alarms a JOIN hq.tills t ON t.id = a.till_id
      WHERE NOT EXISTS (SELECT 1 FROM hq.alarm_closures c WHERE c.alarm_id = a.id)
     UNION ALL
     SELECT NULL, t.id, t.name, 'gap', t.head_seq + 1, format('entries from seq %s wait for seq %s to %s', w.first, t.head_seq + 1, w.first - 1), w.since
       FROM hq.tills t JOIN LATERAL (SELECT min(seq) AS first, min(received_at) AS since FROM hq.waiting WHERE till_id = t.id) w ON w.first IS NOT NULL
     ORDER BY 7, 1`,
  );
  return rows.rows.map((r) => ({
    id: r.id === null ? null : Number(r.id),
    tillId: r.till_id,
    tillName: r.name,
    kind: r.kind,
    seq: Number(r.seq),
    detail: r.detail,
    raisedAt: r.raised_at.toISOString(),
  }));
}

/** `hq close-alarm`: the owner looked into it; the alarm stays, marked closed with their note. */
export async function closeAlarm(client: pg.Client, id: number, note: string): Promise<void> {
  const clean = note.trim();
  if (clean.length === 0 || clean.length > 500) throw new PosError('VALIDATION', 'error.headoffice.say1500Characters', {}, 'note');
  const found = await client.query('SELECT 1 FROM hq.alarms WHERE id = $1', [id]);
  if (!found.rowCount) throw new PosError('NOT_FOUND', 'error.headoffice.headOfficeHasNo2', { id });
  await client.query('INSERT INTO hq.alarm_closures (alarm_id, note) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, clean]);
}

/** Exact amounts for people: the minor units as text, placed in the currency's decimals and formatted without passing through a float. */
export function formatTotal(minor: bigint, currency: string, locale = 'en'): string {
  if (!isCurrency(currency)) return `${minor} ${currency}`;
  const safe = BigInt(Number.MAX_SAFE_INTEGER);
  if (minor <= safe && minor >= -safe) return formatMoney(Number(minor), currency, locale);
  const exponent = exponentOf(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
  const decimal = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return new Intl.NumberFormat(locale.startsWith('rw') ? 'en' : locale, { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(
    (negative ? `-${decimal}` : decimal) as unknown as number, // Intl takes decimal strings exactly
  );
}

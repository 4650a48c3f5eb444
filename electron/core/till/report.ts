/**
 * The till report: pure sums over a stretch of the journal.
 *
 * Every money fact is a journal entry, so a report covers a journal range:
 * X = (last Z, now], Z = (previous Z, this closing], a day = the entries
 * whose time falls in that business day. Each fact lands in exactly one Z:
 * a MoMo payment that succeeds after its shift closed counts in the Z that
 * was open when the money arrived, not in a frozen one.
 *
 * What counts as what:
 * - MoMo sale: a payment.final entry whose payment is successful.
 * - Cash sale: a sale.paid_cash entry (a cash sale, or cash after MoMo failed).
 * - Refund: a refund.final entry whose refund is successful; others are
 *   failed, or pending when created in range and not final yet.
 * - The drawer: opening float + cash sales + cash in − cash out − cash
 *   refunds = expected. MoMo money never enters the drawer.
 * - A sale belongs to the shift open when it was taken. Money taken with no
 *   shift open is `outsideShift`: in an X or Z report it stays apart from
 *   the shift's totals; a day report counts it in the day's totals. Either
 *   way it never enters a drawer (no drawer was open to count it).
 * Amounts are integers in minor units; nothing here rounds.
 */
import type { Currency } from '../../../shared/money';
import { isFinal } from '../../../shared/payment-states';
import type { Activity, ActivityFact, CashMovement, Payment, Refund, Sale, Shift } from '../ledger';
import type { CashDrawer, CashierLine, DrawerMovement, FeeRule, HourLine, ReportKind, TillReport, Totals } from '../../../shared/till-report';
import type { BalanceReadingView } from '../../../shared/till-report';
import { feeFor } from './fees';
import { momoBalanceCheck } from './momo-balance';
import { fiscalSummary } from './fiscal-summary';

export type { Activity, ActivityFact } from '../ledger';

export interface ReportOptions {
  kind: ReportKind;
  currency: Currency;
  feeRule: FeeRule;
  timeZone: string;
  generatedAt: string;
  /** The shift an X or Z report is about: its float opens the drawer. */
  shift?: Shift;
  /** The drawer as counted at closing (Z). */
  countedCashMinor?: number;
  businessDay?: string;
  /**
   * X and Z of a shift read against the MoMo account: the readings, and for
   * a reading not journaled (X, read on demand) the journal seq it came
   * before. The check counts the MoMo money that reached the account between
   * the readings, whatever shift its sale belongs to.
   */
  momoReadings?: { open?: BalanceReadingView; close?: BalanceReadingView; closeBeforeSeq?: number };
  /** The till is set up for a fiscal device: the report shows its receipts even before the first one. */
  fiscalConfigured?: boolean;
}

const zero = (): Totals => ({ count: 0, amountMinor: 0 });
const add = (totals: Totals, amountMinor: number) => {
  totals.count += 1;
  totals.amountMinor += amountMinor;
};

function hourKeyOf(iso: string, timeZone: string): { key: string; label: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(
    new Date(iso),
  );
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { key: `${part('year')}-${part('month')}-${part('day')}T${part('hour')}`, label: `${part('hour')}:00` };
}

/** Hours from the first to the last with sales, the empty ones between included (a bar chart without holes). */
function fillHours(hours: Map<string, HourLine>): HourLine[] {
  const keys = [...hours.keys()].sort();
  if (keys.length === 0) return [];
  const out: HourLine[] = [];
  const first = Date.parse(`${keys[0]}:00:00Z`);
  const last = Date.parse(`${keys.at(-1)}:00:00Z`);
  // Keys are local wall-clock hours; stepping them as if UTC walks the wall clock hour by hour.
  for (let t = first; t <= last && out.length < 24 * 62; t += 3_600_000) {
    const key = new Date(t).toISOString().slice(0, 13);
    out.push(hours.get(key) ?? { key, label: `${key.slice(11, 13)}:00`, count: 0, amountMinor: 0 });
  }
  return out;
}

export function buildTillReport(activity: Activity, options: ReportOptions): TillReport {
  const { currency, feeRule, timeZone } = options;
  const sales = { momo: zero(), cash: zero(), total: zero() };
  const refunds = { momo: zero(), cash: zero(), total: zero(), pending: zero(), failed: zero() };
  const prompts = { sent: 0, paid: 0, declined: 0, expired: 0, failed: 0, waiting: 0 };
  const invoices = { sent: 0, paid: 0, expired: 0, cancelled: 0, declined: 0, failed: 0, open: 0 };
  const paidTwice = zero();
  const paidTwiceSeen = new Set<string>();
  const outsideShift = zero();
  const cashiers = new Map<string, CashierLine>();
  const hours = new Map<string, HourLine>();
  const fees = { rule: feeRule, paymentsCharged: 0, estimatedMinor: 0 };
  const drawer = { salesMinor: 0, inMinor: 0, outMinor: 0, refundsMinor: 0, movements: [] as DrawerMovement[] };
  const shiftsOpened: Shift[] = [];
  const shiftsClosed: Shift[] = [];
  let salesStarted = 0;
  let wrongPins = 0;
  let otherCurrencyFacts = 0;
  // MoMo money as it reached the account (net of the estimated fee), in journal order, and where the shift's readings sit in it.
  const momoMoves: { seq: number; netMinor: number }[] = [];
  const readingsOf = options.shift ? options.shift.id : undefined;
  let shiftOpenedSeq: number | undefined;
  let openReadSeq: number | undefined;
  let closeReadSeq: number | undefined;

  const cashierLine = (name: string | null): CashierLine => {
    const key = name ?? '\u0000';
    let line = cashiers.get(key);
    if (!line) cashiers.set(key, (line = { name, momo: zero(), cash: zero(), total: zero() }));
    return line;
  };
  // X and Z: money taken with no shift open is not the shift's (see the top of this file).
  const apartFromShift = options.kind !== 'day';
  const moneyIn = (method: 'momo' | 'cash', sale: Sale, amountMinor: number, at: string, who: string | undefined, inShift: boolean) => {
    if (sale.status === 'paid_twice' && !paidTwiceSeen.has(sale.id)) {
      paidTwiceSeen.add(sale.id);
      add(paidTwice, sale.amountMinor);
    }
    if (!inShift) {
      add(outsideShift, amountMinor);
      if (apartFromShift) return;
    }
    add(sales[method], amountMinor);
    add(sales.total, amountMinor);
    const line = cashierLine(who ?? null);
    add(line[method], amountMinor);
    add(line.total, amountMinor);
    const hour = hourKeyOf(at, timeZone);
    const bucket = hours.get(hour.key) ?? { key: hour.key, label: hour.label, count: 0, amountMinor: 0 };
    bucket.count += 1;
    bucket.amountMinor += amountMinor;
    hours.set(hour.key, bucket);
  };

  for (const fact of activity.facts) {
    switch (fact.kind) {
      case 'sale.created': {
        const sale = activity.sales[fact.subjectId];
        if (!sale) break;
        if (sale.currency !== currency) otherCurrencyFacts++;
        else salesStarted++;
        break;
      }
      case 'sale.paid_cash': {
        const sale = activity.sales[fact.subjectId];
        if (!sale) break;
        if (sale.currency !== currency) {
          otherCurrencyFacts++;
          break;
        }
        const inShift = sale.paidCashShiftId !== undefined;
        moneyIn('cash', sale, sale.amountMinor, fact.at, sale.paidCashBy ?? sale.cashier, inShift);
        if (inShift) drawer.salesMinor += sale.amountMinor;
        break;
      }
      case 'payment.created': {
        const payment = activity.payments[fact.subjectId];
        if (!payment) break;
        if (payment.currency !== currency) {
          otherCurrencyFacts++;
          break;
        }
        if (payment.kind === 'invoice') {
          invoices.sent++;
          if (!isFinal(payment.status)) invoices.open++;
        } else {
          prompts.sent++;
          if (!isFinal(payment.status)) prompts.waiting++;
        }
        break;
      }
      case 'payment.final': {
        const payment = activity.payments[fact.subjectId];
        const sale = payment && activity.sales[payment.saleId];
        if (!payment || !sale) break;
        if (payment.currency !== currency) {
          otherCurrencyFacts++;
          break;
        }
        const invoice = payment.kind === 'invoice';
        // A sale counts when its money arrives: a paid invoice is a MoMo sale of the report the payment lands in.
        if (payment.status === 'successful') {
          if (invoice) invoices.paid++;
          else prompts.paid++;
          moneyIn('momo', sale, payment.amountMinor, fact.at, sale.cashier, sale.shiftId !== undefined);
          const fee = feeFor(payment.amountMinor, feeRule);
          if (fee > 0) {
            fees.paymentsCharged++;
            fees.estimatedMinor += fee;
          }
          momoMoves.push({ seq: fact.seq, netMinor: payment.amountMinor - fee });
        } else if (invoice) {
          // Cancelled (by the shop, or at MoMo) and declined by the customer are two different stories.
          if (payment.status === 'expired') invoices.expired++;
          else if (payment.reasonCode === 'TRANSACTION_CANCELED') invoices.cancelled++;
          else if (payment.status === 'rejected') invoices.declined++;
          else invoices.failed++;
        } else if (payment.status === 'rejected') prompts.declined++;
        else if (payment.status === 'expired') prompts.expired++;
        else prompts.failed++;
        break;
      }
      case 'refund.created': {
        const refund = activity.refunds[fact.subjectId];
        if (!refund) break;
        if (refund.currency !== currency) {
          otherCurrencyFacts++;
          break;
        }
        if (!isFinal(refund.status)) add(refunds.pending, refund.amountMinor);
        break;
      }
      case 'refund.final': {
        const refund = activity.refunds[fact.subjectId];
        if (!refund) break;
        if (refund.currency !== currency) {
          otherCurrencyFacts++;
          break;
        }
        if (refund.status === 'successful') {
          add(refunds[refund.method], refund.amountMinor);
          add(refunds.total, refund.amountMinor);
          if (refund.method === 'cash') drawer.refundsMinor += refund.amountMinor;
          else momoMoves.push({ seq: fact.seq, netMinor: -refund.amountMinor });
        } else add(refunds.failed, refund.amountMinor);
        break;
      }
      case 'cash.movement': {
        const movement = activity.cashMovements[fact.subjectId];
        if (!movement) break;
        if (movement.currency !== currency) {
          otherCurrencyFacts++;
          break;
        }
        if (movement.kind === 'in') drawer.inMinor += movement.amountMinor;
        else drawer.outMinor += movement.amountMinor;
        drawer.movements.push({ kind: movement.kind, amountMinor: movement.amountMinor, reason: movement.reason, by: movement.by, at: movement.at });
        break;
      }
      case 'shift.opened': {
        const shift = activity.shifts[fact.subjectId];
        if (shift) shiftsOpened.push(shift);
        if (fact.subjectId === readingsOf) shiftOpenedSeq = fact.seq;
        break;
      }
      case 'shift.closed': {
        const shift = activity.shifts[fact.subjectId];
        if (shift) shiftsClosed.push(shift);
        break;
      }
      case 'momo.balance':
        if (readingsOf && fact.subjectId.startsWith(`${readingsOf}/open/`)) openReadSeq = fact.seq;
        else if (readingsOf && fact.subjectId.startsWith(`${readingsOf}/close/`)) closeReadSeq = fact.seq;
        break;
      case 'pin.refused':
        wrongPins++;
        break;
      default:
        break;
    }
  }

  // The drawer: one shift's (X, Z), or every shift opened that day (day report).
  let openingFloatMinor = 0;
  let countedMinor: number | undefined;
  if (options.kind === 'day') {
    const ofCurrency = shiftsOpened.filter((shift) => shift.currency === currency);
    openingFloatMinor = ofCurrency.reduce((sum, shift) => sum + shift.openingFloatMinor, 0);
    const allCounted = ofCurrency.length > 0 && ofCurrency.every((shift) => shift.countedCashMinor !== undefined);
    if (allCounted) countedMinor = ofCurrency.reduce((sum, shift) => sum + (shift.countedCashMinor ?? 0), 0);
  } else {
    openingFloatMinor = options.shift?.openingFloatMinor ?? 0;
    countedMinor = options.countedCashMinor ?? options.shift?.countedCashMinor;
  }
  const expectedMinor = openingFloatMinor + drawer.salesMinor + drawer.inMinor - drawer.outMinor - drawer.refundsMinor;
  const cash: CashDrawer = { openingFloatMinor, ...drawer, expectedMinor };
  if (countedMinor !== undefined) {
    cash.countedMinor = countedMinor;
    cash.differenceMinor = countedMinor - expectedMinor;
  }

  const report: TillReport = {
    kind: options.kind,
    currency,
    generatedAt: options.generatedAt,
    timeZone,
    journal: { afterSeq: activity.afterSeq, uptoSeq: activity.uptoSeq, ...(activity.lastHash ? { lastHash: activity.lastHash } : {}) },
    sales,
    refunds,
    netMinor: sales.total.amountMinor - refunds.total.amountMinor,
    salesStarted,
    prompts,
    invoices,
    paidTwice,
    outsideShift,
    cash,
    cashiers: [...cashiers.values()].sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff')),
    hours: fillHours(hours),
    fees,
    wrongPins,
    otherCurrencyFacts,
  };
  if (options.businessDay) report.businessDay = options.businessDay;
  const fiscal = fiscalSummary(activity.fiscal, options.fiscalConfigured ?? false);
  if (fiscal) report.fiscal = fiscal;
  if (options.momoReadings) {
    // Money journaled before the opening reading was already in the opening balance; after the closing reading, it is not in the closing one.
    const from = openReadSeq ?? shiftOpenedSeq ?? activity.afterSeq;
    const before = options.momoReadings.closeBeforeSeq ?? closeReadSeq ?? Number.POSITIVE_INFINITY;
    let duringMinor = 0;
    const between = zero();
    for (const move of momoMoves) {
      if (move.seq > from && move.seq < before) duringMinor += move.netMinor;
      else add(between, move.netMinor);
    }
    report.momoBalance = momoBalanceCheck(duringMinor, between, options.momoReadings.open, options.momoReadings.close);
  }
  if (options.shift) {
    const s = options.shift;
    report.shift = {
      id: s.id,
      openedAt: s.openedAt,
      openedBy: s.openedBy,
      openingFloatMinor: s.openingFloatMinor,
      ...(s.closedAt ? { closedAt: s.closedAt } : {}),
      ...(s.closedBy ? { closedBy: s.closedBy } : {}),
    };
  }
  return report;
}

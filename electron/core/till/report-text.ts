/**
 * A report as a plain-text table for the terminal (`npm run pos -- report`):
 * the words of the `report.` part of the catalogue in the reader's language
 * (as the printed report, report-html.ts), money and dates through
 * shared/money and shared/dates, columns aligned.
 */
import { formatMoney, type Currency } from '../../../shared/money';
import { formatDate, formatDateTime } from '../../../shared/dates';
import type { Language } from '../../../shared/i18n';
import type { Totals, TillReport } from '../../../shared/till-report';
import { formatRate } from './fees';
import { counted, fill, REPORT_LABELS } from './labels';

export interface ReportTableOptions {
  language: Language;
  /** The shop's name and the till's id, printed at the top (the command line gives them). */
  merchant?: string;
  deviceId?: string;
  /** A Z report's number (the table of a frozen Z). */
  zNumber?: number;
  training?: boolean;
}

export function reportTable(report: TillReport, options: ReportTableOptions): string {
  const { language } = options;
  const words = REPORT_LABELS[language];
  const currency = report.currency as Currency;
  const money = (minor: number) => formatMoney(minor, currency, language);
  // One minus sign on the whole report (the true minus), as the printed report.
  const signed = (minor: number) => (minor > 0 ? `+${money(minor)}` : minor < 0 ? `−${money(-minor)}` : money(minor));
  const when = (iso: string) => formatDateTime(iso, language, { timeZone: report.timeZone });
  // A business day is a calendar day: no time zone to shift it.
  const dayText = (day: string) => formatDate(`${day}T12:00:00Z`, language, { timeZone: 'UTC' }) || day;
  const who = (name: string) => (name === 'manager' ? words.theManager : name);
  const rows: [string, string, string][] = [];
  const row = (label: string, count = '', amount = '') => rows.push([label, count, amount]);
  const totals = (label: string, t: Totals) => row(label, String(t.count), money(t.amountMinor));
  const gap = () => row('');
  /** A heading with its lines beside and under it: "Sales  MoMo", "       Cash". */
  const group = (head: string, lines: [string, Totals][]) => lines.forEach(([label, t], i) => totals(`${i === 0 ? head : ' '.repeat(head.length)}  ${label}`, t));

  if (report.shift) {
    row(`${words.opened}: ${when(report.shift.openedAt)} ${fill(words.by, { name: who(report.shift.openedBy) })}`);
    if (report.shift.closedAt) row(`${words.closed}: ${when(report.shift.closedAt)} ${fill(words.by, { name: who(report.shift.closedBy ?? '') })}`);
  } else if (report.kind === 'X') row(words.noShift);
  if (report.businessDay) row(`${words.businessDay}: ${dayText(report.businessDay)}`);
  row(`${words.printed}: ${when(report.generatedAt)}${options.deviceId ? ` · ${options.deviceId}` : ''}`);
  gap();

  row('', words.count, words.amount);
  group(words.sales, [
    [words.momo, report.sales.momo],
    [words.cash, report.sales.cash],
    [words.total, report.sales.total],
  ]);
  const refundPad = ' '.repeat(words.refunds.length + 2);
  group(words.refunds, [
    [words.momo, report.refunds.momo],
    [words.cash, report.refunds.cash],
    [words.total, report.refunds.total],
  ]);
  if (report.refunds.pending.count) totals(`${refundPad}${words.pendingRefunds}`, report.refunds.pending);
  if (report.refunds.failed.count) totals(`${refundPad}${words.failedRefunds}`, report.refunds.failed);
  row(words.net, '', money(report.netMinor));
  if (report.paidTwice.count) totals(words.paidTwice, report.paidTwice);
  if (report.outsideShift.count) totals(words.outsideShift, report.outsideShift);
  gap();

  row(words.salesStarted, String(report.salesStarted));
  const p = report.prompts;
  row(words.prompts);
  for (const [label, value] of [
    [words.sent, p.sent],
    [words.paid, p.paid],
    [words.declined, p.declined],
    [words.expired, p.expired],
    [words.failed, p.failed],
    [words.waiting, p.waiting],
  ] as const) {
    row(`  ${label}`, String(value));
  }
  const inv = report.invoices;
  if (inv && (inv.sent || inv.paid || inv.expired || inv.cancelled || inv.failed || inv.declined)) {
    row(words.invoices);
    for (const [label, value] of [
      [words.invoicesSent, inv.sent],
      [words.paid, inv.paid],
      [words.expired, inv.expired],
      [words.invoicesCancelled, inv.cancelled],
      // Absent on reports frozen before declined invoices had their own line.
      ...(inv.declined !== undefined ? ([[words.invoicesDeclined, inv.declined]] as const) : []),
      [words.failed, inv.failed],
      [words.invoicesOpen, inv.open],
    ] as const) {
      row(`  ${label}`, String(value));
    }
  }
  gap();

  const c = report.cash;
  row(words.drawer);
  row(`  ${words.openingFloat}`, '', money(c.openingFloatMinor));
  row(`  ${words.cashSales}`, '', money(c.salesMinor));
  row(`  ${words.cashIn}`, '', money(c.inMinor));
  row(`  ${words.cashOut}`, '', money(c.outMinor));
  row(`  ${words.cashRefunds}`, '', money(c.refundsMinor));
  row(`  ${words.expected}`, '', money(c.expectedMinor));
  if (c.countedMinor !== undefined) {
    row(`  ${words.counted}`, '', money(c.countedMinor));
    const d = c.differenceMinor ?? 0;
    row(d === 0 ? `  ${words.difference}` : `  ${words.difference}: ${d < 0 ? words.short : words.over}`, '', signed(d));
  } else row(`  ${words.counted}`, '', words.notCounted);
  gap();

  const rule = report.fees.rule;
  row(words.fees);
  row(`  ${rule.rateBasisPoints === 0 ? words.noFeeRule : fill(words.feeRule, { rate: formatRate(rule.rateBasisPoints, language), above: money(rule.aboveMinor) })}`);
  row(`  ${counted(language, report.fees.paymentsCharged, 'report.feePayments')}`, '', money(report.fees.estimatedMinor));
  if (report.momoBalance) {
    const b = report.momoBalance;
    const shown = (r: typeof b.open) => (r === undefined ? words.balanceNotAsked : r.availableMinor === undefined ? fill(words.balanceNotRead, { reason: r.problem ?? '?' }) : money(r.availableMinor));
    gap();
    row(words.momoBalance);
    row(`  ${words.balanceOpen}`, '', shown(b.open));
    row(`  ${report.kind === 'Z' ? words.balanceClose : words.balanceNow}`, '', shown(b.close));
    if (b.changeMinor !== undefined) row(`  ${words.balanceChange}`, '', signed(b.changeMinor));
    row(`  ${words.balanceExpected}`, '', signed(b.expectedChangeMinor));
    if (b.betweenShifts) row(`  ${words.balanceBetween}`, String(b.betweenShifts.count), signed(b.betweenShifts.amountMinor));
    if (b.differenceMinor !== undefined) row(b.differenceMinor === 0 ? `  ${words.balanceDifference}` : `  ${words.balanceDifference}: ${words.balanceMismatch}`, '', signed(b.differenceMinor));
  }
  if (report.fiscal) {
    const f = report.fiscal;
    const maybe = (minor: number | undefined) => (minor === undefined ? '—' : money(minor));
    const named = { NS: words.fiscalNS, NR: words.fiscalNR, CS: words.fiscalCS, CR: words.fiscalCR, TS: words.fiscalTS, TR: words.fiscalTR, PS: words.fiscalPS };
    gap();
    row(words.fiscal, String(f.labels.reduce((sum, line) => sum + line.count, 0)));
    for (const line of f.labels) row(`  ${named[line.label]}`, String(line.count), maybe(line.amountMinor));
    if (f.rejected.count) row(`  ${words.fiscalRefusedShort}`, String(f.rejected.count), maybe(f.rejected.amountMinor));
    row(`  ${words.fiscalUnsignedShort}`, String(f.unsigned.count), f.unsigned.count ? maybe(f.unsigned.amountMinor) : '');
    if (f.unsigned.oldestAt) row(`    ${fill(words.fiscalOldest, { time: when(f.unsigned.oldestAt) })}`);
  }
  if (report.wrongPins) row(words.wrongPins, String(report.wrongPins));
  if (report.otherCurrencyFacts) row(counted(language, report.otherCurrencyFacts, 'report.otherCurrency'));
  if (report.cashiers.length) {
    gap();
    row(words.cashiers);
    for (const line of report.cashiers) totals(`  ${line.name ?? words.noName}`, line.total);
  }

  // A heading or a note alone on its line does not widen the columns.
  const withNumbers = rows.filter(([, count, amount]) => count || amount);
  const widths = [0, 1, 2].map((i) => Math.max(...withNumbers.map((r) => r[i]!.length)));
  const lines = rows.map(([label, count, amount]) => (count || amount ? `${label.padEnd(widths[0]!)}  ${count.padStart(widths[1]!)}  ${amount.padStart(widths[2]!)}`.trimEnd() : label));

  if (report.hours.length) {
    lines.push('', words.hours);
    const most = Math.max(...report.hours.map((h) => h.amountMinor), 1);
    const amountWidth = Math.max(...report.hours.map((h) => money(h.amountMinor).length));
    for (const h of report.hours) {
      const bar = '#'.repeat(Math.round((h.amountMinor / most) * 30));
      lines.push(`  ${h.label}  ${String(h.count).padStart(4)}  ${money(h.amountMinor).padStart(amountWidth)}  ${bar}`.trimEnd());
    }
  }
  const title = report.kind === 'X' ? words.xTitle : report.kind === 'Z' ? fill(words.zTitle, { number: options.zNumber ?? '—' }) : `${words.dayTitle}${report.businessDay ? ` ${dayText(report.businessDay)}` : ''}`;
  const subtitle = report.kind === 'X' ? words.xSubtitle : report.kind === 'Z' ? words.zSubtitle : words.daySubtitle;
  const head = [...(options.training ? [words.training] : []), ...(options.merchant ? [options.merchant] : []), title];
  const underline = '='.repeat(Math.max(...head.map((line) => line.length)));
  const journal = [words.journal, `  ${fill(words.journalRange, { from: report.journal.afterSeq + 1, to: report.journal.uptoSeq })}`];
  if (report.journal.lastHash) journal.push(`  ${words.lastHash}: ${report.journal.lastHash}`);
  // The outside anchor: head office's acknowledgement when this report was frozen.
  if (report.headOffice) journal.push(`  ${fill(words.headOffice, { seq: report.headOffice.seq, time: when(report.headOffice.receivedAt) })}: ${report.headOffice.hash.slice(0, 16)}`);
  return [...head, subtitle, underline, ...lines, '', ...journal].join('\n');
}

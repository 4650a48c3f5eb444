/**
 * A report's lines, top to bottom, in the reader's language: what every way
 * of showing an X, Z or day report prints (the HTML for preview, print and
 * PDF in report-html.ts; the terminal table of `pos report` in
 * report-text.ts). A new part of the report is added here once.
 */
import { formatMoney, type Currency } from '../../../shared/money';
import { formatDate, formatDateTime } from '../../../shared/dates';
import type { Language } from '../../../shared/i18n';
import type { FiscalSummary, TillReport, ZFrame } from '../../../shared/till-report';
import { formatRate } from './fees';
import { counted, fill, REPORT_LABELS, type ReportLabels } from './labels';

/** A business day ("2026-12-04") in the language's one date format: a calendar day, no time zone to shift it. */
export const dayText = (day: string, language: Language) => formatDate(`${day}T12:00:00Z`, language, { timeZone: 'UTC' }) || day;

export type ReportWidth = 'A4' | '80mm';

/** The report and what is printed around it; `width` only decides whether the fiscal labels are codes (the narrow roll) or words. */
export interface ReportInput {
  report: TillReport;
  z?: ZFrame;
  copy?: boolean;
  merchant: { name: string; address?: string; tin?: string };
  deviceId: string;
  training: boolean;
  language: Language;
  width: ReportWidth;
}

export type Tone = 'plain' | 'strong' | 'alert';

export type Line =
  | { kind: 'title'; text: string }
  | { kind: 'center'; text: string; tone?: Tone }
  | { kind: 'heading'; text: string }
  | { kind: 'cols'; label: string; count?: string; amount?: string; tone?: Tone; indent?: boolean }
  | { kind: 'note'; text: string; tone?: Tone }
  | { kind: 'chart'; bars: { label: string; value: string; fraction: number }[] }
  | { kind: 'hash'; label: string; value: string }
  | { kind: 'rule' };

/** The lines of a report, top to bottom: the same for A4 and the roll. */
export function reportLines(input: ReportInput): Line[] {
  const { report, z, copy } = input;
  const words = REPORT_LABELS[input.language] ?? REPORT_LABELS.en;
  const currency = report.currency as Currency;
  const money = (minor: number) => formatMoney(minor, currency, input.language);
  // One minus sign on the whole report (the true minus, as on cash out), never a hyphen from the number format.
  const signed = (minor: number) => (minor > 0 ? `+${money(minor)}` : minor < 0 ? `−${money(-minor)}` : money(minor));
  const when = (iso: string) => formatDateTime(iso, input.language, { timeZone: report.timeZone });
  // The engine writes the role 'manager' where a person's name would go: said in the report's language.
  const who = (name: string) => (name === 'manager' ? words.theManager : name);
  const lines: Line[] = [];
  const push = (...more: Line[]) => lines.push(...more);

  if (input.training) push({ kind: 'center', text: words.training, tone: 'alert' });
  push({ kind: 'center', text: input.merchant.name, tone: 'strong' });
  if (input.merchant.address) push({ kind: 'center', text: input.merchant.address });
  if (input.merchant.tin) push({ kind: 'center', text: `${words.tin} ${input.merchant.tin}` });
  const title = report.kind === 'X' ? words.xTitle : report.kind === 'Z' ? fill(words.zTitle, { number: z?.number ?? '' }) : words.dayTitle;
  push({ kind: 'title', text: title });
  push({ kind: 'center', text: report.kind === 'X' ? words.xSubtitle : report.kind === 'Z' ? words.zSubtitle : words.daySubtitle });
  if (copy) push({ kind: 'center', text: words.copy, tone: 'alert' });
  push({ kind: 'rule' });

  if (report.shift) {
    push({ kind: 'cols', label: words.opened, amount: `${when(report.shift.openedAt)} ${fill(words.by, { name: who(report.shift.openedBy) })}` });
    if (report.shift.closedAt) push({ kind: 'cols', label: words.closed, amount: `${when(report.shift.closedAt)} ${fill(words.by, { name: who(report.shift.closedBy ?? '') })}` });
  } else if (report.kind === 'X') push({ kind: 'cols', label: words.noShift });
  if (report.businessDay) push({ kind: 'cols', label: words.businessDay, amount: dayText(report.businessDay, input.language) });
  push({ kind: 'cols', label: words.printed, amount: `${when(report.generatedAt)} · ${input.deviceId}` });
  push({ kind: 'rule' });

  const totals = (label: string, t: { count: number; amountMinor: number }, tone?: Tone, indent = true): Line => ({
    kind: 'cols',
    label,
    count: String(t.count),
    amount: money(t.amountMinor),
    ...(tone ? { tone } : {}),
    indent,
  });
  push({ kind: 'cols', label: words.sales, count: words.count, amount: words.amount, tone: 'strong' });
  push(totals(words.momo, report.sales.momo), totals(words.cash, report.sales.cash), totals(words.total, report.sales.total, 'strong'));
  push({ kind: 'cols', label: words.refunds, tone: 'strong' });
  push(totals(words.momo, report.refunds.momo), totals(words.cash, report.refunds.cash), totals(words.total, report.refunds.total, 'strong'));
  if (report.refunds.pending.count) push(totals(words.pendingRefunds, report.refunds.pending, 'alert'));
  if (report.refunds.failed.count) push(totals(words.failedRefunds, report.refunds.failed));
  push({ kind: 'cols', label: words.net, amount: money(report.netMinor), tone: 'strong' });
  if (report.paidTwice.count) push(totals(words.paidTwice, report.paidTwice, 'alert', false));
  if (report.outsideShift.count) push(totals(words.outsideShift, report.outsideShift, undefined, false));
  push({ kind: 'rule' });

  push({ kind: 'heading', text: words.prompts });
  const p = report.prompts;
  for (const [label, value] of [
    [words.sent, p.sent],
    [words.paid, p.paid],
    [words.declined, p.declined],
    [words.expired, p.expired],
    [words.failed, p.failed],
    [words.waiting, p.waiting],
  ] as const) {
    push({ kind: 'cols', label, count: String(value), indent: true });
  }
  const inv = report.invoices;
  if (inv && (inv.sent || inv.paid || inv.expired || inv.cancelled || inv.failed || inv.declined)) {
    push({ kind: 'heading', text: words.invoices });
    for (const [label, value] of [
      [words.invoicesSent, inv.sent],
      [words.paid, inv.paid],
      [words.expired, inv.expired],
      [words.invoicesCancelled, inv.cancelled],
      // Absent on reports frozen before declined invoices had their own line (they were counted as cancelled).
      ...(inv.declined !== undefined ? ([[words.invoicesDeclined, inv.declined]] as const) : []),
      [words.failed, inv.failed],
      [words.invoicesOpen, inv.open],
    ] as const) {
      push({ kind: 'cols', label, count: String(value), indent: true });
    }
  }
  push({ kind: 'cols', label: words.salesStarted, count: String(report.salesStarted) });
  push({ kind: 'rule' });

  const c = report.cash;
  push({ kind: 'heading', text: words.drawer });
  push({ kind: 'cols', label: words.openingFloat, amount: money(c.openingFloatMinor), indent: true });
  push({ kind: 'cols', label: words.cashSales, amount: money(c.salesMinor), indent: true });
  push({ kind: 'cols', label: words.cashIn, amount: money(c.inMinor), indent: true });
  push({ kind: 'cols', label: words.cashOut, amount: money(c.outMinor), indent: true });
  push({ kind: 'cols', label: words.cashRefunds, amount: money(c.refundsMinor), indent: true });
  push({ kind: 'cols', label: words.expected, amount: money(c.expectedMinor), tone: 'strong' });
  if (c.countedMinor === undefined) push({ kind: 'cols', label: words.counted, amount: words.notCounted });
  else {
    push({ kind: 'cols', label: words.counted, amount: money(c.countedMinor), tone: 'strong' });
    const difference = c.differenceMinor ?? 0;
    if (difference === 0) push({ kind: 'cols', label: words.difference, amount: money(0) }, { kind: 'note', text: words.exact });
    else push({ kind: 'cols', label: `${words.difference}: ${difference < 0 ? words.short : words.over}`, amount: signed(difference), tone: 'alert' });
  }
  push({ kind: 'note', text: words.momoNotInDrawer });
  if (c.movements.length) {
    push({ kind: 'heading', text: words.movements });
    for (const m of c.movements) {
      push({ kind: 'cols', label: `${m.kind === 'in' ? words.in : words.out} · ${m.reason} · ${who(m.by)}`, amount: `${m.kind === 'in' ? '+' : '−'}${money(m.amountMinor)}`, indent: true });
    }
  }
  push({ kind: 'rule' });

  push({ kind: 'heading', text: words.cashiers });
  if (report.cashiers.length === 0) push({ kind: 'note', text: words.noSales });
  for (const line of report.cashiers) {
    push({ kind: 'cols', label: line.name ?? words.noName, count: String(line.total.count), amount: money(line.total.amountMinor), tone: 'strong' });
    if (line.momo.count) push(totals(words.momo, line.momo));
    if (line.cash.count) push(totals(words.cash, line.cash));
  }
  push({ kind: 'rule' });

  push({ kind: 'heading', text: words.hours });
  if (report.hours.length === 0) push({ kind: 'note', text: words.noSales });
  else {
    const most = Math.max(...report.hours.map((h) => h.amountMinor), 1);
    push({ kind: 'chart', bars: report.hours.map((h) => ({ label: h.label, value: h.count ? `${h.count} · ${money(h.amountMinor)}` : '—', fraction: h.amountMinor / most })) });
  }
  push({ kind: 'rule' });

  push({ kind: 'heading', text: words.fees });
  const rule = report.fees.rule;
  push({ kind: 'note', text: rule.rateBasisPoints === 0 ? words.noFeeRule : fill(words.feeRule, { rate: formatRate(rule.rateBasisPoints, input.language), above: money(rule.aboveMinor) }) });
  push({ kind: 'cols', label: counted(input.language, report.fees.paymentsCharged, 'report.feePayments'), amount: money(report.fees.estimatedMinor), tone: 'strong', indent: true });
  push({ kind: 'note', text: words.feesEstimate });
  if (report.momoBalance) {
    const b = report.momoBalance;
    push({ kind: 'rule' }, { kind: 'heading', text: words.momoBalance });
    const reading = (label: string, r: typeof b.open) =>
      push({ kind: 'cols', label, amount: r === undefined ? words.balanceNotAsked : r.availableMinor === undefined ? fill(words.balanceNotRead, { reason: r.problem ?? '?' }) : money(r.availableMinor), indent: true });
    reading(words.balanceOpen, b.open);
    reading(report.kind === 'Z' ? words.balanceClose : words.balanceNow, b.close);
    if (b.changeMinor !== undefined) push({ kind: 'cols', label: words.balanceChange, amount: signed(b.changeMinor), indent: true });
    push({ kind: 'cols', label: words.balanceExpected, amount: signed(b.expectedChangeMinor), indent: true });
    if (b.betweenShifts) {
      push({ kind: 'cols', label: words.balanceBetween, count: String(b.betweenShifts.count), amount: signed(b.betweenShifts.amountMinor), indent: true }, { kind: 'note', text: words.balanceBetweenNote });
    }
    if (b.differenceMinor === 0) push({ kind: 'cols', label: words.balanceDifference, amount: money(0) }, { kind: 'note', text: words.balanceMatches });
    else if (b.differenceMinor !== undefined) {
      push({ kind: 'cols', label: `${words.balanceDifference}: ${words.balanceMismatch}`, amount: signed(b.differenceMinor), tone: 'alert' }, { kind: 'note', text: words.balanceMismatchNote, tone: 'alert' });
    }
  }
  if (report.fiscal) push({ kind: 'rule' }, ...fiscalLines(report.fiscal, words, input.language, money, when, input.width));
  if (report.wrongPins) push({ kind: 'cols', label: words.wrongPins, count: String(report.wrongPins), tone: 'alert' });
  if (report.otherCurrencyFacts) push({ kind: 'note', text: counted(input.language, report.otherCurrencyFacts, 'report.otherCurrency'), tone: 'alert' });
  push({ kind: 'rule' });

  if (z) {
    push({ kind: 'heading', text: words.grandTotal });
    push({ kind: 'cols', label: '', count: words.grandSales, amount: words.grandRefunds, tone: 'strong' });
    push({ kind: 'cols', label: words.grandBefore, count: money(z.previousGrandSalesMinor), amount: money(z.previousGrandRefundsMinor), indent: true });
    push({ kind: 'cols', label: words.grandThis, count: money(z.salesMinor), amount: money(z.refundsMinor), indent: true });
    push({ kind: 'cols', label: words.grandAfter, count: money(z.grandSalesMinor), amount: money(z.grandRefundsMinor), tone: 'strong', indent: true });
    if (z.grandRestarted) push({ kind: 'note', text: words.grandRestarted, tone: 'alert' });
    push({ kind: 'rule' });
  }
  push({ kind: 'heading', text: words.journal });
  push({ kind: 'cols', label: fill(words.journalRange, { from: report.journal.afterSeq + 1, to: report.journal.uptoSeq }) });
  const lastHash = z?.lastHash ?? report.journal.lastHash;
  if (lastHash) push({ kind: 'hash', label: words.lastHash, value: lastHash });
  if (z) push({ kind: 'hash', label: words.reportHash, value: z.reportHash });
  // The outside anchor: head office's acknowledgement when this Z was frozen.
  if (report.headOffice) push({ kind: 'hash', label: fill(words.headOffice, { seq: report.headOffice.seq, time: formatDateTime(report.headOffice.receivedAt, input.language, { timeZone: report.timeZone }) }), value: report.headOffice.hash.slice(0, 16) });
  return lines;
}

/** Tax receipts: signed per label, refused, and any still waiting for the device's signature. */
function fiscalLines(fiscal: FiscalSummary, words: ReportLabels, language: Language, money: (minor: number) => string, when: (iso: string) => string, width: ReportWidth): Line[] {
  const lines: Line[] = [{ kind: 'heading', text: words.fiscal }];
  const amount = (minor: number | undefined) => (minor === undefined ? '—' : money(minor));
  if (fiscal.labels.length === 0) lines.push({ kind: 'note', text: words.fiscalNone });
  // The roll prints the labels' codes alone, as the tax authority's own receipts do; A4 has room for the words.
  const named = { NS: words.fiscalNS, NR: words.fiscalNR, CS: words.fiscalCS, CR: words.fiscalCR, TS: words.fiscalTS, TR: words.fiscalTR, PS: words.fiscalPS };
  for (const line of fiscal.labels) lines.push({ kind: 'cols', label: width === '80mm' ? line.label : named[line.label], count: String(line.count), amount: amount(line.amountMinor), indent: true });
  // Short labels beside the numbers (the 80 mm roll is narrow); what they mean in full sentences under them.
  if (fiscal.rejected.count) {
    lines.push({ kind: 'cols', label: words.fiscalRefusedShort, count: String(fiscal.rejected.count), amount: amount(fiscal.rejected.amountMinor), tone: 'alert', indent: true });
    lines.push({ kind: 'note', text: words.fiscalRejected });
  }
  if (fiscal.unsigned.count) {
    lines.push({ kind: 'cols', label: words.fiscalUnsignedShort, count: String(fiscal.unsigned.count), amount: amount(fiscal.unsigned.amountMinor), indent: true });
    lines.push({ kind: 'note', text: counted(language, fiscal.unsigned.count, 'report.fiscalUnsigned'), tone: 'alert' });
    if (fiscal.unsigned.oldestAt) lines.push({ kind: 'note', text: fill(words.fiscalOldest, { time: when(fiscal.unsigned.oldestAt) }) });
  } else lines.push({ kind: 'note', text: words.fiscalAllSigned });
  return lines;
}

/**
 * X, Z and day reports as one standalone HTML document for preview, print
 * and PDF: inline CSS (allowed by hash in its own CSP), no scripts, no style
 * attributes, escaped text, and an explicit page size — A4, or an 80 mm roll
 * whose height is computed from the lines (Chromium's printToPDF ignores
 * `size: 80mm auto`). The sales-per-hour chart is inline SVG: it prints
 * without "background graphics".
 */
import { createHash } from 'node:crypto';
import { formatMoney, type Currency } from '../../../shared/money';
import { formatDate, formatDateTime } from '../../../shared/dates';
import { escapeHtml } from '../receipts';
import { formatRate } from './fees';
import { counted, fill, REPORT_LABELS, type ReportLabels } from './labels';
import type { Language } from '../../../shared/i18n';
import type { TillReport, ZFrame } from '../../../shared/till-report';

/** A business day ("2026-12-04") in the language's one date format: a calendar day, no time zone to shift it. */
const dayText = (day: string, language: Language) => formatDate(`${day}T12:00:00Z`, language, { timeZone: 'UTC' }) || day;

export type ReportWidth = 'A4' | '80mm';

export interface ReportHtmlInput {
  report: TillReport;
  z?: ZFrame;
  copy?: boolean;
  merchant: { name: string; address?: string; tin?: string };
  deviceId: string;
  training: boolean;
  language: Language;
  width: ReportWidth;
}

type Tone = 'plain' | 'strong' | 'alert';

type Line =
  | { kind: 'title'; text: string }
  | { kind: 'center'; text: string; tone?: Tone }
  | { kind: 'heading'; text: string }
  | { kind: 'cols'; label: string; count?: string; amount?: string; tone?: Tone; indent?: boolean }
  | { kind: 'note'; text: string; tone?: Tone }
  | { kind: 'chart'; bars: { label: string; value: string; fraction: number }[] }
  | { kind: 'hash'; label: string; value: string }
  | { kind: 'rule' };

interface Metrics {
  contentMm: number;
  fontMm: number;
  lineMm: number;
  /** Characters of body text per line, estimated low so wrapped notes get enough height. */
  charsPerLine: number;
  hashCharsPerLine: number;
  paddingMm: number;
}

const METRICS: Record<ReportWidth, Metrics> = {
  A4: { contentMm: 160, fontMm: 3.6, lineMm: 5.6, charsPerLine: 80, hashCharsPerLine: 64, paddingMm: 0 },
  '80mm': { contentMm: 72, fontMm: 3, lineMm: 4.4, charsPerLine: 38, hashCharsPerLine: 32, paddingMm: 4 },
};

const noteRows = (text: string, m: Metrics) => Math.max(1, Math.ceil(text.length / m.charsPerLine));

function rowsOf(line: Line, m: Metrics): number {
  switch (line.kind) {
    case 'title':
      return 2;
    case 'note':
      return noteRows(line.text, m);
    case 'chart':
      return Math.max(1, line.bars.length);
    case 'hash':
      return 1 + Math.ceil(line.value.length / m.hashCharsPerLine);
    default:
      return 1;
  }
}

/** The lines of a report, top to bottom: the same for A4 and the roll. */
function reportLines(input: ReportHtmlInput, words: ReportLabels): Line[] {
  const { report, z, copy } = input;
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

function renderLine(line: Line, m: Metrics): string {
  const tone = (t?: Tone) => (t && t !== 'plain' ? ` ${t}` : '');
  switch (line.kind) {
    case 'title':
      return `<h1 class="title">${escapeHtml(line.text)}</h1>`;
    case 'center':
      return `<p class="line center${tone(line.tone)}">${escapeHtml(line.text)}</p>`;
    case 'heading':
      return `<h2 class="line heading">${escapeHtml(line.text)}</h2>`;
    case 'rule':
      return '<div class="line rule" aria-hidden="true"></div>';
    case 'note':
      return `<p class="note h${noteRows(line.text, m)}${tone(line.tone)}">${escapeHtml(line.text)}</p>`;
    case 'hash': {
      const chunks = line.value.match(new RegExp(`.{1,${m.hashCharsPerLine}}`, 'g')) ?? [];
      return `<p class="line">${escapeHtml(line.label)}</p>${chunks.map((chunk) => `<p class="line hash">${escapeHtml(chunk)}</p>`).join('')}`;
    }
    case 'chart':
      return chartSvg(line.bars, m);
    case 'cols':
      // A row with no count leaves its label the room (the roll is narrow); amounts stay right-aligned either way.
      return `<div class="line cols${line.indent ? ' indent' : ''}${tone(line.tone)}"><span class="label">${escapeHtml(line.label)}</span>${line.count === undefined ? '' : `<span class="count">${escapeHtml(line.count)}</span>`}<span class="amount">${escapeHtml(line.amount ?? '')}</span></div>`;
  }
}

/** Horizontal bars, one hour a row; sized in mm through the viewBox, coloured by attributes (no style attributes under the CSP). */
function chartSvg(bars: { label: string; value: string; fraction: number }[], m: Metrics): string {
  const width = m.contentMm;
  const labelMm = m.fontMm * 4;
  const valueMm = m.contentMm * (m.contentMm > 100 ? 0.3 : 0.42);
  const barMax = width - labelMm - valueMm - 2;
  const rows = bars
    .map((bar, i) => {
      const y = i * m.lineMm;
      const barWidth = Math.max(bar.fraction > 0 ? 0.6 : 0, Math.round(bar.fraction * barMax * 100) / 100);
      const text = (x: number, anchor: string, content: string) =>
        `<text x="${x}" y="${(y + m.lineMm * 0.72).toFixed(2)}" font-size="${m.fontMm * 0.9}" text-anchor="${anchor}" fill="#000">${escapeHtml(content)}</text>`;
      return [
        text(0, 'start', bar.label),
        `<rect x="${labelMm}" y="${(y + m.lineMm * 0.18).toFixed(2)}" width="${barWidth}" height="${(m.lineMm * 0.64).toFixed(2)}" fill="#333"/>`,
        text(width, 'end', bar.value),
      ].join('');
    })
    .join('');
  const height = (bars.length * m.lineMm).toFixed(2);
  return `<svg class="chart" role="img" aria-label="chart" xmlns="http://www.w3.org/2000/svg" width="${width}mm" height="${height}mm" viewBox="0 0 ${width} ${height}">${rows}</svg>`;
}

function stylesheet(width: ReportWidth, m: Metrics, heightMm: number): string {
  const page = width === 'A4' ? '@page { size: A4; margin: 14mm 18mm; }' : `@page { size: 80mm ${heightMm}mm; margin: 0; }`;
  const noteHeights = Array.from({ length: 8 }, (_, i) => `.h${i + 1} { height: ${(m.lineMm * (i + 1)).toFixed(2)}mm; }`).join('\n');
  return `
${page}
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
.report { box-sizing: border-box; width: ${width === 'A4' ? `${m.contentMm}mm` : '80mm'}; margin: 0 auto; padding: ${m.paddingMm}mm;
  font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: ${m.fontMm}mm; line-height: ${m.lineMm}mm; }
.line { height: ${m.lineMm}mm; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.note { margin: 0; overflow: hidden; }
${noteHeights}
.title { height: ${2 * m.lineMm}mm; line-height: ${2 * m.lineMm}mm; margin: 0; font-size: ${m.fontMm * 1.6}mm; text-align: center; font-weight: 800; letter-spacing: 0.04em; white-space: nowrap; }
.center { text-align: center; }
.heading { font-size: ${m.fontMm}mm; font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; }
.strong { font-weight: 700; }
.alert { font-weight: 800; background: #000; color: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.cols { display: flex; gap: 1.5mm; }
.cols .label { flex: 1 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; }
.cols .count { flex: 0 0 ${width === 'A4' ? 30 : 12}mm; text-align: right; }
.cols .amount { flex: 0 0 auto; min-width: ${width === 'A4' ? 36 : 22}mm; text-align: right; }
.indent .label { padding-left: ${m.fontMm * 1.2}mm; }
.rule { position: relative; }
.rule::before { content: ""; position: absolute; left: 0; right: 0; top: 50%; border-top: 0.3mm dashed #000; }
.hash { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: ${m.fontMm * 0.82}mm; }
.chart { display: block; }
@media screen {
  html { background: #d9d9d9; }
  .report { margin: 4mm auto; background: #fff; box-shadow: 0 0.5mm 2mm rgba(0, 0, 0, 0.35); ${width === 'A4' ? 'padding: 8mm 10mm; width: auto; max-width: 184mm;' : ''} }
}
`;
}

/** Page height of the roll: every line has a known height. */
function rollHeightMm(lines: readonly Line[], m: Metrics): number {
  const rows = lines.reduce((sum, line) => sum + rowsOf(line, m), 0);
  return Math.ceil(rows * m.lineMm + 2 * m.paddingMm + 6);
}

export function renderReportHtml(input: ReportHtmlInput): string {
  const words = REPORT_LABELS[input.language] ?? REPORT_LABELS.en;
  const m = METRICS[input.width];
  const lines = reportLines(input, words);
  const style = stylesheet(input.width, m, rollHeightMm(lines, m));
  const styleHash = createHash('sha256').update(style, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const title =
    input.report.kind === 'Z' ? fill(words.zTitle, { number: input.z?.number ?? '' }) : input.report.kind === 'X' ? words.xTitle : `${words.dayTitle} ${input.report.businessDay ? dayText(input.report.businessDay, input.language) : ''}`;
  return `<!doctype html>
<html lang="${escapeHtml(input.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(`${title} · ${input.merchant.name}`)}</title>
<style>${style}</style>
</head>
<body>
<main class="report ${input.width === 'A4' ? 'a4' : 'roll'}" aria-label="${escapeHtml(title)}">
${lines.map((line) => renderLine(line, m)).join('\n')}
</main>
</body>
</html>
`;
}

/**
 * X, Z and day reports as one standalone HTML document for preview, print
 * and PDF: inline CSS (allowed by hash in its own CSP), no scripts, no style
 * attributes, escaped text, and an explicit page size — A4, or an 80 mm roll
 * whose height is computed from the lines (Chromium's printToPDF ignores
 * `size: 80mm auto`). The sales-per-hour chart is inline SVG: it prints
 * without "background graphics".
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../receipts';
import { fill, REPORT_LABELS } from './labels';
import { dayText, reportLines, type Line, type ReportInput, type ReportWidth, type Tone } from './report-lines';

export type { ReportWidth } from './report-lines';
/** The report for the HTML page: its lines, on A4 or the 80 mm roll. */
export type ReportHtmlInput = ReportInput;

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
  const lines = reportLines(input);
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

/**
 * One HTML template for preview, A4, PDF (printToPDF) and the system print
 * dialog: a standalone document, inline CSS only, no scripts, no external
 * resources, locked down by its own CSP (the style block by hash). It draws
 * the same line layout as the thermal printer, in a monospace font sized so
 * the columns fit the paper.
 *
 * Page size: Chromium's printToPDF ignores `size: 80mm auto`, so roll paper
 * gets an explicit height, computed from the layout (every line has a fixed
 * height in mm): `@page { size: 80mm <n>mm; margin: 0 }`. Use printToPDF with
 * `preferCSSPageSize: true`, or pass the same size (pageSizeFor) as pageSize.
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../../../shared/errors';
import { columnsFor, layoutReceipt, type PrintLine, type ReceiptWidth } from './layout';
import type { Receipt } from './model';
import { qrSvg } from './qr-svg';

export interface HtmlOptions {
  width: ReceiptWidth;
}

interface PageMetrics {
  columns: number;
  /** Paper width (roll) or receipt column width (A4), mm. */
  paperWidthMm: number;
  sidePaddingMm: number;
  verticalPaddingMm: number;
  fontMm: number;
  lineMm: number;
  qrMm: number;
}

/** Monospace advance is 0.6 em in the usual fonts; 0.62 leaves room for the odd wider one. */
const ADVANCE_EM = 0.62;
const LINE_HEIGHT_EM = 1.35;

function metricsFor(width: ReceiptWidth): PageMetrics {
  if (width === 'A4') {
    const fontMm = 3.4;
    const columns = 48;
    return { columns, paperWidthMm: round2(columns * ADVANCE_EM * fontMm + 8), sidePaddingMm: 4, verticalPaddingMm: 4, fontMm, lineMm: round2(fontMm * LINE_HEIGHT_EM), qrMm: 34 };
  }
  const paperWidthMm = width === '58mm' ? 58 : 80;
  const sidePaddingMm = 4;
  const columns = columnsFor(width);
  const fontMm = round2((paperWidthMm - 2 * sidePaddingMm) / (columns * ADVANCE_EM));
  return { columns, paperWidthMm, sidePaddingMm, verticalPaddingMm: 3, fontMm, lineMm: round2(fontMm * LINE_HEIGHT_EM), qrMm: width === '58mm' ? 26 : 30 };
}

/** The CSS page size for a receipt: 'A4', or the roll width and the receipt's computed height. */
export function pageSizeFor(receipt: Receipt, width: ReceiptWidth): { widthMm: number; heightMm: number } | 'A4' {
  if (width === 'A4') return 'A4';
  const metrics = metricsFor(width);
  return { widthMm: metrics.paperWidthMm, heightMm: rollHeightMm(layoutReceipt(receipt, metrics.columns), metrics) };
}

function rollHeightMm(lines: PrintLine[], metrics: PageMetrics): number {
  let height = 2 * metrics.verticalPaddingMm;
  for (const line of lines) height += lineHeightMm(line, metrics);
  // A little slack for rounding in the renderer; a roll can spare 3 mm.
  return Math.ceil(height + 3);
}

function lineHeightMm(line: PrintLine, metrics: PageMetrics): number {
  if (line.kind === 'qr') return metrics.qrMm + metrics.lineMm;
  if (line.kind === 'text' && (line.wide || line.tall)) return 2 * metrics.lineMm;
  return metrics.lineMm;
}

export function renderReceiptHtml(receipt: Receipt, options: HtmlOptions): string {
  const width = options.width;
  if (width !== '58mm' && width !== '80mm' && width !== 'A4') throw new ValidationError('width', 'error.receipts.receiptWidthMust58mm');
  const metrics = metricsFor(width);
  const lines = layoutReceipt(receipt, metrics.columns);
  const page =
    width === 'A4'
      ? '@page { size: A4; margin: 15mm; }'
      : `@page { size: ${metrics.paperWidthMm}mm ${rollHeightMm(lines, metrics)}mm; margin: 0; }`;
  const style = stylesheet(metrics, page, width === 'A4');
  const styleHash = createHash('sha256').update(style, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const body = lines.map((line) => renderLine(line, receipt, metrics)).join('\n');
  const classes = ['receipt', receipt.training ? 'training' : '', receipt.copy ? 'copy' : '', receipt.paid ? 'paid' : 'unpaid'].filter(Boolean).join(' ');
  return `<!doctype html>
<html lang="${escapeHtml(receipt.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(`${receipt.receiptNumber} · ${receipt.merchant.name}`)}</title>
<style>${style}</style>
</head>
<body>
<main class="${classes}" aria-label="${escapeHtml(`${receipt.receiptNumber} ${receipt.merchant.name}`)}">
${body}
</main>
</body>
</html>
`;
}

function renderLine(line: PrintLine, receipt: Receipt, metrics: PageMetrics): string {
  if (line.kind === 'rule') return '<div class="rule" aria-hidden="true"></div>';
  if (line.kind === 'qr') {
    const label = escapeHtml(`${receipt.labels.reference}: ${line.value}`);
    return `<div class="qr-line">${qrSvg(line.value, metrics.qrMm, label)}</div>`;
  }
  const classes = ['l'];
  if (line.align === 'center') classes.push('c');
  if (line.align === 'right') classes.push('r');
  if (line.bold) classes.push('b');
  if (line.wide) classes.push('w');
  if (line.tall) classes.push('t');
  if (line.invert) classes.push('inv');
  if (line.role) classes.push(`role-${line.role}`);
  const text = escapeHtml(line.text);
  return `<div class="${classes.join(' ')}">${line.tall ? `<span>${text}</span>` : text}</div>`;
}

function stylesheet(metrics: PageMetrics, page: string, a4: boolean): string {
  const { fontMm, lineMm, paperWidthMm, sidePaddingMm, verticalPaddingMm, qrMm } = metrics;
  return `
${page}
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
.receipt { box-sizing: border-box; width: ${paperWidthMm}mm; ${a4 ? 'margin: 0 auto;' : 'margin: 0;'} padding: ${verticalPaddingMm}mm ${sidePaddingMm}mm; overflow: hidden;
  font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, "Courier New", monospace; font-size: ${fontMm}mm; line-height: ${lineMm}mm; }
.l { height: ${lineMm}mm; white-space: pre; overflow: visible; }
.c { text-align: center; }
.r { text-align: right; }
.b { font-weight: 700; }
.w { font-size: ${round2(2 * fontMm)}mm; line-height: ${round2(2 * lineMm)}mm; height: ${round2(2 * lineMm)}mm; }
.t { height: ${round2(2 * lineMm)}mm; }
.t > span { display: inline-block; transform: scaleY(2); transform-origin: 50% 0; }
.inv { background: #000; color: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.rule { height: ${lineMm}mm; position: relative; }
.rule::before { content: ""; position: absolute; left: 0; right: 0; top: 50%; border-top: 0.3mm dashed #000; }
.qr-line { height: ${round2(qrMm + lineMm)}mm; display: flex; align-items: center; justify-content: center; }
.qr { display: block; width: ${qrMm}mm; height: ${qrMm}mm; }
@media screen {
  html { background: #d9d9d9; }
  .receipt { margin: 4mm auto; background: #fff; box-shadow: 0 0.5mm 2mm rgba(0, 0, 0, 0.35); }
}
`;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The receipt as physical lines for a given number of columns: one layout
 * that the ESC/POS encoder prints and the HTML template draws, so the
 * preview is the paper and the HTML roll height can be computed exactly.
 */
import { fiscalLines } from './fiscal-block';
import type { Receipt, ReceiptDetail } from './model';
import type { PrintLine } from './print-line';

export type ReceiptWidth = '58mm' | '80mm' | 'A4';
export type ReceiptColumns = 32 | 42 | 48;

/**
 * Characters per line in font A: 32 on 58 mm paper; 42 on 80 mm, which
 * fits every 80 mm printer (180 dpi ones such as Epson TM-T88 have 42,
 * 203 dpi ones 48: pass 48 to encodeEscPos for those).
 */
export function columnsFor(width: '58mm' | '80mm'): ReceiptColumns {
  return width === '58mm' ? 32 : 42;
}

export type { PrintLine };

/**
 * Lays the receipt out. `printable` turns text into what the device can show
 * (code page transliteration for ESC/POS, identity for HTML) before widths are counted.
 */
export function layoutReceipt(receipt: Receipt, columns: number, printable: (text: string) => string = (text) => text): PrintLine[] {
  const out: PrintLine[] = [];
  const labels = receipt.labels;
  const say = (text: string) => printable(text);

  const banner = (title: string, subtitle: string | undefined, role: 'training' | 'copy') => {
    bigCentered(out, say(title), columns, { bold: true, invert: true, role });
    if (subtitle) for (const line of wrap(say(subtitle), columns)) out.push(bar(line, columns, role));
  };
  const banners = () => {
    if (receipt.training) banner(labels.training, labels.notARealPayment, 'training');
    if (receipt.copy) banner(`*** ${labels.copy} ***`, undefined, 'copy');
  };

  banners();

  bigCentered(out, say(receipt.merchant.name), columns, { bold: true, role: 'merchant', preferTall: true });
  const centered = (text: string, role?: 'footer') => {
    for (const line of wrap(say(text), columns)) out.push({ kind: 'text', text: line, align: 'center', ...(role ? { role } : {}) });
  };
  for (const line of receipt.merchant.headerLines) centered(line);
  for (const line of receipt.merchant.addressLines) centered(line);
  if (receipt.merchant.phone) centered(`${labels.phone}: ${receipt.merchant.phone}`);
  if (receipt.merchant.tin) centered(`${labels.tin}: ${receipt.merchant.tin}`);
  out.push({ kind: 'rule' });

  for (const detail of receipt.saleDetails) out.push(...detailLines(detail, columns, say));
  out.push({ kind: 'rule' });

  for (const line of wrap(say(labels.total), columns)) out.push({ kind: 'text', text: line, align: 'center', bold: true });
  bigCentered(out, say(receipt.amountText), columns, { bold: true, role: 'amount' });
  if (receipt.paid) {
    bigCentered(out, say(receipt.statusText), columns, { bold: true, role: 'status' });
  } else {
    // An unpaid receipt must not pass for a paid one at a glance: a black bar.
    bigCentered(out, say(receipt.statusText), columns, { bold: true, invert: true, role: 'status' });
    if (receipt.statusDetail) for (const line of wrap(say(receipt.statusDetail), columns)) out.push({ kind: 'text', text: line, align: 'center' });
  }
  out.push({ kind: 'rule' });

  for (const detail of receipt.paymentDetails) out.push(...detailLines(detail, columns, say));

  if (receipt.qrValue) out.push({ kind: 'qr', value: receipt.qrValue });
  if (receipt.fiscal) out.push(...fiscalLines(receipt.fiscal, columns, say, wrap));
  if (receipt.merchant.footerLines.length > 0) {
    out.push({ kind: 'rule' });
    for (const line of receipt.merchant.footerLines) centered(line, 'footer');
  }

  // Repeated at the bottom: a torn-off half still says what it is.
  if (receipt.training || receipt.copy) out.push({ kind: 'rule' });
  banners();
  return out;
}

/** Label left and value right on one line when both fit, else the label and then the value right-aligned under it. */
function detailLines(detail: ReceiptDetail, columns: number, say: (text: string) => string): PrintLine[] {
  const label = say(detail.label);
  const value = say(detail.value);
  const labelLength = [...label].length;
  const valueLength = [...value].length;
  if (labelLength + 1 + valueLength <= columns) {
    return [{ kind: 'text', text: label + ' '.repeat(columns - labelLength - valueLength) + value, align: 'left', role: 'detail' }];
  }
  const valueLines = wrap(value, columns);
  // One value line sits right like the others; a value cut over lines reads better from the left.
  const placed = valueLines.length === 1 ? valueLines.map((text) => padStart(text, columns)) : valueLines;
  return [
    ...wrap(label, columns).map((text): PrintLine => ({ kind: 'text', text, align: 'left', role: 'detail' })),
    ...placed.map((text): PrintLine => ({ kind: 'text', text, align: 'left', role: 'detail' })),
  ];
}

/** Double size when it fits in half the columns, else double height (or bold) over wrapped lines. */
function bigCentered(
  out: PrintLine[],
  text: string,
  columns: number,
  style: { bold?: boolean; invert?: boolean; role: 'training' | 'copy' | 'status' | 'merchant' | 'amount'; preferTall?: boolean },
): void {
  const half = Math.floor(columns / 2);
  const wide = [...text].length <= half;
  const perLine = wide ? half : columns;
  for (const line of wrap(text, perLine)) {
    const base = { kind: 'text' as const, bold: style.bold === true, role: style.role };
    const sized = wide ? { wide: true } : style.preferTall || style.role === 'amount' ? { tall: true } : {};
    if (style.invert) out.push({ ...base, ...sized, text: center(line, perLine), align: 'left', invert: true });
    else out.push({ ...base, ...sized, text: line, align: 'center' });
  }
}

function bar(text: string, columns: number, role: 'training' | 'copy'): PrintLine {
  return { kind: 'text', text: center(text, columns), align: 'left', bold: true, invert: true, role };
}

function center(text: string, width: number): string {
  const length = [...text].length;
  const left = Math.floor((width - length) / 2);
  return ' '.repeat(Math.max(0, left)) + text + ' '.repeat(Math.max(0, width - length - left));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - [...text].length)) + text;
}

/** Word wrap at `width` characters; words longer than a line are cut. Always at least one line. */
export function wrap(text: string, maxWidth: number): string[] {
  const width = Math.max(1, Math.floor(maxWidth));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line: string[] = [];
    for (const word of paragraph.split(' ').filter((part) => part !== '')) {
      let chars = [...word];
      if (line.length > 0 && line.length + 1 + chars.length <= width) {
        line.push(' ', ...chars);
        continue;
      }
      if (line.length > 0) lines.push(line.join(''));
      line = [];
      while (chars.length > width) {
        lines.push(chars.slice(0, width).join(''));
        chars = chars.slice(width);
      }
      line = chars;
    }
    lines.push(line.join(''));
  }
  const kept = lines.filter((line, index) => line !== '' || index === 0);
  return kept.length > 0 ? kept : [''];
}

/**
 * The fiscal device's block on a receipt (Rwanda EBM's "SDC information"):
 * device id, receipt number and label, internal data, signature, MRC and the
 * QR, with the lines each label needs (training, proforma, copy, refund, and
 * "not an official receipt"). A receipt printed before its signature says it
 * is not yet the official receipt and carries no SDC data. Legal text is
 * printed in English, as the tax authority's layout gives it
 * (docs/decisions.md, issue 27).
 */
import type { PrintLine } from './print-line';

export type FiscalReceiptLabel = 'NS' | 'NR' | 'CS' | 'CR' | 'TS' | 'TR' | 'PS';

export interface FiscalBlock {
  label: FiscalReceiptLabel;
  /** Our invoice number (the CIS number sent to the device). */
  invoiceNo: number;
  /** A refund's original sale invoice number. */
  originalInvoiceNo?: number;
  /** Absent: not signed yet. */
  signed?: {
    sdcId: string;
    receiptNo: number;
    totalReceiptNo: number;
    internalData: string;
    signature: string;
    /** YYYYMMDDhhmmss as the device returned it. */
    sdcDateTime: string;
    mrcNo: string | null;
  };
}

const NOT_OFFICIAL = new Set<FiscalReceiptLabel>(['TS', 'PS', 'CS', 'CR', 'TR']);
const NO_SIGNATURE_PRINTED = new Set<FiscalReceiptLabel>(['TS', 'PS']);

export const FISCAL_TEXT = {
  sdcInformation: 'SDC INFORMATION',
  training: 'TRAINING MODE',
  proforma: 'PROFORMA',
  copy: 'COPY',
  refund: 'REFUND',
  refundReference: 'REF. NORMAL RECEIPT#:',
  refundRule: 'REFUND IS APPROVED ONLY FOR ORIGINAL SALES RECEIPT',
  notOfficial: 'THIS IS NOT AN OFFICIAL RECEIPT',
  notYetOfficial: 'NOT YET THE OFFICIAL RECEIPT',
  notYetOfficialDetail: 'The EBM has not signed this sale yet. The official receipt prints once it is signed.',
  endOfLegal: 'End of Legal Receipt',
} as const;

/** "GZGGIZLY…" → "GZGG-IZLY-…". */
export function groupsOf4(text: string): string {
  return text.match(/.{1,4}/g)?.join('-') ?? '';
}

/** 20211027162114 → { date: 27-10-2021, time: 16:21:14 }. */
export function sdcDate(stamp: string): { date: string; time: string; iso: string } {
  if (!/^\d{14}$/.test(stamp)) throw new Error('The device time must be YYYYMMDDhhmmss.');
  const [y, mo, d, h, mi, s] = [stamp.slice(0, 4), stamp.slice(4, 6), stamp.slice(6, 8), stamp.slice(8, 10), stamp.slice(10, 12), stamp.slice(12, 14)];
  return { date: `${d}-${mo}-${y}`, time: `${h}:${mi}:${s}`, iso: `${y}-${mo}-${d} ${h}:${mi}:${s}` };
}

/** What the QR carries: date#sdcId#rcptNo/totRcptNo/label#internal data#signature. */
export function fiscalQrValue(block: FiscalBlock): string | undefined {
  const s = block.signed;
  if (!s || NO_SIGNATURE_PRINTED.has(block.label)) return undefined;
  return `${sdcDate(s.sdcDateTime).iso}#${s.sdcId}#${s.receiptNo}/${s.totalReceiptNo}/${block.label}#${s.internalData}#${s.signature}`;
}

/** The fiscal lines of a receipt, laid out for `columns`; `wrap` and `say` are the layout's own. */
export function fiscalLines(block: FiscalBlock, columns: number, say: (text: string) => string, wrap: (text: string, width: number) => string[]): PrintLine[] {
  const out: PrintLine[] = [];
  const centered = (text: string, bold = false) => {
    for (const line of wrap(say(text), columns)) out.push({ kind: 'text', text: line, align: 'center', ...(bold ? { bold: true } : {}) });
  };
  const left = (text: string) => {
    for (const line of wrap(say(text), columns)) out.push({ kind: 'text', text: line, align: 'left', role: 'detail' });
  };
  // "Label: value" on one line when it fits, else the label and the value under it (a signature is never cut).
  const pair = (label: string, value: string) => {
    if (label.length + 1 + value.length <= columns) left(`${label} ${value}`);
    else {
      left(label);
      left(value);
    }
  };
  const notOfficial = NOT_OFFICIAL.has(block.label);
  const refund = block.label[1] === 'R';

  out.push({ kind: 'rule' });
  if (block.label === 'TS' || block.label === 'TR') centered(FISCAL_TEXT.training, true);
  if (block.label === 'PS') centered(FISCAL_TEXT.proforma, true);
  if (block.label[0] === 'C') centered(FISCAL_TEXT.copy, true);
  if (refund) {
    centered(FISCAL_TEXT.refund, true);
    if (block.originalInvoiceNo !== undefined) left(`${FISCAL_TEXT.refundReference} ${block.originalInvoiceNo}`);
    centered(FISCAL_TEXT.refundRule);
  }
  if (notOfficial) centered(FISCAL_TEXT.notOfficial, true);

  const s = block.signed;
  // A rule between the label lines and what follows, not a second one straight after the first.
  const separate = () => {
    if (out.length > 1) out.push({ kind: 'rule' });
  };
  if (!s) {
    separate();
    centered(FISCAL_TEXT.notYetOfficial, true);
    centered(FISCAL_TEXT.notYetOfficialDetail);
    left(`RECEIPT NUMBER: ${block.invoiceNo}`);
    return out;
  }
  const when = sdcDate(s.sdcDateTime);
  separate();
  centered(FISCAL_TEXT.sdcInformation, true);
  left(`Date: ${when.date} Time: ${when.time}`);
  left(`SDC ID: ${s.sdcId}`);
  left(`RECEIPT NUMBER: ${s.receiptNo}/${s.totalReceiptNo} ${block.label}`);
  if (!NO_SIGNATURE_PRINTED.has(block.label)) {
    pair('Internal Data:', groupsOf4(s.internalData));
    pair('Receipt Signature:', groupsOf4(s.signature));
  }
  out.push({ kind: 'rule' });
  left(`RECEIPT NUMBER: ${block.invoiceNo}`);
  left(`Date: ${when.date} Time: ${when.time}`);
  if (s.mrcNo) left(`MRC: ${s.mrcNo}`);
  out.push({ kind: 'rule' });
  const qr = fiscalQrValue(block);
  if (qr) out.push({ kind: 'qr', value: qr });
  centered(notOfficial ? FISCAL_TEXT.notOfficial : FISCAL_TEXT.endOfLegal, true);
  return out;
}

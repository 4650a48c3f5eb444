/** The fiscal (SDC) block on receipts, for every label, in the layout, the HTML and the ESC/POS bytes. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildReceipt,
  encodeEscPos,
  FISCAL_TEXT,
  fiscalQrValue,
  layoutReceipt,
  renderReceiptHtml,
  type FiscalBlock,
  type FiscalReceiptLabel,
} from '../../../electron/core/receipts';

const signed = {
  sdcId: 'SDC010000005',
  receiptNo: 27,
  totalReceiptNo: 32,
  internalData: 'GZGGIZLYTJSSD7YLYLGIIG6FCY',
  signature: 'TQZMKL57AGBMSTPO',
  sdcDateTime: '20211027162114',
  mrcNo: 'WIS01006230',
};
const receiptWith = (fiscal: FiscalBlock) =>
  buildReceipt({
    merchant: { name: 'Iduka Ltd', tin: '100600570', address: 'KG 11 Ave, Kigali' },
    receiptNumber: 'POS1-000007',
    issuedAt: '2021-10-27T14:21:10.000Z',
    timeZone: 'Africa/Kigali',
    language: 'en',
    amountMinor: 7000,
    currency: 'RWF',
    method: 'momo',
    status: 'paid',
    copy: false,
    training: false,
    fiscal,
  });
const text = (fiscal: FiscalBlock) =>
  layoutReceipt(receiptWith(fiscal), 42)
    .map((l) => (l.kind === 'text' ? l.text.trim() : l.kind === 'qr' ? `[QR ${l.value}]` : '---'))
    .join('\n');

const LABELS: FiscalReceiptLabel[] = ['NS', 'NR', 'CS', 'CR', 'TS', 'TR', 'PS'];

describe('SDC block', () => {
  it('a signed NS carries the whole block, grouped by four, and no "not official" line', () => {
    const t = text({ label: 'NS', invoiceNo: 41, signed });
    expect(t).toContain('SDC INFORMATION');
    expect(t).toContain('Date: 27-10-2021 Time: 16:21:14');
    expect(t).toContain('SDC ID: SDC010000005');
    expect(t).toContain('RECEIPT NUMBER: 27/32 NS');
    expect(t).toContain('Internal Data:\nGZGG-IZLY-TJSS-D7YL-YLGI-IG6F-CY');
    expect(t).toContain('Receipt Signature: TQZM-KL57-AGBM-STPO');
    expect(t).toContain('RECEIPT NUMBER: 41');
    expect(t).toContain('MRC: WIS01006230');
    expect(t).toContain('[QR 2021-10-27 16:21:14#SDC010000005#27/32/NS#GZGGIZLYTJSSD7YLYLGIIG6FCY#TQZMKL57AGBMSTPO]');
    expect(t).toContain(FISCAL_TEXT.endOfLegal);
    expect(t).not.toContain(FISCAL_TEXT.notOfficial);
  });

  it.each(LABELS)('%s: the lines its label needs', (label) => {
    const t = text({ label, invoiceNo: 41, originalInvoiceNo: 12, signed });
    expect(t).toContain(`RECEIPT NUMBER: 27/32 ${label}`);
    expect(t.includes(FISCAL_TEXT.notOfficial)).toBe(label !== 'NS' && label !== 'NR');
    expect(t.includes(`\n${FISCAL_TEXT.copy}\n`)).toBe(label[0] === 'C');
    expect(t.includes(FISCAL_TEXT.training)).toBe(label[0] === 'T');
    expect(t.includes(FISCAL_TEXT.proforma)).toBe(label === 'PS');
    expect(t.includes(`${FISCAL_TEXT.refundReference} 12`)).toBe(label[1] === 'R');
    // Training and proforma print neither internal data, signature nor QR.
    const secret = label === 'TS' || label === 'PS';
    expect(t.includes('Receipt Signature:')).toBe(!secret);
    expect(t.includes('Internal Data:')).toBe(!secret);
    expect(fiscalQrValue({ label, invoiceNo: 41, signed }) === undefined).toBe(secret);
    // Every rendering carries it.
    const html = renderReceiptHtml(receiptWith({ label, invoiceNo: 41, originalInvoiceNo: 12, signed }), { width: '80mm' });
    expect(html).toContain(`RECEIPT NUMBER: 27/32 ${label}`);
    const bytes = Buffer.from(encodeEscPos(receiptWith({ label, invoiceNo: 41, originalInvoiceNo: 12, signed }), { columns: 42 })).toString('latin1');
    expect(bytes).toContain(`RECEIPT NUMBER: 27/32 ${label}`);
  });

  it('before its signature, a receipt says it is not yet the official one and prints no SDC data', () => {
    const t = text({ label: 'NS', invoiceNo: 41 });
    expect(t).toContain(FISCAL_TEXT.notYetOfficial);
    expect(t).toContain('RECEIPT NUMBER: 41');
    expect(t).not.toContain('SDC ID');
    expect(t).not.toContain('Receipt Signature');
    expect(t).not.toContain(FISCAL_TEXT.endOfLegal);
  });

  it('writes HTML samples for the screenshot (NS signed, NR, TS, pending)', () => {
    const dir = path.resolve(import.meta.dirname, '../../../test-results/fiscal-receipts');
    mkdirSync(dir, { recursive: true });
    const samples: Array<[string, FiscalBlock]> = [
      ['ns', { label: 'NS', invoiceNo: 41, signed }],
      ['nr', { label: 'NR', invoiceNo: 42, originalInvoiceNo: 41, signed }],
      ['ts', { label: 'TS', invoiceNo: 43, signed }],
      ['pending', { label: 'NS', invoiceNo: 44 }],
    ];
    for (const [name, block] of samples) {
      const html = renderReceiptHtml(receiptWith(block), { width: '80mm' });
      writeFileSync(path.join(dir, `${name}.html`), html);
      expect(html).toContain('RECEIPT NUMBER');
    }
  });
});

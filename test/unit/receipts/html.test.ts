import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { buildReceipt, pageSizeFor, renderReceiptHtml, type ReceiptInput, type ReceiptWidth } from '../../../electron/core/receipts';
import { cashSale, MASKED_PAYER, momoSale, PAYER_MSISDN } from './fixtures';

const render = (input: ReceiptInput, width: ReceiptWidth = '80mm') => renderReceiptHtml(buildReceipt(input), { width });
const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>&';

describe('renderReceiptHtml', () => {
  it('escapes hostile text everywhere it can come from', () => {
    const html = render(
      momoSale({
        merchant: { name: HOSTILE, address: HOSTILE, phone: HOSTILE, tin: HOSTILE, header: HOSTILE, footer: HOSTILE },
        payerName: HOSTILE,
        note: HOSTILE,
        cashierName: HOSTILE,
        receiptNumber: `POS1-${HOSTILE}`,
      }),
    );
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&amp;');
  });

  it('is a standalone document: no scripts, no external resources, its own CSP with the style pinned by hash', () => {
    const html = render(momoSale());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<iframe|@import|url\(|\bsrc=|\bhref=| style="/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    expect(csp).toBe(`default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it.each<[ReceiptWidth, RegExp]>([
    ['58mm', /@page \{ size: 58mm (\d+)mm; margin: 0; \}/],
    ['80mm', /@page \{ size: 80mm (\d+)mm; margin: 0; \}/],
    ['A4', /@page \{ size: A4; margin: 15mm; \}/],
  ])('sets an explicit @page size for %s', (width, rule) => {
    const html = render(momoSale(), width);
    const match = rule.exec(html);
    expect(match).not.toBeNull();
    expect(html.match(/@page/g)).toHaveLength(1);
    const size = pageSizeFor(buildReceipt(momoSale()), width);
    if (width === 'A4') expect(size).toBe('A4');
    else expect(size).toEqual({ widthMm: Number.parseInt(width, 10), heightMm: Number(match?.[1]) });
  });

  it('makes a roll page as tall as its receipt', () => {
    const height = (input: ReceiptInput) => {
      const size = pageSizeFor(buildReceipt(input), '58mm');
      return typeof size === 'string' ? 0 : size.heightMm;
    };
    const short = height(cashSale());
    const long = height(cashSale({ note: 'word '.repeat(60) }));
    expect(short).toBeGreaterThan(60);
    expect(short).toBeLessThan(200);
    expect(long - short).toBeGreaterThan(20); // ~10 more lines of 3.4 mm
  });

  it('shows the payer masked, never the full number', () => {
    for (const width of ['58mm', '80mm', 'A4'] as const) {
      const html = render(momoSale(), width);
      expect(html).toContain(MASKED_PAYER);
      expect(html).not.toContain(PAYER_MSISDN);
      expect(html).not.toContain('788123456');
    }
  });

  it('says COPY on reprints only and TRAINING — NOT A REAL PAYMENT on training receipts only', () => {
    expect(render(momoSale({ copy: true }))).toContain('*** COPY ***');
    expect(render(momoSale({ copy: false }))).not.toContain('COPY');
    const training = render(momoSale({ training: true }));
    expect(training).toContain('TRAINING');
    expect(training).toContain('NOT A REAL PAYMENT');
    expect(render(momoSale())).not.toMatch(/TRAINING|NOT A REAL PAYMENT/);
  });

  it('says NOT PAID in a black bar for an unpaid sale, and shows the amount big', () => {
    const unpaid = render(momoSale({ status: 'awaiting_payment' }));
    expect(unpaid).toMatch(/class="l b w inv role-status">\s*NOT PAID\s*</);
    expect(unpaid).toContain('Waiting for the customer to approve');
    const paid = render(momoSale({ amountMinor: 1_500_000 }));
    expect(paid).toMatch(/class="l c b w role-amount">RWF\u00a01,500,000</);
    expect(paid).not.toContain('NOT PAID');
  });

  it('draws the reference as a QR code in inline SVG, module for module', () => {
    const reference = '8f0e3c1a-5b6d-4e7f-9a8b-1c2d3e4f5a6b';
    const html = render(momoSale({ referenceId: reference }));
    const path = /<svg class="qr"[^>]*>.*?<path fill="#000" d="([^"]+)"/.exec(html)?.[1];
    expect(path).toBeDefined();
    const { modules } = QRCode.create(reference, { errorCorrectionLevel: 'M' });
    const dark = new Set<string>();
    for (const run of (path ?? '').matchAll(/M(\d+) (\d+)h(\d+)/g)) {
      for (let step = 0; step < Number(run[3]); step++) dark.add(`${Number(run[2]) - 4},${Number(run[1]) - 4 + step}`);
    }
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) expect(dark.has(`${row},${col}`)).toBe(modules.get(row, col) === 1);
    }
    expect(render(cashSale())).not.toContain('<svg');
  });

  it('is in the receipt’s language', () => {
    const html = render(momoSale({ language: 'fr', copy: true, training: true }));
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Reçu n°');
    expect(html).toContain('*** COPIE ***');
    expect(html).toContain('PAS UN VRAI PAIEMENT');
  });
});

import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReceipt, columnsFor, encodeEscPos, type ReceiptColumns, type ReceiptInput } from '../../../electron/core/receipts';
import { CODEPAGE_HIGH_HALF, toPrintable } from '../../../electron/core/receipts/printable-text';
import { CURRENCIES } from '../../../shared/money';
import { decodeEscPos } from './escpos-decoder';
import { cashSale, MASKED_PAYER, momoSale, PAYER_MSISDN } from './fixtures';

const print = (input: ReceiptInput, options: Partial<Parameters<typeof encodeEscPos>[1]> = {}) =>
  decodeEscPos(encodeEscPos(buildReceipt(input), { columns: 32, ...options }));

describe('encodeEscPos', () => {
  it('never prints a line wider than the paper (any text, language, size and flags)', () => {
    const text = fc.string({ unit: fc.constantFrom(...'aZ09 -éÈçœ€₵—“<>&§\u202f\u00a0\n\t\u001b\u0000\u0007'.split(''), 'abcdefghijklmnopq', 'W'), maxLength: 90 });
    fc.assert(
      fc.property(
        fc.record({
          columns: fc.constantFrom<ReceiptColumns>(32, 42, 48),
          language: fc.constantFrom<'en' | 'fr' | 'rw'>('en', 'fr', 'rw'),
          name: text.filter((value) => value.replace(/[\u0000-\u001f]/g, '').trim() !== ''),
          header: text,
          address: text,
          note: text,
          payerName: text,
          amountMinor: fc.integer({ min: 0, max: 1_000_000_000_000 }),
          currency: fc.constantFrom(...CURRENCIES),
          method: fc.constantFrom<'momo' | 'cash'>('momo', 'cash'),
          status: fc.constantFrom<'paid' | 'not_paid' | 'awaiting_payment' | 'refunded'>('paid', 'not_paid', 'awaiting_payment', 'refunded'),
          copy: fc.boolean(),
          training: fc.boolean(),
          codepage: fc.constantFrom<'cp858' | 'cp437' | 'ascii'>('cp858', 'cp437', 'ascii'),
        }),
        (sale) => {
          const input = momoSale({
            merchant: { name: sale.name, header: sale.header, address: sale.address, footer: sale.note },
            language: sale.language,
            note: sale.note,
            payerName: sale.payerName,
            amountMinor: sale.amountMinor,
            currency: sale.currency,
            method: sale.method,
            status: sale.status,
            copy: sale.copy,
            training: sale.training,
            cashTenderedMinor: sale.amountMinor + 500,
          });
          const decoded = print(input, { columns: sale.columns, codepage: sale.codepage });
          for (const line of decoded.lines) expect(line.cells, JSON.stringify(line.text)).toBeLessThanOrEqual(sale.columns);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('uses 32 columns on 58 mm paper and 42 on 80 mm', () => {
    expect(columnsFor('58mm')).toBe(32);
    expect(columnsFor('80mm')).toBe(42);
    const lines = print(momoSale({ note: 'x'.repeat(100) }), { columns: columnsFor('58mm') }).lines;
    expect(Math.max(...lines.map((line) => line.cells))).toBe(32);
  });

  it('says COPY on reprints only', () => {
    expect(print(momoSale({ copy: true })).text).toContain('*** COPY ***');
    expect(print(momoSale({ copy: false })).text).not.toContain('COPY');
    expect(print(momoSale({ copy: true, language: 'fr' })).text).toContain('*** COPIE ***');
  });

  it('says TRAINING — NOT A REAL PAYMENT on training receipts only, at the top and the bottom', () => {
    const training = print(momoSale({ training: true })).text;
    expect(training.match(/TRAINING/g)).toHaveLength(2);
    expect(training.match(/NOT A REAL PAYMENT/g)).toHaveLength(2);
    const lines = training.split('\n').map((line) => line.trim());
    expect(lines[0]).toBe('TRAINING');
    const real = print(momoSale({ training: false })).text;
    expect(real).not.toContain('TRAINING');
    expect(real).not.toContain('NOT A REAL PAYMENT');
  });

  it('says NOT PAID, white on black, for a sale that was not paid', () => {
    const encoded = encodeEscPos(buildReceipt(momoSale({ status: 'not_paid' })), { columns: 32 });
    const decoded = decodeEscPos(encoded);
    expect(decoded.text).toContain('NOT PAID');
    expect(decoded.commands).toContain('GS B');
    const paid = print(momoSale({ status: 'paid' })).text;
    expect(paid).toContain('PAID');
    expect(paid).not.toContain('NOT PAID');
  });

  it('prints the payer masked, never the full number', () => {
    const text = print(momoSale({ payerName: 'Jean' })).text;
    expect(text).toContain(MASKED_PAYER);
    expect(text).not.toContain(PAYER_MSISDN);
    expect(text).not.toContain('788123456');
  });

  it('prints the amount big, the receipt number and the QR code of the reference', () => {
    const decoded = print(momoSale({ amountMinor: 1_500_000 }));
    expect(decoded.text).toContain('RWF 1,500,000');
    expect(decoded.text).toContain('POS1-000042');
    expect(decoded.commands).toContain('GS !');
    expect(decoded.qrPayloads).toEqual(['8f0e3c1a-5b6d-4e7f-9a8b-1c2d3e4f5a6b']);
    expect(print(cashSale()).qrPayloads).toEqual([]);
    expect(print(momoSale(), { qrCode: false }).qrPayloads).toEqual([]);
  });

  it('ends with a cut', () => {
    const commands = print(momoSale()).commands;
    expect(commands.at(-1)).toBe('GS V');
  });

  it('kicks the drawer only for a paid cash sale, when asked, and never for copies or training', () => {
    const kicks = (input: ReceiptInput, drawerKick: boolean) => print(input, { drawerKick }).commands.includes('ESC p');
    expect(kicks(cashSale(), true)).toBe(true);
    expect(kicks(cashSale(), false)).toBe(false);
    expect(kicks(momoSale(), true)).toBe(false);
    expect(kicks(cashSale({ copy: true }), true)).toBe(false);
    expect(kicks(cashSale({ training: true }), true)).toBe(false);
    expect(kicks(cashSale({ status: 'not_paid' }), true)).toBe(false);
  });

  it('cannot be made to open the drawer by a hostile merchant name or note', () => {
    const hostile = '\u001bp\u0000\u0019\u00fa\u001dV\u0000';
    expect(print(momoSale({ merchant: { name: `Shop${hostile}`, header: hostile }, note: hostile })).commands.filter((command) => command === 'ESC p' || command === 'GS V')).toEqual(['GS V']);
  });

  it('prints French accents in CP858 (ESC t 19) and transliterates what the code page lacks', () => {
    const decoded = print(momoSale({ language: 'fr', merchant: { name: 'Œuvre “Élé” — Côte' } }));
    expect(decoded.commands).toContain('ESC t 19');
    expect(decoded.text).toContain('Reçu n°');
    expect(decoded.text).toContain('PAYÉ');
    expect(decoded.text).toContain('OEuvre "Élé" - Côte');
    expect(decoded.text).toContain('15 000 RWF'); // Intl's narrow no-break space became a plain one
    expect(decoded.text).not.toContain('?');
  });

  it('prints plain ASCII when asked, for printers with unknown code pages', () => {
    const decoded = print(momoSale({ language: 'fr', currency: 'EUR', amountMinor: 1250 }), { codepage: 'ascii' });
    const letters = decoded.text.replace(/─/g, '');
    expect(letters).toMatch(/^[\x20-\x7e\n]*$/);
    expect(letters).toContain('Recu n');
    expect(letters).toContain('12,50 EUR');
  });

  it('sends every character it lets through as the byte the CP437/CP858 tables give it', () => {
    for (const codepage of ['cp437', 'cp858'] as const) {
      const table = [...CODEPAGE_HIGH_HALF[codepage]];
      expect(table).toHaveLength(128);
      table.forEach((char, index) => {
        if (toPrintable(char, codepage) !== char) return; // transliterated before it reaches the encoder
        const bytes = new ReceiptPrinterEncoder({ columns: 32 }).codepage(codepage).text(char).encode();
        expect(bytes.at(-3), `${codepage} ${char}`).toBe(0x80 + index); // ..., char, LF, CR
      });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { buildReceipt, RECEIPT_LABELS, type ReceiptStatus } from '../../../electron/core/receipts';
import { ValidationError } from '../../../shared/errors';
import { cashSale, MASKED_PAYER, momoSale, PAYER_MSISDN } from './fixtures';

describe('buildReceipt', () => {
  it('keeps only the masked payer number, even where the cashier typed it into the note', () => {
    const receipt = buildReceipt(momoSale({ note: 'Call 0788 123 456 or +250788123456 when ready' }));
    expect(receipt.payerMasked).toBe(MASKED_PAYER);
    const everything = JSON.stringify(receipt);
    expect(everything).not.toContain(PAYER_MSISDN);
    expect(everything.replace(/\D/g, ' ')).not.toMatch(/788\s?123\s?456/);
    expect(receipt.note).toBe(`Call ${MASKED_PAYER} or ${MASKED_PAYER} when ready`);
  });

  it('keeps a number that arrives already masked instead of masking it twice', () => {
    expect(buildReceipt(momoSale({ payerMsisdn: MASKED_PAYER })).payerMasked).toBe(MASKED_PAYER);
  });

  it('shows date and time in the shop’s time zone, in the one date format of the language (day first, month in words)', () => {
    const receipt = buildReceipt(momoSale());
    expect(receipt.dateText).toBe('14 Mar 2025');
    expect(receipt.timeText).toBe('10:22:05');
    expect(buildReceipt(momoSale({ language: 'fr' })).dateText).toBe('14 mars 2025');
    expect(buildReceipt(momoSale({ language: 'rw' })).dateText).toBe('14 Werurwe 2025');
  });

  it.each<[ReceiptStatus, boolean, string]>([
    ['paid', true, 'PAID'],
    ['paid_twice', true, 'PAID'],
    ['not_paid', false, 'NOT PAID'],
    ['awaiting_payment', false, 'NOT PAID'],
    ['refunded', false, 'REFUNDED'],
  ])('a %s sale reads %s: %s', (status, paid, statusText) => {
    const receipt = buildReceipt(momoSale({ status }));
    expect(receipt.paid).toBe(paid);
    expect(receipt.statusText).toBe(statusText);
  });

  it('says why an awaiting sale is not paid', () => {
    expect(buildReceipt(momoSale({ status: 'awaiting_payment' })).statusDetail).toBe(RECEIPT_LABELS.en.awaitingApproval);
  });

  it('works out the change for a cash sale', () => {
    const receipt = buildReceipt(cashSale({ amountMinor: 4_500, cashTenderedMinor: 10_000 }));
    expect(receipt.cashChangeMinor).toBe(5_500);
    const change = receipt.paymentDetails.find((detail) => detail.label === 'Change');
    expect(change?.value.replace(/\s/g, ' ')).toBe('RWF 5,500');
    expect(receipt.qrValue).toBeUndefined();
  });

  it('refuses cash tendered below the amount', () => {
    expect(() => buildReceipt(cashSale({ amountMinor: 4_500, cashTenderedMinor: 4_000 }))).toThrow(ValidationError);
  });

  it('names the field it refuses', () => {
    const field = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as ValidationError).field;
      }
      return undefined;
    };
    expect(field(() => buildReceipt(momoSale({ timeZone: 'Mars/Olympus' })))).toBe('timeZone');
    expect(field(() => buildReceipt(momoSale({ issuedAt: 'yesterday' })))).toBe('issuedAt');
    expect(field(() => buildReceipt(momoSale({ amountMinor: 12.5 })))).toBe('amountMinor');
    expect(field(() => buildReceipt(momoSale({ receiptNumber: '  ' })))).toBe('receiptNumber');
  });

  it('drops control characters that a printer could take for commands', () => {
    const receipt = buildReceipt(momoSale({ merchant: { name: 'Shop\u001bp\u0000\u0019\u00fa' }, note: 'a\u001b@b' }));
    expect(receipt.merchant.name).toBe('Shoppú');
    expect(receipt.note).toBe('a@b');
  });

  it('speaks English, French and Kinyarwanda, with every label filled', () => {
    for (const labels of Object.values(RECEIPT_LABELS)) {
      for (const [key, value] of Object.entries(labels)) expect(value.trim(), key).not.toBe('');
    }
    expect(buildReceipt(momoSale({ language: 'fr' })).statusText).toBe('PAYÉ');
    expect(buildReceipt(momoSale({ language: 'fr' })).amountText.replace(/\s/g, ' ')).toBe('15 000 RWF');
    expect(buildReceipt(momoSale({ language: 'rw', copy: true })).labels.copy).toBe('KOPI');
  });

  it('uses the merchant footer, or thanks the customer in the receipt’s language', () => {
    expect(buildReceipt(momoSale({ language: 'fr' })).merchant.footerLines).toEqual(['Merci']);
    expect(buildReceipt(momoSale({ merchant: { name: 'X', footer: 'Line one\r\nLine two' } })).merchant.footerLines).toEqual(['Line one', 'Line two']);
  });
});

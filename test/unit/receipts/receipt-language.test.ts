/** A receipt speaks one money format with the screen, and thanks the customer in its own language. */
import { describe, expect, it } from 'vitest';
import { buildReceipt, renderReceiptHtml } from '../../../electron/core/receipts';
import { defaultSettings } from '../../../electron/core/settings';
import { formatMoney } from '../../../shared/money';

const receiptIn = (language: 'en' | 'fr' | 'rw', footer?: string) =>
  renderReceiptHtml(
    buildReceipt({
      merchant: { name: 'Iduka', ...(footer ? { footer } : {}) },
      receiptNumber: 'POS1-000007',
      issuedAt: '2025-03-10T10:00:00.000Z',
      timeZone: 'UTC',
      language,
      amountMinor: 6000,
      currency: 'RWF',
      method: 'cash',
      status: 'paid',
      copy: false,
      training: false,
    }),
    { width: '80mm' },
  );

describe('receipts in Kinyarwanda and French', () => {
  it('the Kinyarwanda receipt writes RWF 6,000 as the screen does, not RF 6.000', () => {
    const html = receiptIn('rw');
    expect(html).toContain(formatMoney(6000, 'RWF', 'rw'));
    expect(formatMoney(6000, 'RWF', 'rw')).toBe('RWF\u00a06,000');
    expect(html).not.toMatch(/RF\s?6\.000/);
  });

  it('with the default settings the thanks are in the receipt’s language', () => {
    const footer = defaultSettings().receiptFooter;
    expect(receiptIn('rw', footer)).toContain('Murakoze');
    expect(receiptIn('fr', footer)).toContain('Merci');
    expect(receiptIn('rw', footer)).not.toContain('Thank you');
  });
});

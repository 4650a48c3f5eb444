import { describe, expect, it } from 'vitest';
import type { Payment, Refund, Sale } from '../../../electron/core/ledger';
import { CSV_COLUMNS, CSV_HEADERS, salesCsv, salesCsvRows } from '../../../electron/core/till';

const sale = (extra: Partial<Sale>): Sale => ({
  id: 's1',
  receiptNumber: 'POS1-000001',
  receiptSeq: 1,
  deviceId: 'POS1',
  createdAt: '2025-03-10T08:00:00.000Z',
  businessDay: '2025-03-10',
  amountMinor: 1250,
  currency: 'GHS',
  method: 'momo',
  status: 'paid',
  msisdn: '233241234567',
  ...extra,
});
const paid: Payment = { id: 'p1', saleId: 's1', referenceId: 'ref-1', externalId: 'POS1-000001', attempt: 1, status: 'successful', amountMinor: 1250, currency: 'GHS', msisdn: '233241234567', financialTransactionId: 'FT1', createdAt: '', updatedAt: '', checks: 1, kind: 'prompt' };
const refunded: Refund = { id: 'r1', saleId: 's1', amountMinor: 250, currency: 'GHS', method: 'momo', status: 'successful', reason: 'x', by: 'manager', createdAt: '', updatedAt: '' };

describe('the accountant’s CSV', () => {
  it('starts with a UTF-8 byte-order mark, then stable columns under plain headers, in this order (add new ones at the end only)', () => {
    const csv = salesCsv([]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1).split('\r\n')[0]).toBe(
      'Receipt number,Business day,Time (UTC),Status,Method,Currency,Amount,Paid by MoMo,Paid in cash,Refunded,Refund pending,Net,Cashier,Payer (masked),MoMo reference,MoMo transaction ID,MoMo attempts,Shift,Note',
    );
    expect(CSV_COLUMNS).toHaveLength(19);
    expect(CSV_COLUMNS.map((column) => CSV_HEADERS[column]).every((header) => /^[A-Z][A-Za-z ()]+$/.test(header))).toBe(true);
  });

  it('writes amounts as major-unit text with the currency’s decimals, and masks the payer', () => {
    const [row] = salesCsvRows([{ sale: sale({}), payments: [paid], refunds: [refunded] }]);
    expect(row).toMatchObject({ amount: '12.50', paid_momo: '12.50', paid_cash: '0.00', refunded: '2.50', refund_pending: '0.00', net: '10.00', payer: '2332******67', momo_reference: 'ref-1', momo_transaction_id: 'FT1', momo_attempts: '1' });
    const [rwf] = salesCsvRows([{ sale: sale({ currency: 'RWF', amountMinor: 1500, method: 'cash', paidCashAt: 'x', msisdn: undefined }), payments: [], refunds: [] }]);
    expect(rwf).toMatchObject({ amount: '1500', paid_cash: '1500', paid_momo: '0', net: '1500', payer: '' });
  });

  it('quotes what needs quoting and defuses spreadsheet formulas in free text', () => {
    const csv = salesCsv([{ sale: sale({ note: '=HYPERLINK("http://x")', cashier: 'Ann, "the boss"' }), payments: [paid], refunds: [] }]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain('"Ann, ""the boss"""');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

/** Sales as the ledger would describe them, for receipt tests. */
import type { ReceiptInput } from '../../../electron/core/receipts';

export const PAYER_MSISDN = '250788123456';
export const MASKED_PAYER = '2507******56';

export function momoSale(overrides: Partial<ReceiptInput> = {}): ReceiptInput {
  return {
    merchant: { name: 'Kigali Corner Shop', address: 'KN 4 Ave\nKigali', phone: '+250 788 000 111', tin: '101234567' },
    receiptNumber: 'POS1-000042',
    issuedAt: '2025-03-14T08:22:05Z',
    timeZone: 'Africa/Kigali',
    language: 'en',
    amountMinor: 15_000,
    currency: 'RWF',
    method: 'momo',
    status: 'paid',
    referenceId: '8f0e3c1a-5b6d-4e7f-9a8b-1c2d3e4f5a6b',
    financialTransactionId: '7612345678',
    payerMsisdn: PAYER_MSISDN,
    payerName: 'Jean Mugabo',
    cashierName: 'Alice',
    copy: false,
    training: false,
    ...overrides,
  };
}

export function cashSale(overrides: Partial<ReceiptInput> = {}): ReceiptInput {
  return {
    merchant: { name: 'Kigali Corner Shop' },
    receiptNumber: 'POS1-000043',
    issuedAt: '2025-03-14T09:05:00Z',
    timeZone: 'Africa/Kigali',
    language: 'en',
    amountMinor: 4_500,
    currency: 'RWF',
    method: 'cash',
    status: 'paid',
    cashTenderedMinor: 5_000,
    cashierName: 'Alice',
    copy: false,
    training: false,
    ...overrides,
  };
}

/**
 * The accountant's export: one row per sale rung up in the chosen business
 * days, in stable columns (change them only by adding new ones at the end)
 * under plain headers a spreadsheet user reads ("Paid by MoMo"). Amounts are
 * major units as text ("1500", "12.50"), never floats; the payer's number is
 * masked as on receipts. The file starts with a UTF-8 byte-order mark, so
 * Excel opens "Umuhoza", "Côte d'Ivoire" and "€" as written, not as mojibake.
 */
import { withoutControlCharacters } from '../../../shared/control-characters';
import { stringify } from 'csv-stringify/sync';
import { toDecimalString, type Currency } from '../../../shared/money';
import { maskMsisdn } from '../../../shared/phone';
import { isFinal } from '../../../shared/payment-states';
import type { Payment, Refund, Sale } from '../ledger';

export const CSV_COLUMNS = [
  'receipt_number',
  'business_day',
  'created_at',
  'status',
  'method',
  'currency',
  'amount',
  'paid_momo',
  'paid_cash',
  'refunded',
  'refund_pending',
  'net',
  'cashier',
  'payer',
  'momo_reference',
  'momo_transaction_id',
  'momo_attempts',
  'shift_id',
  'note',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The header row: each column in plain words (the column keys stay the code's names). */
export const CSV_HEADERS: Readonly<Record<CsvColumn, string>> = {
  receipt_number: 'Receipt number',
  business_day: 'Business day',
  created_at: 'Time (UTC)',
  status: 'Status',
  method: 'Method',
  currency: 'Currency',
  amount: 'Amount',
  paid_momo: 'Paid by MoMo',
  paid_cash: 'Paid in cash',
  refunded: 'Refunded',
  refund_pending: 'Refund pending',
  net: 'Net',
  cashier: 'Cashier',
  payer: 'Payer (masked)',
  momo_reference: 'MoMo reference',
  momo_transaction_id: 'MoMo transaction ID',
  momo_attempts: 'MoMo attempts',
  shift_id: 'Shift',
  note: 'Note',
};

/** U+FEFF first: how spreadsheet programs know a CSV is UTF-8. */
export const UTF8_BOM = '\uFEFF';

export interface SaleForExport {
  sale: Sale;
  payments: Payment[];
  refunds: Refund[];
}

/** The sums of one sale, in minor units: what a row says and what the tests add up. */
export function saleMoney(entry: SaleForExport): { paidMomoMinor: number; paidCashMinor: number; refundedMinor: number; refundPendingMinor: number; netMinor: number } {
  const { sale, payments, refunds } = entry;
  const paidMomoMinor = payments.filter((p) => p.status === 'successful').reduce((sum, p) => sum + p.amountMinor, 0);
  const paidCashMinor = sale.paidCashAt ? sale.amountMinor : 0;
  const refundedMinor = refunds.filter((r) => r.status === 'successful').reduce((sum, r) => sum + r.amountMinor, 0);
  const refundPendingMinor = refunds.filter((r) => !isFinal(r.status)).reduce((sum, r) => sum + r.amountMinor, 0);
  return { paidMomoMinor, paidCashMinor, refundedMinor, refundPendingMinor, netMinor: paidMomoMinor + paidCashMinor - refundedMinor };
}

export function salesCsvRows(entries: readonly SaleForExport[]): Record<CsvColumn, string>[] {
  return entries.map((entry) => {
    const { sale, payments } = entry;
    const currency = sale.currency as Currency;
    const money = saleMoney(entry);
    const major = (minor: number) => toDecimalString(minor, currency);
    const paidBy = payments.find((p) => p.status === 'successful') ?? payments.at(-1);
    return {
      receipt_number: sale.receiptNumber,
      business_day: sale.businessDay,
      created_at: sale.createdAt,
      status: sale.status,
      method: sale.method,
      currency,
      amount: major(sale.amountMinor),
      paid_momo: major(money.paidMomoMinor),
      paid_cash: major(money.paidCashMinor),
      refunded: major(money.refundedMinor),
      refund_pending: major(money.refundPendingMinor),
      net: major(money.netMinor),
      cashier: sale.paidCashBy ?? sale.cashier ?? '',
      payer: sale.msisdn ? maskMsisdn(sale.msisdn) : '',
      momo_reference: paidBy?.referenceId ?? '',
      momo_transaction_id: paidBy?.financialTransactionId ?? '',
      momo_attempts: String(payments.length),
      shift_id: sale.shiftId ?? sale.paidCashShiftId ?? '',
      note: sale.note ?? '',
    };
  });
}

/** RFC 4180 CSV (CRLF, quotes where needed) after a byte-order mark, header first; a cell that a spreadsheet would run as a formula is defused. */
export function salesCsv(entries: readonly SaleForExport[]): string {
  const rows = salesCsvRows(entries).map((row) => CSV_COLUMNS.map((column) => defuse(row[column])));
  return UTF8_BOM + stringify([CSV_COLUMNS.map((column) => CSV_HEADERS[column]), ...rows], { record_delimiter: 'windows' });
}

/**
 * Free text (notes, names) starting with = + - @ would be a formula in Excel: prefix it with an apostrophe.
 * Control characters and bidi overrides never reach the file (text stored before they were refused at input included).
 */
function defuse(raw: string): string {
  const cell = withoutControlCharacters(raw);
  return /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell) ? `'${cell}` : cell;
}

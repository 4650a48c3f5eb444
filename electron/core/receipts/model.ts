/**
 * The Receipt: everything a printed or on-screen receipt shows, already in
 * words and formatted, built by one pure function from plain data. Both
 * renderings (HTML, ESC/POS) read only this, so they cannot disagree.
 */
import type { SaleStatus } from '../../../shared/contract';
import { ValidationError } from '../../../shared/errors';
import { formatMoney, isCurrency, type Currency } from '../../../shared/money';
import { maskMsisdn } from '../../../shared/phone';
import { formatDate, formatTime } from '../../../shared/dates';
import type { FiscalBlock } from './fiscal-block';
import { DEFAULT_LOCALE, RECEIPT_LABELS, type ReceiptLabels } from './labels';
import { isLanguage, type Language } from '../../../shared/i18n';

export type ReceiptMethod = 'momo' | 'cash';

/** The sale's status (shared/contract SaleStatus) plus `refunded`. */
export type ReceiptStatus = SaleStatus | 'refunded';

/** The non-secret receipt settings, as the settings table holds them. */
export interface ReceiptMerchant {
  name: string;
  address?: string;
  phone?: string;
  tin?: string;
  /** Extra lines under the merchant name (may hold newlines). */
  header?: string;
  /** Lines at the bottom (may hold newlines); "Thank you" in the receipt's language when absent. */
  footer?: string;
}

export interface ReceiptInput {
  merchant: ReceiptMerchant;
  receiptNumber: string;
  /** The sale's instant, ISO 8601 with an offset or Z. */
  issuedAt: string;
  /** IANA zone the shop lives in, e.g. 'Africa/Kigali'. */
  timeZone: string;
  language: Language;
  /** Intl locale for amounts and dates; defaults by language (en-GB, fr-FR, rw-RW). */
  locale?: string;
  amountMinor: number;
  currency: Currency;
  method: ReceiptMethod;
  status: ReceiptStatus;
  /** MoMo's X-Reference-Id: printed and shown as a QR code. */
  referenceId?: string;
  financialTransactionId?: string;
  /** Payer number as E.164 digits; masked here. An already masked value ('2507******56') is kept. */
  payerMsisdn?: string;
  payerName?: string;
  note?: string;
  cashierName?: string;
  cashTenderedMinor?: number;
  /** Defaults to tendered minus amount. */
  cashChangeMinor?: number;
  /** A reprint: says COPY. */
  copy: boolean;
  /** A training sale: says TRAINING — NOT A REAL PAYMENT. */
  training: boolean;
  /** The fiscal device's block (EBM), when the shop issues fiscal receipts. */
  fiscal?: FiscalBlock;
}

/** One label/value line of the receipt's body. */
export interface ReceiptDetail {
  label: string;
  value: string;
}

export interface Receipt {
  language: Language;
  locale: string;
  labels: ReceiptLabels;
  merchant: {
    name: string;
    headerLines: string[];
    addressLines: string[];
    phone?: string;
    tin?: string;
    footerLines: string[];
  };
  receiptNumber: string;
  issuedAt: string;
  timeZone: string;
  dateText: string;
  timeText: string;
  amountMinor: number;
  currency: Currency;
  amountText: string;
  method: ReceiptMethod;
  methodText: string;
  status: ReceiptStatus;
  /** Money was taken and kept: false for not paid, awaiting and refunded sales. */
  paid: boolean;
  /** PAID / NOT PAID / REFUNDED in the receipt's language. */
  statusText: string;
  /** A sentence under the status when it needs one (awaiting approval). */
  statusDetail?: string;
  referenceId?: string;
  financialTransactionId?: string;
  /** Always masked: the full number never enters a Receipt. */
  payerMasked?: string;
  payerName?: string;
  note?: string;
  cashierName?: string;
  cashTenderedMinor?: number;
  cashChangeMinor?: number;
  copy: boolean;
  training: boolean;
  /** Sale lines above the amount (number, date, time, cashier). */
  saleDetails: ReceiptDetail[];
  /** Payment lines under the amount (method, payer, ids, cash, note). */
  paymentDetails: ReceiptDetail[];
  /** What the QR code carries (the MoMo reference id), when there is one. */
  qrValue?: string;
  fiscal?: FiscalBlock;
}

export function buildReceipt(input: ReceiptInput): Receipt {
  if (!isLanguage(input.language)) throw new ValidationError('language', 'error.receipts.receiptLanguageMustEn');
  if (!isCurrency(input.currency)) throw new ValidationError('currency', 'error.receipts.unknownCurrency', { currency: String(input.currency) });
  const receiptNumber = oneLine(input.receiptNumber);
  if (receiptNumber === '') throw new ValidationError('receiptNumber', 'error.receipts.receiptNeedsItsNumber');
  const merchantName = oneLine(input.merchant.name);
  if (merchantName === '') throw new ValidationError('merchant.name', 'error.receipts.setMerchantNameReceipts');
  assertMinor(input.amountMinor, 'amountMinor');

  const labels = RECEIPT_LABELS[input.language];
  const locale = input.locale ?? DEFAULT_LOCALE[input.language];
  const money = (minor: number) => formatMoney(minor, input.currency, locale);
  const { dateText, timeText } = formatWhen(input.issuedAt, input.timeZone, input.language);

  const payerMasked = input.payerMsisdn ? maskPayer(input.payerMsisdn) : undefined;
  // A cashier may type the customer's number into the note: it gets masked too.
  const hidePayer = (text: string) => (input.payerMsisdn ? maskNumberIn(text, input.payerMsisdn) : text);

  const { paid, statusText, statusDetail } = describeStatus(input.status, labels);

  let cashTenderedMinor: number | undefined;
  let cashChangeMinor: number | undefined;
  if (input.method === 'cash' && input.cashTenderedMinor !== undefined) {
    assertMinor(input.cashTenderedMinor, 'cashTenderedMinor');
    cashTenderedMinor = input.cashTenderedMinor;
    cashChangeMinor = input.cashChangeMinor ?? cashTenderedMinor - input.amountMinor;
    assertMinor(cashChangeMinor, 'cashChangeMinor');
  }

  const receipt: Receipt = {
    language: input.language,
    locale,
    labels,
    merchant: {
      name: merchantName,
      headerLines: lines(input.merchant.header),
      addressLines: lines(input.merchant.address),
      footerLines: input.merchant.footer === undefined ? [labels.thankYou] : lines(input.merchant.footer),
    },
    receiptNumber,
    issuedAt: input.issuedAt,
    timeZone: input.timeZone,
    dateText,
    timeText,
    amountMinor: input.amountMinor,
    currency: input.currency,
    amountText: money(input.amountMinor),
    method: input.method,
    methodText: input.method === 'momo' ? labels.momo : labels.cash,
    status: input.status,
    paid,
    statusText,
    copy: input.copy === true,
    training: input.training === true,
    saleDetails: [],
    paymentDetails: [],
  };
  const phone = optional(input.merchant.phone);
  if (phone) receipt.merchant.phone = phone;
  const tin = optional(input.merchant.tin);
  if (tin) receipt.merchant.tin = tin;
  if (statusDetail) receipt.statusDetail = statusDetail;
  const referenceId = optional(input.referenceId);
  if (referenceId) receipt.referenceId = referenceId;
  const financialTransactionId = optional(input.financialTransactionId);
  if (financialTransactionId) receipt.financialTransactionId = financialTransactionId;
  if (payerMasked) receipt.payerMasked = payerMasked;
  const payerName = optional(input.payerName);
  if (payerName) receipt.payerName = hidePayer(payerName);
  const note = optional(input.note);
  if (note) receipt.note = hidePayer(note);
  const cashierName = optional(input.cashierName);
  if (cashierName) receipt.cashierName = cashierName;
  if (cashTenderedMinor !== undefined && cashChangeMinor !== undefined) {
    receipt.cashTenderedMinor = cashTenderedMinor;
    receipt.cashChangeMinor = cashChangeMinor;
  }
  if (referenceId && input.method === 'momo') receipt.qrValue = referenceId;
  if (input.fiscal) receipt.fiscal = input.fiscal;

  receipt.saleDetails.push(
    { label: labels.receiptNumber, value: receiptNumber },
    { label: labels.date, value: dateText },
    { label: labels.time, value: timeText },
  );
  if (receipt.cashierName) receipt.saleDetails.push({ label: labels.cashier, value: receipt.cashierName });

  receipt.paymentDetails.push({ label: labels.paidWith, value: receipt.methodText });
  if (receipt.payerMasked) receipt.paymentDetails.push({ label: labels.payer, value: receipt.payerMasked });
  if (receipt.payerName) receipt.paymentDetails.push({ label: labels.payerName, value: receipt.payerName });
  if (receipt.financialTransactionId) receipt.paymentDetails.push({ label: labels.transactionId, value: receipt.financialTransactionId });
  if (receipt.referenceId) receipt.paymentDetails.push({ label: labels.reference, value: receipt.referenceId });
  if (receipt.cashTenderedMinor !== undefined && receipt.cashChangeMinor !== undefined) {
    receipt.paymentDetails.push(
      { label: labels.cashReceived, value: money(receipt.cashTenderedMinor) },
      { label: labels.change, value: money(receipt.cashChangeMinor) },
    );
  }
  if (receipt.note) receipt.paymentDetails.push({ label: labels.note, value: receipt.note });
  return receipt;
}

function describeStatus(status: ReceiptStatus, labels: ReceiptLabels): { paid: boolean; statusText: string; statusDetail?: string } {
  switch (status) {
    case 'paid':
    case 'paid_twice': // the extra payment is the manager's refund to make, not the customer's receipt
      return { paid: true, statusText: labels.paid };
    case 'awaiting_payment':
      return { paid: false, statusText: labels.notPaid, statusDetail: labels.awaitingApproval };
    case 'not_paid':
      return { paid: false, statusText: labels.notPaid };
    case 'refunded':
      return { paid: false, statusText: labels.refunded };
    default:
      throw new ValidationError('status', 'error.receipts.unknownSaleStatus', { status: String(status) });
  }
}

/** The one date and time format of the language (shared/dates): the same on the screen, the receipt and the reports. */
function formatWhen(issuedAt: string, timeZone: string, language: Language): { dateText: string; timeText: string } {
  const when = new Date(issuedAt);
  if (typeof issuedAt !== 'string' || Number.isNaN(when.getTime())) {
    throw new ValidationError('issuedAt', 'error.receipts.saleTimeMustIso');
  }
  try {
    return { dateText: formatDate(when, language, { timeZone }), timeText: formatTime(when, language, { timeZone, seconds: true }) };
  } catch {
    throw new ValidationError('timeZone', 'error.receipts.unknownTimeZone', { timeZone });
  }
}

function assertMinor(value: unknown, field: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ValidationError(field, 'error.receipts.amountsAreWholeNon');
  }
}

function maskPayer(value: string): string {
  const trimmed = value.trim();
  // Already masked upstream (PaymentView.maskedPayer): masking it again would hide the country code too.
  if (/^\d+\*+\d+$/.test(trimmed)) return trimmed;
  return maskMsisdn(trimmed);
}

/** Masks any run of digits holding the payer's number (international, national, spaced or not). */
function maskNumberIn(text: string, msisdn: string): string {
  const digits = msisdn.replace(/\D/g, '');
  if (digits.length < 7) return text;
  const national = digits.slice(-9);
  const masked = maskMsisdn(digits);
  return text.replace(/\+?\d(?:[\s-]?\d){6,}/g, (run) => (run.replace(/\D/g, '').includes(national) ? masked : run));
}

// Control characters could become printer commands on the way to a thermal printer.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\r\n?|\n|\t/g, ' ').replace(CONTROL, '').trim();
}

function optional(text: string | undefined): string | undefined {
  const value = oneLine(text);
  return value === '' ? undefined : value;
}

function lines(text: string | undefined): string[] {
  return (text ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\t/g, ' ').replace(CONTROL, '').trim())
    .filter((line) => line !== '');
}

/**
 * The one fiscal adapter every country's device sits behind. Callers (till,
 * payments, set-up) speak only these types: a fiscal event (sale, refund,
 * copy; normal, training or proforma), the device's identity, and the
 * outcome of a signing. Country clients (Rwanda's VSDC, Kenya's OSCU) map
 * them to their wire formats.
 */
import { noticeOf, type ErrorKey, type ErrorParams } from '../../../shared/errors';
import type { FiscalFinish } from '../ledger';

/** Transaction type: N normal, C copy, T training, P proforma. */
export type SalesType = 'N' | 'C' | 'T' | 'P';
/** Receipt type: S sale, R refund (Kenya: credit note). */
export type ReceiptType = 'S' | 'R';
/** The label printed on a receipt: transaction type then receipt type. */
export type FiscalLabel = 'NS' | 'NR' | 'CS' | 'CR' | 'TS' | 'TR' | 'PS';
export const FISCAL_LABELS: readonly FiscalLabel[] = ['NS', 'NR', 'CS', 'CR', 'TS', 'TR', 'PS'];

export type FiscalPaymentMethod = 'cash' | 'mobile-money';

export interface FiscalDeviceIdentity {
  /** Taxpayer id as the country writes it (Rwanda: 9 digits; Kenya: 11-character PIN). */
  tin: string;
  /** Branch id, 2 characters ("00" = head office). */
  branchId: string;
  deviceSerial: string;
}

export interface FiscalDeviceInfo {
  /** Signing device id printed on receipts (Rwanda SDC ID). */
  sdcId: string;
  /** Machine registration code printed on receipts (Rwanda MRC); Kenya has none. */
  mrcNo: string | null;
  /** The last invoice number the device saw, to seed the local counter. */
  lastInvoiceNo: number;
  /** The device's own name of the taxpayer, to print. */
  taxpayerName: string | null;
}

export type InitialiseOutcome =
  | { kind: 'initialised'; info: FiscalDeviceInfo }
  /** The device was initialised before (Rwanda 902): ask it again is pointless; keep the stored info. */
  | { kind: 'already-installed'; message: string }
  | FiscalFailure;

export interface FiscalItemLine {
  itemCode: string;
  itemClassCode: string;
  /** What the customer reads (the shop's default item name, or the cashier's note where allowed). */
  name: string;
  packagingUnit: string;
  quantityUnit: string;
  /** VAT-inclusive unit price, minor units. */
  priceMinor: number;
  /** Thousandths of a unit (1000 = 1). */
  qtyMilli: number;
  discountMinor: number;
  /** Tax group letter of the country's table (Rwanda A–D, Kenya A–E). */
  taxType: string;
}

interface FiscalEventBase {
  /** The invoice number this event is sent with: allocated and journaled before it leaves. */
  invoiceNo: number;
  lines: readonly FiscalItemLine[];
  payment: FiscalPaymentMethod;
  /** When the sale was confirmed (paid / taken / refunded). */
  confirmedAt: Date;
  cashier: { id: string; name: string };
  customerTin?: string;
  customerName?: string;
  remark?: string;
}

/** What the till asks the device to sign; the label follows from kind and mode. */
export type FiscalEvent =
  | (FiscalEventBase & { kind: 'sale'; mode: 'normal' | 'training' | 'proforma' })
  | (FiscalEventBase & {
      kind: 'refund';
      mode: 'normal' | 'training';
      /** The original sale's invoice number. */
      originalInvoiceNo: number;
      /** Country refund reason code (Rwanda 01–06). */
      reasonCode: string;
    })
  | (FiscalEventBase & {
      kind: 'copy';
      of: 'sale' | 'refund';
      /** The receipt being copied (kept for our records; Rwanda sends 0 on the wire for a sale copy). */
      originalInvoiceNo: number;
    });

export function labelOf(event: FiscalEvent): FiscalLabel {
  switch (event.kind) {
    case 'sale':
      return event.mode === 'training' ? 'TS' : event.mode === 'proforma' ? 'PS' : 'NS';
    case 'refund':
      return event.mode === 'training' ? 'TR' : 'NR';
    case 'copy':
      return event.of === 'sale' ? 'CS' : 'CR';
  }
}

/**
 * The SDC block's data, as the device returned it: the ledger's record of a
 * signed finish (one shape for both), with the label and invoice number it was for.
 * receiptNo counts within its type, totalReceiptNo over all types; sdcDateTime is
 * YYYYMMDDhhmmss as the device sent it.
 */
export type FiscalSignature = { label: FiscalLabel; invoiceNo: number } & Omit<Extract<FiscalFinish, { status: 'signed' }>, 'status'>;

export interface FiscalFailure {
  kind: 'unreachable' | 'rejected';
  /** The device's result code ('' when it never answered). */
  code: string;
  /** The device's own words (resultMsg), or the English of `key` when the words are ours. */
  message: string;
  /** Our own sentence for it, when the words are ours (no answer, an answer that makes no sense): screens say it in their language. */
  key?: ErrorKey;
  params?: ErrorParams;
  /** The field a parameter error names, when it names one. */
  field?: string;
}

/** A failure in our own words: its key and facts, `message` the English. */
export function ourFailure(kind: FiscalFailure['kind'], code: string, key: ErrorKey, params: ErrorParams = {}): FiscalFailure {
  return { kind, code, ...noticeOf(key, params) };
}

export type SignOutcome =
  | { kind: 'signed'; signature: FiscalSignature }
  /**
   * The device has this invoice already (Rwanda 994): the event counts as
   * signed, but this answer carries no signature; the receipt's data comes
   * from the first answer or a look-up.
   */
  | { kind: 'duplicate'; message: string }
  /** The invoice number is taken by another sale: allocate a new one and send again. */
  | { kind: 'invoice-number-taken'; message: string }
  | FiscalFailure;

/** An item the shop sells, registered with the device before it is sold (Rwanda saveItems). */
export interface FiscalItem {
  itemCode: string;
  itemClassCode: string;
  /** 1 raw material, 2 finished product, 3 service. */
  itemType: '1' | '2' | '3';
  name: string;
  /** Country of origin, 2 letters. */
  originCountry: string;
  packagingUnit: string;
  quantityUnit: string;
  taxType: string;
  /** Default VAT-inclusive price, minor units. */
  defaultPriceMinor: number;
  registeredBy: { id: string; name: string };
}

export type RegisterItemOutcome = { kind: 'registered' } | FiscalFailure;

export interface FiscalAdapter {
  readonly country: 'RW' | 'KE';
  initialise(identity: FiscalDeviceIdentity): Promise<InitialiseOutcome>;
  sign(event: FiscalEvent): Promise<SignOutcome>;
  registerItem(item: FiscalItem): Promise<RegisterItemOutcome>;
}

/**
 * The till's reports and views as data: what the engine computes and the
 * renderer shows. Integers in minor units beside their currency; no floats.
 */
import type { SaleLimit } from './limits';
import type { FeeRule } from './markets';
import type { Currency } from './money';
import type { PaymentStatus } from './payment-states';

// A market's MoMo fee rule: defined with the markets (shared/markets.ts).
export type { FeeRule };

export interface Totals {
  count: number;
  amountMinor: number;
}

export interface CashierLine {
  /** null: sales nobody signed (made with no shift open and no name given). */
  name: string | null;
  momo: Totals;
  cash: Totals;
  total: Totals;
}

export interface HourLine {
  /** Local start of the hour, "2025-03-10T08" (the report's time zone). */
  key: string;
  /** "08:00" */
  label: string;
  count: number;
  amountMinor: number;
}

export interface DrawerMovement {
  kind: 'in' | 'out';
  amountMinor: number;
  reason: string;
  by: string;
  at: string;
}

export interface CashDrawer {
  openingFloatMinor: number;
  salesMinor: number;
  inMinor: number;
  outMinor: number;
  refundsMinor: number;
  expectedMinor: number;
  /** Set once the drawer was counted (Z, or a day whose shifts are all closed). */
  countedMinor?: number;
  /** counted − expected: negative is cash missing, positive is cash over. */
  differenceMinor?: number;
  movements: DrawerMovement[];
}

export type ReportKind = 'X' | 'Z' | 'day';

/** One reading of the MoMo Collection balance; no availableMinor means not read (problem: the code of why). */
export interface BalanceReadingView {
  at: string;
  availableMinor?: number;
  problem?: string;
}

/**
 * The MoMo Collection balance held against the shift's MoMo money (Z at
 * opening and closing; X at opening and when read on demand).
 */
export interface MomoBalanceCheck {
  open?: BalanceReadingView;
  /** Z: at closing. X: when the manager asked. */
  close?: BalanceReadingView;
  /** close − open, when both were read. */
  changeMinor?: number;
  /** MoMo money that reached the account between the two readings (payments − MoMo refunds − estimated fees), whatever shift its sale belongs to. */
  expectedChangeMinor: number;
  /** This report's MoMo money that reached the account outside the readings (paid between shifts: already in the opening balance, or after the closing reading); net of fees. */
  betweenShifts?: Totals;
  /** change − expected: non-zero is money that did not arrive, or other activity on the account. */
  differenceMinor?: number;
}

export interface ReportShift {
  id: string;
  openedAt: string;
  openedBy: string;
  openingFloatMinor: number;
  closedAt?: string;
  closedBy?: string;
}

export interface TillReport {
  kind: ReportKind;
  currency: Currency;
  generatedAt: string;
  timeZone: string;
  /** The business day (day report), or the day the Z's shift opened. */
  businessDay?: string;
  shift?: ReportShift;
  journal: { afterSeq: number; uptoSeq: number; lastHash?: string };
  /** Head office's last acknowledgement when the Z was frozen: the chain's outside anchor (absent without head office). */
  headOffice?: { seq: number; hash: string; receivedAt: string };
  sales: { momo: Totals; cash: Totals; total: Totals };
  refunds: { momo: Totals; cash: Totals; total: Totals; pending: Totals; failed: Totals };
  /** Sales minus refunds paid out. */
  netMinor: number;
  /** Sales rung up (sale.created), whatever became of them. */
  salesStarted: number;
  /** MoMo prompts: sent, and how the ones that ended in range ended; waiting = sent in range, no final answer yet. */
  prompts: { sent: number; paid: number; declined: number; expired: number; failed: number; waiting: number };
  /** Pay later, counted apart from prompts: invoices sent, and how the ones that ended in range ended; open = sent in range, not ended yet. Absent on reports made before pay later. */
  invoices?: { sent: number; paid: number; expired: number; cancelled: number; failed: number; open: number; /** Absent on reports made before it had its own line. */ declined?: number };
  /** Customers who paid both by MoMo and in cash: refund one of them. */
  paidTwice: Totals;
  /** Money taken while no shift was open on this till. */
  outsideShift: Totals;
  cash: CashDrawer;
  cashiers: CashierLine[];
  hours: HourLine[];
  fees: { rule: FeeRule; paymentsCharged: number; estimatedMinor: number };
  /** Refused PIN entries (wrong PIN), from the journal. */
  wrongPins: number;
  /** Facts in another currency (the market changed): not in these sums. */
  otherCurrencyFacts: number;
  /** X and Z of a shift (absent on Z reports made before the till read balances). */
  momoBalance?: MomoBalanceCheck;
  /** Fiscal receipts (tax authority's signatures): present once the till uses a fiscal device. */
  fiscal?: FiscalSummary;
}

/** A receipt's label as the fiscal device prints it: N normal, C copy, T training, P proforma; S sale, R refund. */
export type FiscalReceiptLabel = 'NS' | 'NR' | 'CS' | 'CR' | 'TS' | 'TR' | 'PS';

export interface FiscalLabelLine {
  label: FiscalReceiptLabel;
  count: number;
  /** The receipts' totals, VAT included, as sent to the device (absent where a receipt's lines could not be read). */
  amountMinor?: number;
}

/** The report's fiscal receipts: what the device answered in its range, and what still waits at its end. */
export interface FiscalSummary {
  /** Signed in this report's range, per label, in the order NS NR CS CR TS TR PS; labels with none left out. A "duplicate" answer (the device had it) counts as signed. */
  labels: FiscalLabelLine[];
  /** Refused by the device in this range: not signed, a person must look. */
  rejected: { count: number; amountMinor?: number };
  /** Waiting for the device's signature at the end of the range. */
  unsigned: { count: number; amountMinor?: number; /** When the oldest one was requested. */ oldestAt?: string };
}

/** What the ledger's Z row adds to the frozen report: its number and place in the chain. */
export interface ZFrame {
  number: number;
  closedAt: string;
  /** Journal entries after fromSeq up to toSeq are this Z's. */
  fromSeq: number;
  toSeq: number;
  /** Hash of journal entry toSeq. */
  lastHash: string;
  /** sha256 of the frozen report as stored. */
  reportHash: string;
  salesMinor: number;
  refundsMinor: number;
  previousGrandSalesMinor: number;
  previousGrandRefundsMinor: number;
  grandSalesMinor: number;
  grandRefundsMinor: number;
  /** The grand totals started again here (the currency changed since the previous Z). */
  grandRestarted: boolean;
}

export interface ZReport extends TillReport {
  z: ZFrame;
  /** A reprint: printed with COPY. */
  copy: boolean;
}

// ---------- views the PosApi answers (till.*, refund.*) ----------------------

export interface ShiftView {
  id: string;
  status: 'open' | 'closed';
  /** The cashier who signed in with their PIN; every sale of the shift carries this name. */
  cashier: string;
  openedAt: string;
  openingFloatMinor: number;
  currency: Currency;
  closedAt?: string;
  closedBy?: string;
  countedCashMinor?: number;
}

export type RefundVia = 'refund' | 'transfer';

export interface TillStatus {
  currency: Currency;
  shift?: ShiftView;
  /** False until the manager chose a PIN: the till asks for one first. */
  managerPinSet: boolean;
  /** Names of the cashiers who have a PIN. */
  cashiers: string[];
  feeRule: FeeRule;
  /** How MoMo refunds go out: a refund of the payment, or a transfer to the payer. */
  refundVia: RefundVia;
  lastZ?: { number: number; closedAt: string };
  /** The most one payment may be (shared/limits.ts): MTN's for the market, the safety cap, or the shop's own. */
  saleLimit: SaleLimit;
  /** Seconds left before PINs are accepted again after too many wrong ones. */
  pinLockedForSeconds?: number;
  /** The computer's clock is far ahead of the ledger's last entry: shown before the first sale. */
  clockAhead?: { at: string; lastAt: string; days: number };
}

/** A report with its printable HTML at both widths (the same document the printer and PDF get). */
export interface ReportDocument<R> {
  report: R;
  html: { A4: string; '80mm': string };
}

export interface CloseShiftResult extends ReportDocument<ZReport> {
  shift: ShiftView;
}

export interface CashMovementView {
  id: string;
  kind: 'in' | 'out';
  amountMinor: number;
  currency: Currency;
  reason: string;
  by: string;
  at: string;
}

export interface RefundView {
  id: string;
  saleId: string;
  receiptNumber: string;
  amountMinor: number;
  currency: Currency;
  method: 'momo' | 'cash';
  via?: RefundVia;
  status: PaymentStatus;
  reason: string;
  maskedPayee?: string;
  reasonCode?: string;
  financialTransactionId?: string;
  createdAt: string;
  updatedAt: string;
}

/** A sale as the refund form needs it: what was paid, how, and what is left to give back. */
export interface SaleRefunds {
  saleId: string;
  receiptNumber: string;
  createdAt: string;
  amountMinor: number;
  currency: Currency;
  saleStatus: 'awaiting_payment' | 'paid' | 'not_paid' | 'paid_twice';
  maskedPayer?: string;
  paidMomoMinor: number;
  paidCashMinor: number;
  /** Refunded, or on its way (MoMo refunds not final yet). */
  refundedMinor: number;
  refundableMinor: number;
  /** MoMo can give back at most what MoMo took. */
  refundableByMomoMinor: number;
  refunds: RefundView[];
}

/**
 * The counter's "today": this business day's money as the X and the day report count it (a
 * payment on the day its money arrived, a refund on the day it went out, every shift and none),
 * computed by the till over the ledger's journal — never summed on the screen.
 */
export interface TodaySummary {
  businessDay: string;
  currency: Currency;
  /** Sales paid (MoMo and cash). */
  taken: Totals;
  /** Refunds that went out (MoMo and cash). */
  refunded: Totals;
  /** taken − refunded. */
  netMinor: number;
}

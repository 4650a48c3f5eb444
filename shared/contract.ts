// Over 500 lines on purpose: the one PosApi contract (every method's input schema, result type, authority and the event stream) that both transports and the renderer read.
/**
 * The PosApi contract: one zod schema per method input (types inferred), the
 * result envelope both transports use, and the typed event stream.
 *
 * The renderer imports only *types* from here; zod stays in the main process.
 */
import { z } from 'zod';
import { LANGUAGES, type Language } from './i18n/languages';
import type { ErrorKey, ErrorParams, Notice } from './errors';
import type { Currency } from './money';
import type { PaymentStatus } from './payment-states';
import { CONTROL_CHARACTERS_REFUSED, hasControlCharacters } from './control-characters';
import type { CashMovementView, CloseShiftResult, RefundView, ReportDocument, SaleRefunds, ShiftView, TillReport, TillStatus, TodaySummary, ZReport } from './till-report';

// ---------- the envelope -------------------------------------------------

/** What every method answers, on IPC and on HTTP alike. The renderer never parses text. */
/** A refusal: the category, the catalogue key and its parameters (the screen says it in the reader's language), the English sentence for logs. */
export type PosFailure = { ok: false; code: string; message: string; key?: ErrorKey; params?: ErrorParams; field?: string; /** MoMo set-up failures: the connection test's reason code. */ reason?: string };
export type PosResult<T> = { ok: true; data: T } | PosFailure;

// ---------- input schemas ------------------------------------------------

const id = z.string().trim().min(1, 'error.contract.missingId' satisfies ErrorKey).max(64);
/** Text a person typed, on one line (or several, where a field allows it): no control characters, no bidi overrides. */
const typed = (schema: z.ZodString, multiline = false) => schema.refine((text) => !hasControlCharacters(text, { multiline }), CONTROL_CHARACTERS_REFUSED);
const note = typed(z.string().trim().max(140, 'error.contract.noteTooLong' satisfies ErrorKey));
const cashier = typed(z.string().trim().min(1).max(60));
const pin = z.string().regex(/^\d{4,8}$/, 'error.till.pIN48Digits' satisfies ErrorKey);
/** Amounts travel as the text the cashier typed; parsed to minor units in the engine. */
const amountText = z.string().max(32, 'error.contract.amountTooLong' satisfies ErrorKey);
/** 2025-02-30 matches the pattern but is no day: handlers would build an Invalid Date from it. */
const isCalendarDay = (text: string) => {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'error.till.dayWrittenYyyyMm' satisfies ErrorKey).refine(isCalendarDay, 'error.contract.noSuchDay' satisfies ErrorKey);
const receiptWidth = z.enum(['58mm', '80mm', 'A4']);
/** The screen's id for one press of Charge (or Pay later): the same id answers the same sale, never a second prompt. */
const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'error.ledger.requestId864' satisfies ErrorKey);

const empty = z.object({}).strict();
/** The market the set-up wizard is choosing: its keys and tests use it; it is saved only when the wizard goes live. */
const marketChoice = z
  .object({ targetEnvironment: z.string().trim().min(1).max(40), baseUrl: z.string().trim().url().max(200).optional() })
  .strict()
  .optional();

export const inputSchemas = {
  'app.info': empty,

  'sale.charge': z
    .object({
      phone: z.string().max(40, 'error.contract.phoneTooLong' satisfies ErrorKey),
      amount: amountText,
      note: note.optional(),
      cashier: cashier.optional(),
      /** Set after the cashier saw the payer's name (sale.lookupPayer) and confirmed. */
      payerName: typed(z.string().trim().max(120)).optional(),
      requestId: requestId.optional(),
      confirmDuplicate: z.boolean().optional(),
    })
    .strict(),
  /** Pay later: a MoMo invoice the customer pays from their own phone, valid for validHours (default 24). */
  'sale.payLater': z
    .object({
      phone: z.string().max(40, 'error.contract.phoneTooLong' satisfies ErrorKey),
      amount: amountText,
      note: note.optional(),
      cashier: cashier.optional(),
      validHours: z.number().int().min(1).max(720).optional(),
      requestId: requestId.optional(),
      confirmDuplicate: z.boolean().optional(),
    })
    .strict(),
  /** Invoices not paid, expired or cancelled yet, soonest expiry first. */
  'sale.openInvoices': empty,
  'sale.lookupPayer': z.object({ phone: z.string().max(40) }).strict(),
  'sale.payCash': z
    .object({
      /** A new cash sale (amount), or an existing unpaid MoMo sale switched to cash (saleId). */
      saleId: id.optional(),
      amount: amountText.optional(),
      tendered: amountText.optional(),
      note: note.optional(),
      cashier: cashier.optional(),
    })
    .strict()
    .refine((v) => (v.saleId === undefined) !== (v.amount === undefined), {
      message: 'error.contract.cashSaleOrAmount' satisfies ErrorKey,
      path: ['amount'],
    }),
  'sale.list': z
    .object({
      day: isoDay.optional(),
      search: z.string().trim().max(40).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    })
    .strict(),
  'sale.get': z.object({ saleId: id }).strict(),

  'payment.recheck': z.object({ paymentId: id }).strict(),
  'payment.cancelWaiting': z.object({ paymentId: id }).strict(),
  /** Cancels an open invoice at MoMo (a paid one stays paid). */
  'payment.cancelInvoice': z.object({ paymentId: id }).strict(),
  /** A new attempt of the same kind as the last one: a new invoice (valid validHours) when the sale was paid later. */
  'payment.retry': z.object({ saleId: id, validHours: z.number().int().min(1).max(720).optional() }).strict(),
  'payment.transcript': z.object({ paymentId: id }).strict(),

  /** copy: left out, the engine says (printed before = COPY); print: this HTML is being printed, record it. */
  'receipt.render': z.object({ saleId: id, width: receiptWidth, copy: z.boolean().optional(), print: z.boolean().optional() }).strict(),
  'receipt.print': z.object({ saleId: id, copy: z.boolean().optional() }).strict(),
  'receipt.savePdf': z.object({ saleId: id, width: receiptWidth, copy: z.boolean().optional() }).strict(),

  /** The till at a glance: the open shift, whether the manager PIN and cashiers are set, the fee rule. */
  'till.status': empty,
  /** First use sets the manager PIN; changing it needs the current one. */
  'till.setManagerPin': z.object({ pin, currentPin: pin.optional() }).strict(),
  /** The manager PIN asked before Settings, Set up MoMo and the training switch. */
  'till.checkManagerPin': z.object({ pin }).strict(),
  /** Adds a cashier, or gives one a new PIN (manager PIN). */
  'till.setCashier': z.object({ name: cashier, pin, managerPin: pin }).strict(),
  /** The market's MoMo fee rule ("0.5" % above "4000"), how MoMo refunds go out and the limit per payment (manager PIN). */
  'till.setRules': z
    .object({
      managerPin: pin,
      feeRate: z.string().trim().max(10).optional(),
      feeAbove: amountText.optional(),
      refundVia: z.enum(['refund', 'transfer']).optional(),
      /** The most one payment may be, as typed; empty: back to MTN's limit for the market (or the safety cap). */
      maxSale: amountText.optional(),
    })
    .strict(),
  /** The cashier signs in with their PIN; every sale of the shift carries their name. */
  'till.openShift': z.object({ openingFloat: amountText, cashier, pin }).strict(),
  'till.cashMovement': z
    .object({ kind: z.enum(['in', 'out']), amount: amountText, reason: typed(z.string().trim().min(1).max(140)), pin: pin.optional() })
    .strict()
    .refine((v) => v.kind === 'in' || v.pin !== undefined, { message: 'error.contract.managerPinForCashOut' satisfies ErrorKey, path: ['pin'] }),
  'till.xReport': z.object({ readBalance: z.boolean().optional() }).strict(),
  'till.closeShift': z.object({ countedCash: amountText, pin, note: note.optional() }).strict(),
  /** A Z report again, as a COPY: the last one unless a number is given (manager PIN). */
  'till.zReport': z.object({ number: z.number().int().min(1).optional(), pin }).strict(),
  'till.exportCsv': z.object({ from: isoDay, to: isoDay }).strict(),
  /** The support bundle as a zip (versions, OS, logs, the day's failed payments' transcripts, verify, head office's last acknowledgement), redacted (manager PIN). */
  'till.supportBundle': z.object({ pin }).strict(),

  'refund.create': z
    .object({
      saleId: id,
      amount: amountText,
      reason: typed(z.string().trim().min(1).max(140)),
      pin,
      method: z.enum(['momo', 'cash']),
      /** MoMo only: refund the payment, or transfer to the payer where refunds are not offered (default: the till's setting). */
      via: z.enum(['refund', 'transfer']).optional(),
    })
    .strict(),
  /** recheck: one status call to MoMo on the refund's own reference. */
  'refund.get': z.object({ refundId: id, recheck: z.boolean().optional() }).strict(),
  /** A sale with what was paid, what was refunded and what is left to refund. */
  'refund.forSale': z.object({ saleId: id }).strict(),

  'settings.get': empty,
  'settings.update': z
    .object({
      merchantName: typed(z.string().trim().max(60)).optional(),
      merchantAddress: typed(z.string().trim().max(120)).optional(),
      merchantPhone: typed(z.string().trim().max(40)).optional(),
      /** The shop's own MoMo number: invoices (pay later) are paid to it. '' clears it. */
      merchantMomoNumber: z.string().trim().max(40).optional(),
      /** A short text to the customer's phone after each successful MoMo payment. */
      textReceipts: z.boolean().optional(),
      merchantTin: typed(z.string().trim().max(40)).optional(),
      receiptHeader: typed(z.string().trim().max(200), true).optional(),
      receiptFooter: typed(z.string().trim().max(200), true).optional(),
      receiptWidth: receiptWidth.optional(),
      language: z.enum(LANGUAGES).optional(),
      targetEnvironment: z.string().trim().max(40).optional(),
      baseUrl: z.string().trim().url().max(200).optional(),
      currency: z.string().trim().length(3).optional(),
      quickAmounts: z.array(amountText).max(8).optional(),
      dayStartsAtHour: z.number().int().min(0).max(12).optional(),
      printerKind: z.enum(['none', 'network', 'spooler']).optional(),
      printerHost: typed(z.string().trim().max(100)).optional(),
      printerPort: z.number().int().min(1).max(65535).optional(),
      printerQueue: typed(z.string().trim().max(100)).optional(),
      printerColumns: z.union([z.literal(32), z.literal(42), z.literal(48)]).optional(),
    })
    .strict(),

  'credentials.status': z.object({ market: marketChoice }).strict(),
  'credentials.set': z
    .object({
      market: marketChoice,
      collectionSubscriptionKey: z.string().trim().min(1).max(200).optional(),
      disbursementSubscriptionKey: z.string().trim().min(1).max(200).optional(),
      apiUser: z.string().trim().min(1).max(200).optional(),
      apiKey: z.string().trim().min(1).max(200).optional(),
    })
    .strict(),
  /** market: the one the wizard shows (its keys are the ones removed); absent, the till's own. */
  'credentials.clear': z.object({ market: marketChoice }).strict(),
  /** keys: typed in for this test only (never stored); the only keys that may go to an address the stored ones were not saved for. */
  'credentials.testConnection': z
    .object({
      market: marketChoice,
      keys: z
        .object({
          collectionSubscriptionKey: z.string().trim().min(1).max(200),
          apiUser: z.string().trim().min(1).max(200),
          apiKey: z.string().trim().min(1).max(200),
          disbursementSubscriptionKey: z.string().trim().min(1).max(200).optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
  'credentials.provisionSandbox': z.object({ providerCallbackHost: z.string().trim().min(1).max(200).optional(), market: marketChoice }).strict(),
  /** Leave training: copy the set-up to the live ledger and take real payments with the stored credentials. */
  'credentials.goLive': z.object({ market: marketChoice }).strict(),
  /** Back to training mode (the live ledger and the keychain stay as they are). */
  'credentials.useTraining': empty,

  /** Head office (every till's journal in one PostgreSQL): the Settings card and the fork banner read this. */
  'headOffice.status': empty,
  /** Keep the connection string `npm run hq -- add-till` printed in the OS keychain, and push soon. */
  'headOffice.connect': z
    .object({ url: z.string().trim().min(1).max(1000).regex(/^postgres(ql)?:\/\/\S+$/, 'error.contract.hqAddressPostgres' satisfies ErrorKey) })
    .strict(),
  'headOffice.disconnect': empty,
  /** Ends this caller's manager grant now (leaving Settings, or the manager walking away). */
  'till.lock': empty,
  /** The fiscal device (Rwanda EBM's VSDC) as the till sees it: set up or not, what waits for a signature, today's receipts by label. */
  'fiscal.status': empty,
  /** Set up the fiscal device (manager): stored, the device initialised (SDC ID, MRC) and the default item registered; nothing stored if any step fails. */
  'fiscal.configure': z
    .object({
      /** Rwanda: 9 digits. */
      tin: z.string().trim().max(20),
      /** "00" (head office) to "99". */
      branchId: z.string().trim().max(2),
      deviceSerial: z.string().trim().max(100),
      /** The VSDC box in the shop: http(s), loopback or private LAN allowed. */
      vsdcUrl: z.string().trim().max(200),
      /** The shop's one item every sale carries (the cashier's note as its description). */
      defaultItem: z
        .object({
          code: z.string().trim().max(20),
          classCode: z.string().trim().max(10),
          taxType: z.string().trim().max(2),
          name: typed(z.string().trim().max(200)),
        })
        .strict(),
      /** Only when the device says it was set up before (it will not tell its SDC ID and MRC again): as printed on a receipt it signed. */
      sdcId: z.string().trim().max(20).optional(),
      mrcNo: z.string().trim().max(20).optional(),
    })
    .strict(),
  /** A sale's (or a refund's) fiscal receipt: pending, signed (with the SDC data), or none. */
  'fiscal.receipt': z
    .object({ saleId: id.optional(), refundId: id.optional() })
    .strict()
    .refine((v) => (v.saleId === undefined) !== (v.refundId === undefined), { message: 'error.contract.saleOrRefund' satisfies ErrorKey, path: ['saleId'] }),
  /** Today's money at the counter, as the X counts it: taken, refunded, net (this business day, every shift). */
  'till.today': empty,
} as const;

export type MethodName = keyof typeof inputSchemas;
export type InputOf<M extends MethodName> = z.input<(typeof inputSchemas)[M]>;
export type ParsedInputOf<M extends MethodName> = z.output<(typeof inputSchemas)[M]>;

// ---------- views (what methods answer) -----------------------------------

export type Mode = 'training' | 'live';

export interface AppInfo {
  version: string;
  mode: Mode;
  targetEnvironment: string;
  country: string;
  currency: Currency;
  merchantName: string;
  language: Language;
  quickAmounts: string[];
  /** 'custom' when MOMO_POS_DATA_DIR chose it; never the path itself. */
  dataDirKind: 'user-data' | 'custom';
  transport: 'ipc' | 'http';
}

export interface PaymentView {
  id: string;
  saleId: string;
  referenceId: string;
  attempt: number;
  status: PaymentStatus;
  amountMinor: number;
  currency: Currency;
  maskedPayer: string;
  reasonCode?: string;
  /** The sentence for the cashier and the next step, from shared/messages. */
  message: string;
  nextStep: string;
  financialTransactionId?: string;
  createdAt: string;
  updatedAt: string;
  checks: number;
  /** Cashier stopped waiting; still checked in the background. */
  waitingCancelled: boolean;
  /** A prompt at the counter, or an invoice the customer pays later. */
  kind: 'prompt' | 'invoice';
  /** Invoices: payable until then. */
  validUntil?: string;
}

export type SaleStatus = 'awaiting_payment' | 'paid' | 'not_paid' | 'paid_twice';

export interface SaleView {
  id: string;
  receiptNumber: string;
  createdAt: string;
  amountMinor: number;
  currency: Currency;
  method: 'momo' | 'cash';
  status: SaleStatus;
  maskedPayer?: string;
  payerName?: string;
  note?: string;
  cashier?: string;
  payments: PaymentView[];
}

export interface ChargeResult {
  sale: SaleView;
  payment: PaymentView;
  receiptNumber: string;
  /** Set when the number is not on an MTN prefix: shown, never blocking. */
  phoneWarning?: Notice;
}

export interface PayerLookup {
  msisdn: string;
  display: string;
  maskedPayer: string;
  active: boolean | null;
  name: string | null;
  warning?: Notice;
}

export interface TranscriptView {
  paymentId: string;
  text: string;
}

export interface SupportBundleView {
  fileName: string;
  /** The zip, base64: both transports carry text. */
  base64: string;
  bytes: number;
  /** The files inside (README.txt, about.txt, verify.txt, head-office.txt, transcripts/…, logs/…). */
  parts: string[];
}

export interface ReceiptHtml {
  html: string;
  /** Marked COPY: printed before (or asked for). */
  copy?: boolean;
}

export interface CredentialsStatus {
  available: boolean;
  problem?: string;
  set: Record<string, boolean>;
  /** 'environment': the till runs on MOMO_* variables (read-only here); otherwise the system keychain. */
  source?: 'keychain' | 'environment';
  /** MoMo's callbacks through head office: what to register in MTN's partner portal, or why they are off (polling only). */
  callbacks?: CallbackRegistration;
}

/**
 * 'on': the API user's Provider Callback Host and the callback URL each
 * till's own URLs start with. 'off': head office's callback address is not
 * set ('notSet') or MTN cannot call it back ('notHttps').
 */
export type CallbackRegistration = { state: 'on'; host: string; url: string } | { state: 'off'; reason: 'notSet' | 'notHttps' };

export interface ConnectionTest {
  ok: boolean;
  message: string;
  /** What happened, as a word the screen can say in any language ('connected', 'wrongCurrency', a MoMo error code…), with its facts. */
  reason?: string;
  facts?: Record<string, string>;
  balance?: { availableBalance: string; currency: string };
}

export type SettingsView = Record<string, unknown>;

/** Head office as the till sees it: never the connection string itself. */
export interface HeadOfficeStatus {
  configured: boolean;
  /** Where the connection string comes from. */
  source?: 'keychain' | 'environment';
  training: boolean;
  lastPushAt?: string;
  /** Journal entries head office does not hold yet. */
  waiting: number;
  /** Head office's last acknowledgement: the outside anchor. */
  ack?: { seq: number; hash: string; receivedAt: string };
  /** What went wrong with the last push, as a key and its facts (the screen says it in its language). */
  problem?: Notice;
  /** A fork head office found: the red banner. */
  forkSeq?: number;
}

export type FiscalLabelView = 'NS' | 'NR' | 'CS' | 'CR' | 'TS' | 'TR' | 'PS';

export interface FiscalDefaultItemView {
  code: string;
  classCode: string;
  taxType: string;
  name: string;
}

/** The fiscal device as the till sees it (fiscal.status, fiscal.configure). */
export interface FiscalStatus {
  /** Training signs against the built-in VSDC simulator (TS/TR) without any set-up. */
  training: boolean;
  /** Live: the manager set the device up (fiscal.configure succeeded). Training: always true. */
  configured: boolean;
  country?: 'RW' | 'KE';
  tin?: string;
  branchId?: string;
  deviceSerial?: string;
  vsdcUrl?: string;
  sdcId?: string;
  mrcNo?: string;
  defaultItem?: FiscalDefaultItemView;
  /** Receipts waiting for the device's signature. */
  pending: number;
  /** The oldest one waiting, and how long it has waited (ms, never negative). */
  oldestPendingAt?: string;
  oldestPendingAgeMs?: number;
  /** Selling stops at maxCount waiting, or one older than maxAgeMs. */
  limits: { maxCount: number; maxAgeMs: number };
  /** ok false: a new sale is refused with code FISCAL_UNSIGNED_LIMIT until the device signs what waits. */
  verdict: { ok: true } | { ok: false; reason: 'count' | 'age' };
  /** The current business day's fiscal receipts per label (finished: signed or 994 duplicate). */
  today: Array<{ label: FiscalLabelView; signed: number; pending: number; rejected: number }>;
  /** The last time the device could not be reached or refused, if it has not signed since: our sentence as a key when the words are ours, else the device's own words in `message`. */
  problem?: { at: string; code: string; message: string; key?: ErrorKey; params?: ErrorParams };
}

/** One fiscal receipt (fiscal.receipt, the fiscal.updated event). status none: nothing to sign (device not set up). */
export interface FiscalReceiptView {
  /** 'sale:<saleId>' or 'refund:<refundId>'. */
  eventKey: string;
  status: 'none' | 'pending' | 'signed' | 'duplicate' | 'rejected';
  label?: FiscalLabelView;
  invoiceNo?: number;
  /** A refund: the original sale's invoice number. */
  originalInvoiceNo?: number;
  sdcId?: string;
  receiptNo?: number;
  totalReceiptNo?: number;
  internalData?: string;
  signature?: string;
  /** YYYYMMDDhhmmss as the device sent it. */
  sdcDateTime?: string;
  mrcNo?: string;
  errorCode?: string;
  error?: string;
}

/** Output type per method. Methods not yet served answer a typed NOT_IMPLEMENTED error. */
export interface Outputs {
  'app.info': AppInfo;
  'sale.charge': ChargeResult;
  'sale.lookupPayer': PayerLookup;
  'sale.payLater': ChargeResult;
  'sale.openInvoices': SaleView[];
  'sale.payCash': SaleView;
  'sale.list': SaleView[];
  'sale.get': SaleView;
  'payment.recheck': PaymentView;
  'payment.cancelWaiting': PaymentView;
  'payment.cancelInvoice': PaymentView;
  'payment.retry': ChargeResult;
  'payment.transcript': TranscriptView;
  'receipt.render': ReceiptHtml;
  /** Whether it went to the thermal printer, and the sentence saying where (or that none is set up). */
  'receipt.print': { printed: boolean } & Notice;
  'receipt.savePdf': { path?: string; html?: string };
  'till.status': TillStatus;
  'till.setManagerPin': TillStatus;
  'till.checkManagerPin': TillStatus;
  'till.setCashier': TillStatus;
  'till.setRules': TillStatus;
  'till.openShift': ShiftView;
  'till.cashMovement': CashMovementView;
  'till.xReport': ReportDocument<TillReport>;
  'till.closeShift': CloseShiftResult;
  'till.zReport': ReportDocument<ZReport>;
  'till.exportCsv': { csv: string; rows: number; fileName: string };
  'till.supportBundle': SupportBundleView;
  'refund.create': RefundView;
  'refund.get': RefundView;
  'refund.forSale': SaleRefunds;
  'settings.get': SettingsView;
  'settings.update': SettingsView;
  'credentials.status': CredentialsStatus;
  'credentials.set': CredentialsStatus;
  'credentials.clear': CredentialsStatus;
  'credentials.testConnection': ConnectionTest;
  'credentials.provisionSandbox': CredentialsStatus;
  'credentials.goLive': AppInfo;
  'credentials.useTraining': AppInfo;
  'headOffice.status': HeadOfficeStatus;
  'headOffice.connect': HeadOfficeStatus;
  'headOffice.disconnect': HeadOfficeStatus;
  'till.lock': { locked: true };
  'fiscal.status': FiscalStatus;
  'fiscal.configure': FiscalStatus;
  'fiscal.receipt': FiscalReceiptView;
  'till.today': TodaySummary;
}

// ---------- events -------------------------------------------------------

export type PosEvent =
  | { type: 'payment.updated'; payment: PaymentView; sale: SaleView }
  | { type: 'shift.updated' }
  | { type: 'settings.changed' }
  /** Sent on (re)connect: the renderer refetches instead of trusting missed events. */
  | { type: 'hello'; heartbeatMs?: number }
  /** Made by the browser-mode transport itself when the event stream drops (service stopped or unreachable). */
  | { type: 'connection.lost' }
  /** A fiscal receipt changed (signed, duplicate, rejected): the screen may offer the official print. */
  | { type: 'fiscal.updated'; saleId?: string; refundId?: string; receipt: FiscalReceiptView };

// ---------- who may call what ------------------------------------------

/**
 * Every method's authority, checked by the router before the handler runs:
 * - 'cashier': anyone at the till (or holding the browser-mode session).
 * - 'manager': needs this caller's live manager grant (till.checkManagerPin opens
 *   one), or the manager PIN in the call itself (`pinField`), checked first.
 *   `when` narrows it to some inputs (cash out, not cash in).
 * Until a manager PIN exists (first start) the only manager method allowed is
 * `firstStart: true`: choosing that PIN.
 * A Record over MethodName: a new method does not compile until it is classed.
 */
export interface MethodAuthority {
  who: 'cashier' | 'manager';
  /** The input field that may carry the manager PIN for this one call. */
  pinField?: string;
  /** Manager only for inputs where this is true (cashier otherwise). */
  when?: (input: Record<string, unknown>) => boolean;
  /** Allowed with no manager PIN set yet (first start: choosing it). */
  firstStart?: true;
  /** A success opens the caller's manager grant. */
  opensGrant?: true;
}

const cashierMethod: MethodAuthority = { who: 'cashier' };
const managerMethod: MethodAuthority = { who: 'manager' };

export const METHOD_AUTHORITY: Record<MethodName, MethodAuthority> = {
  'app.info': cashierMethod,
  'sale.charge': cashierMethod,
  'sale.payLater': cashierMethod,
  'sale.openInvoices': cashierMethod,
  'sale.lookupPayer': cashierMethod,
  'sale.payCash': cashierMethod,
  'sale.list': cashierMethod,
  'sale.get': cashierMethod,
  'payment.recheck': cashierMethod,
  'payment.cancelWaiting': cashierMethod,
  'payment.cancelInvoice': cashierMethod,
  'payment.retry': cashierMethod,
  'payment.transcript': cashierMethod,
  'receipt.render': cashierMethod,
  'receipt.print': cashierMethod,
  'receipt.savePdf': cashierMethod,
  'till.status': cashierMethod,
  // Choosing the first PIN is set-up; changing it is the manager's (with the current PIN).
  'till.setManagerPin': { who: 'manager', pinField: 'currentPin', firstStart: true, opensGrant: true },
  // The unlock itself: throttled in the engine like every PIN.
  'till.checkManagerPin': { who: 'cashier', opensGrant: true },
  'till.setCashier': { who: 'manager', pinField: 'managerPin' },
  'till.setRules': { who: 'manager', pinField: 'managerPin' },
  'till.openShift': cashierMethod,
  'till.cashMovement': { who: 'manager', pinField: 'pin', when: (input) => input.kind === 'out' },
  'till.xReport': cashierMethod,
  'till.closeShift': { who: 'manager', pinField: 'pin' },
  'till.zReport': { who: 'manager', pinField: 'pin' },
  'till.exportCsv': cashierMethod,
  // The support bundle holds the day's transcripts and logs: the manager's, like the Z.
  'till.supportBundle': { who: 'manager', pinField: 'pin' },
  'refund.create': { who: 'manager', pinField: 'pin' },
  'refund.get': cashierMethod,
  'refund.forSale': cashierMethod,
  'settings.get': cashierMethod,
  // The language the screens speak is the cashier's own choice (the top bar); everything else in settings is the manager's.
  'settings.update': { who: 'manager', when: (input) => Object.keys(input).some((key) => key !== 'language') },
  'credentials.status': cashierMethod,
  'credentials.set': managerMethod,
  'credentials.clear': managerMethod,
  'credentials.testConnection': managerMethod,
  'credentials.provisionSandbox': managerMethod,
  'credentials.goLive': managerMethod,
  'credentials.useTraining': managerMethod,
  'headOffice.status': cashierMethod,
  'headOffice.connect': managerMethod,
  'headOffice.disconnect': managerMethod,
  'till.lock': cashierMethod,
  'fiscal.status': cashierMethod,
  'fiscal.configure': managerMethod,
  'fiscal.receipt': cashierMethod,
  'till.today': cashierMethod,
};

/** Whether this call of the method needs the manager. */
export function needsManager(method: MethodName, input: unknown): boolean {
  const rule = METHOD_AUTHORITY[method];
  if (rule.who !== 'manager') return false;
  return rule.when ? rule.when(input && typeof input === 'object' ? (input as Record<string, unknown>) : {}) : true;
}

// Over 500 lines on purpose: one closure over the till's shared parts (the ledger, the PIN guard, the refund engine, the manager and cashier checks) that every manager action uses; reports, PINs and refunds already live in their own files.
/**
 * The till: what a manager does at opening and closing, and what the
 * accountant receives. Shifts with an opening float, cash in and out, the
 * X report (live, never stored), closing with the counted cash into a frozen
 * Z report, refunds (MoMo through Disbursement, or cash from the drawer),
 * the day report and the CSV export.
 *
 * Who may do what:
 * - a cashier signs in to open a shift with their name and PIN; every sale
 *   of the shift carries that name, so the counter never asks again;
 * - the manager PIN is needed for refunds, cash out, closing a shift,
 *   reprinting a Z report, and changing cashiers, the PIN or the fee rule;
 * - cash in needs no PIN (money coming into the drawer).
 */
import { randomUUID } from 'node:crypto';
import { PosError, ValidationError } from '../../../shared/errors';
import { MAX_AMOUNT_MINOR, MAX_TOTAL_MINOR, moneyParam, parseAmount, type Currency } from '../../../shared/money';
import { assertWithinLimit, saleLimitOf, type ShopSaleLimit } from '../../../shared/limits';
import { maskMsisdn } from '../../../shared/phone';
import { isFinal } from '../../../shared/payment-states';
import type {
  CashMovementView,
  CloseShiftResult,
  FeeRule,
  RefundVia,
  RefundView,
  BalanceReadingView,
  ReportDocument,
  SaleRefunds,
  ShiftView,
  TillReport,
  TillStatus,
  TodaySummary,
  ZReport,
} from '../../../shared/till-report';
import { businessDayBounds, businessDayOf, type Ledger, type Refund, type Shift, type ZReportRecord } from '../ledger';
import type { CollectionOperations, DisbursementOperations } from '../momo';
import type { PaymentCallbacks, PollSchedule } from '../payments';
import type { Settings } from '../settings';
import { salesCsv } from './csv';
import { assertFeeRule, feeRuleOf } from './fees';
import { assertChosenPin, hashPin, isPinHash, type KdfCost, type PinHash } from './pin';
import { createPinGuard, type PinGuard } from './pin-guard';
import { createRefundEngine, type RefundEngine } from './refund-engine';
import { buildTillReport, type ReportOptions } from './report';
import { readingView, readMomoBalance } from './momo-balance';
import { renderReportHtml, type ReportWidth } from './report-html';

export const MANAGER_PIN_KEY = 'till.managerPin';
export const CASHIERS_KEY = 'till.cashiers';

interface CashierRecord {
  name: string;
  pin: PinHash;
}

export interface TillOptions {
  ledger: Ledger;
  settings: () => Settings;
  disbursement: () => DisbursementOperations;
  /** The Collection account whose balance the shift reads at opening and closing; none: balances are not read. */
  collection?: () => Pick<CollectionOperations, 'getAccountBalance'>;
  /**
   * Asked just before the opening balance is read: MoMo's word on every payment still open
   * (the payment engine's checkUnfinished), so money settled while the app was closed is
   * journaled before the reading and is never a difference on the next Z. Bounded; a failure costs nothing.
   */
  beforeOpeningReading?: () => Promise<unknown>;
  training: boolean;
  now?: () => Date;
  /** Reports' hours and dates; the machine's own zone unless given. */
  timeZone?: string;
  kdfCost?: KdfCost;
  schedule?: PollSchedule;
  pinAttempts?: number;
  /** The successive PIN locks' lengths (default 1 min, 5 min, 15 min, 1 h). */
  pinLockSteps?: readonly number[];
  /** Something the till shows changed (shift, drawer, a refund's status). */
  onChange?: () => void;
  log?: (line: string) => void;
  /** Callbacks relayed by head office (live tills only): refunds and transfers carry the URL and take hints. */
  callbacks?: PaymentCallbacks;
  /** The till is set up for a fiscal device: reports show its receipts even before the first one. */
  fiscalConfigured?: () => boolean;
}

export interface Till {
  status(): TillStatus;
  setManagerPin(input: { pin: string; currentPin?: string }): Promise<TillStatus>;
  /** The manager PIN before Settings, Set up MoMo or the training switch: refused (and counted) when wrong. */
  checkManagerPin(input: { pin: string }): Promise<TillStatus>;
  setCashier(input: { name: string; pin: string; managerPin: string }): Promise<TillStatus>;
  /** saleLimit: the shop's own most-per-payment in minor units, or null for MTN's limit (or the safety cap) again. */
  setRules(input: { managerPin: string; feeRule?: FeeRule; refundVia?: RefundVia; saleLimit?: number | null }): Promise<TillStatus>;
  openShift(input: { openingFloat: string; cashier: string; pin: string }): Promise<ShiftView>;
  cashMovement(input: { kind: 'in' | 'out'; amount: string; reason: string; pin?: string }): Promise<CashMovementView>;
  /** With the shift's opening balance and, once the manager asked (readBalanceNow), the latest reading. */
  xReport(): ReportDocument<TillReport>;
  /** The MoMo Collection balance now, for the X reports of this shift (kept in memory, not journaled: X is never stored). */
  readBalanceNow(): Promise<BalanceReadingView | undefined>;
  closeShift(input: { countedCash: string; pin: string; note?: string }): Promise<CloseShiftResult>;
  /** A frozen Z report again (the last one unless a number is given): a COPY, manager PIN. */
  zReport(input: { number?: number; pin: string }): Promise<ReportDocument<ZReport>>;
  /** The report of one business day (all shifts), for the CLI and the accountant. */
  dayReport(businessDay: string): TillReport;
  /** The counter's "today": this business day's taken, refunded and net, from the day report (no PIN: the X's totals, no more). */
  today(): TodaySummary;
  exportCsv(input: { from: string; to: string }): { csv: string; rows: number; fileName: string };
  saleRefunds(saleId: string): SaleRefunds;
  createRefund(input: { saleId: string; amount: string; reason: string; pin: string; method: 'momo' | 'cash'; via?: RefundVia }): Promise<RefundView>;
  getRefund(input: { refundId: string; recheck?: boolean }): Promise<RefundView>;
  /** Resume MoMo refunds left unfinished by a restart. */
  recover(): Promise<void>;
  idle(): Promise<void>;
  stop(): void;
  /** A callback named this reference: one status call if it is one of this till's refunds in flight; otherwise nothing. */
  hint(referenceId: string): Promise<boolean>;
}

/** What a cashier typed for counted cash or a float: "0" is a real answer there. `max`: MAX_TOTAL_MINOR for a count. */
export function parseAmountOrZero(text: string, currency: Currency, field: string, max = MAX_AMOUNT_MINOR): number {
  if (/^\s*0+(\.0*)?\s*$/.test(text)) return 0;
  return parseAmount(text, currency, field, max);
}

// The business day's time range has one home, with the rest of the rule: ledger/business-day.ts.
export { businessDayBounds };

export function shiftView(shift: Shift): ShiftView {
  return {
    id: shift.id,
    status: shift.status,
    cashier: shift.openedBy,
    openedAt: shift.openedAt,
    openingFloatMinor: shift.openingFloatMinor,
    currency: shift.currency,
    ...(shift.closedAt ? { closedAt: shift.closedAt } : {}),
    ...(shift.closedBy ? { closedBy: shift.closedBy } : {}),
    ...(shift.countedCashMinor !== undefined ? { countedCashMinor: shift.countedCashMinor } : {}),
  };
}

export function zReportOf(record: ZReportRecord, copy: boolean): ZReport {
  const report = record.report as unknown as TillReport;
  const previousGrandSalesMinor = record.grandSalesMinor - record.salesMinor;
  const previousGrandRefundsMinor = record.grandRefundsMinor - record.refundsMinor;
  return {
    ...report,
    z: {
      number: record.number,
      closedAt: record.closedAt,
      fromSeq: record.fromSeq,
      toSeq: record.toSeq,
      lastHash: record.lastHash,
      reportHash: record.reportHash,
      salesMinor: record.salesMinor,
      refundsMinor: record.refundsMinor,
      previousGrandSalesMinor,
      previousGrandRefundsMinor,
      grandSalesMinor: record.grandSalesMinor,
      grandRefundsMinor: record.grandRefundsMinor,
      grandRestarted: (record.report as { grandRestarted?: unknown }).grandRestarted === true,
    },
    copy,
  };
}

export function createTill(options: TillOptions): Till {
  const { ledger } = options;
  const now = options.now ?? (() => new Date());
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const log = options.log ?? (() => {});
  const changed = () => options.onChange?.();
  const guard: PinGuard = createPinGuard({
    ledger: () => ledger,
    now: () => now().getTime(),
    ...(options.pinAttempts !== undefined ? { attempts: options.pinAttempts } : {}),
    ...(options.pinLockSteps !== undefined ? { lockSteps: options.pinLockSteps } : {}),
    log,
  });
  const engine: RefundEngine = createRefundEngine({
    ledger,
    disbursement: options.disbursement,
    shopName: () => options.settings().merchantName,
    ...(options.schedule ? { schedule: options.schedule } : {}),
    onChange: () => changed(),
    log,
    ...(options.callbacks ? { callbacks: options.callbacks } : {}),
  });

  const feeRule = (): FeeRule => feeRuleOf(options.settings());
  const managerPin = (): PinHash | undefined => {
    const stored = ledger.getSetting<unknown>(MANAGER_PIN_KEY);
    return isPinHash(stored) ? stored : undefined;
  };
  const cashiers = (): CashierRecord[] => {
    const stored = ledger.getSetting<unknown>(CASHIERS_KEY);
    return Array.isArray(stored) ? stored.filter((c): c is CashierRecord => typeof c?.name === 'string' && isPinHash(c?.pin)) : [];
  };
  const findCashier = (name: string) => {
    const wanted = name.trim().toLocaleLowerCase();
    return cashiers().find((c) => c.name.toLocaleLowerCase() === wanted);
  };
  const checkManager = (action: Parameters<PinGuard['check']>[0], pin: string | undefined) => guard.check(action, { kind: 'manager' }, pin, managerPin());
  const currency = () => options.settings().currency;
  const saleLimit = () => saleLimitOf(options.settings());
  const openShift = () => ledger.currentShift();
  const mustShift = (doing: string): Shift => {
    const shift = openShift();
    if (!shift) throw new PosError('CONFLICT', 'error.till.noShiftOpenOpen', { doing });
    return shift;
  };

  const liveReport = (shift: Shift | undefined, momoReadings?: ReportOptions['momoReadings']): TillReport =>
    buildTillReport(ledger.activitySinceLastZ(), {
      kind: 'X',
      currency: shift?.currency ?? currency(),
      feeRule: feeRule(),
      timeZone,
      generatedAt: now().toISOString(),
      ...(shift ? { shift } : {}),
      ...(momoReadings ? { momoReadings } : {}),
      fiscalConfigured: options.fiscalConfigured?.() ?? false,
    });
  /** Cash leaves the drawer only when it is there: never below what the shift expects to hold. */
  const assertDrawerHolds = (shift: Shift, amountMinor: number) => {
    const expectedMinor = liveReport(shift).cash.expectedMinor;
    if (amountMinor > expectedMinor) {
      throw new ValidationError(
        'amount',
        'error.till.onlyExpectedDrawerNot', { expected: moneyParam(Math.max(0, expectedMinor), shift.currency), amount: moneyParam(amountMinor, shift.currency) },
      );
    }
  };

  const html = (report: TillReport, z?: ZReport): ReportDocument<never>['html'] => {
    const s = options.settings();
    const base = {
      report,
      ...(z ? { z: z.z, copy: z.copy } : {}),
      merchant: { name: s.merchantName, ...(s.merchantAddress ? { address: s.merchantAddress } : {}), ...(s.merchantTin ? { tin: s.merchantTin } : {}) },
      deviceId: ledger.deviceId,
      training: options.training,
      language: s.language,
    };
    const at = (width: ReportWidth) => renderReportHtml({ ...base, width });
    return { A4: at('A4'), '80mm': at('80mm') };
  };

  const refundView = (refund: Refund): RefundView => {
    const sale = ledger.getSale(refund.saleId);
    return {
      id: refund.id,
      saleId: refund.saleId,
      receiptNumber: sale?.receiptNumber ?? '',
      amountMinor: refund.amountMinor,
      currency: refund.currency,
      method: refund.method,
      ...(refund.via ? { via: refund.via } : {}),
      status: refund.status,
      reason: refund.reason,
      ...(refund.msisdn ? { maskedPayee: maskMsisdn(refund.msisdn) } : {}),
      ...(refund.reasonCode ? { reasonCode: refund.reasonCode } : {}),
      ...(refund.financialTransactionId ? { financialTransactionId: refund.financialTransactionId } : {}),
      createdAt: refund.createdAt,
      updatedAt: refund.updatedAt,
    };
  };

  const DEAD = new Set(['failed', 'rejected', 'expired']);
  const saleRefunds = (saleId: string): SaleRefunds => {
    const sale = ledger.getSale(saleId);
    if (!sale) throw new PosError('NOT_FOUND', 'error.common.noSuchSale', {}, 'saleId');
    const refunds = ledger.refundsForSale(saleId);
    const live = refunds.filter((r) => !DEAD.has(r.status));
    const paidMomoMinor = ledger
      .paymentsForSale(saleId)
      .filter((p) => p.status === 'successful')
      .reduce((sum, p) => sum + p.amountMinor, 0);
    const paidCashMinor = sale.paidCashAt ? sale.amountMinor : 0;
    const refundedMinor = live.reduce((sum, r) => sum + r.amountMinor, 0);
    const momoRefundedMinor = live.filter((r) => r.method === 'momo').reduce((sum, r) => sum + r.amountMinor, 0);
    const refundableMinor = Math.max(0, paidMomoMinor + paidCashMinor - refundedMinor);
    return {
      saleId: sale.id,
      receiptNumber: sale.receiptNumber,
      createdAt: sale.createdAt,
      amountMinor: sale.amountMinor,
      currency: sale.currency,
      saleStatus: sale.status,
      ...(sale.msisdn ? { maskedPayer: maskMsisdn(sale.msisdn) } : {}),
      paidMomoMinor,
      paidCashMinor,
      refundedMinor,
      refundableMinor,
      refundableByMomoMinor: Math.min(refundableMinor, Math.max(0, paidMomoMinor - momoRefundedMinor)),
      refunds: refunds.map(refundView),
    };
  };

  /** The last on-demand reading, and the journal seq it came before (money journaled later is not in it). */
  let balanceNow: { shiftId: string; reading: BalanceReadingView; beforeSeq: number } | undefined;

  /**
   * Reads and journals the balance at a shift's opening or closing; a failure is recorded as "not read".
   * Called after the shift's own commit (opening) and never fails the action: MoMo or a full disk
   * costs the reading only, which is logged.
   */
  const recordBalance = async (shift: Shift, moment: 'open' | 'close') => {
    if (!options.collection) return undefined;
    const when = moment === 'open' ? 'opening' : 'closing';
    try {
      const answer = await readMomoBalance(options.collection(), shift.currency);
      if ('problem' in answer) log(`MoMo balance not read at shift ${when}: ${answer.problem}`);
      return ledger.recordMomoBalance({ shiftId: shift.id, moment, ...answer });
    } catch (error) {
      log(`MoMo balance at shift ${when} not recorded: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };

  const dayReport = (businessDay: string): TillReport => {
    const s = options.settings();
    const activity = ledger.activity(businessDayBounds(businessDay, s.dayStartsAtHour));
    return buildTillReport(activity, { kind: 'day', currency: s.currency, feeRule: feeRuleOf(s), timeZone, generatedAt: now().toISOString(), businessDay, fiscalConfigured: options.fiscalConfigured?.() ?? false });
  };

  /** A clock far ahead is a warning, not a refusal: a till unused for weeks is fine, a date years out is not. */
  const clockAheadOf = (l: Ledger) => {
    const ahead = l.clockFarAhead();
    return ahead ? { clockAhead: ahead } : {};
  };

  const status = (): TillStatus => {
    const shift = openShift();
    const last = ledger.lastZReport();
    const locked = guard.lockedForSeconds();
    const s = options.settings();
    return {
      currency: s.currency,
      ...(shift ? { shift: shiftView(shift) } : {}),
      managerPinSet: managerPin() !== undefined,
      cashiers: cashiers().map((c) => c.name),
      feeRule: feeRuleOf(s),
      refundVia: s.momoRefundVia === 'transfer' ? 'transfer' : 'refund',
      saleLimit: saleLimitOf(s),
      ...(last ? { lastZ: { number: last.number, closedAt: last.closedAt } } : {}),
      ...(locked !== undefined ? { pinLockedForSeconds: locked } : {}),
      ...clockAheadOf(ledger),
    };
  };

  return {
    status,

    async setManagerPin({ pin, currentPin }) {
      assertChosenPin(pin);
      if (managerPin()) await checkManager('changeManagerPin', currentPin);
      const record = await hashPin(pin, options.kdfCost);
      // The PIN and its journal entry are one fact: both or neither (a full disk, a clock behind).
      ledger.db.transaction(() => {
        ledger.setSetting(MANAGER_PIN_KEY, record);
        ledger.recordPinEvent('pin.changed', { action: 'changeManagerPin', who: 'manager' });
      }).immediate();
      changed();
      return status();
    },

    async checkManagerPin({ pin }) {
      if (!managerPin()) throw new PosError('CONFLICT', 'error.till.noManagerPinSet2');
      await checkManager('openSettings', pin);
      return status();
    },

    async setCashier({ name, pin, managerPin: managerPinText }) {
      const clean = name.trim().replace(/\s+/g, ' ');
      if (clean.length < 1 || clean.length > 60) throw new ValidationError('name', 'error.till.cashierSName1');
      assertChosenPin(pin);
      await checkManager('setCashier', managerPinText);
      const record = await hashPin(pin, options.kdfCost);
      const others = cashiers().filter((c) => c.name.toLocaleLowerCase() !== clean.toLocaleLowerCase());
      ledger.db.transaction(() => {
        ledger.setSetting(CASHIERS_KEY, [...others, { name: clean, pin: record }].sort((a, b) => a.name.localeCompare(b.name)));
        ledger.recordPinEvent('pin.changed', { action: 'setCashier', who: 'cashier', name: clean });
      }).immediate();
      changed();
      return status();
    },

    async setRules({ managerPin: pin, feeRule: rule, refundVia, saleLimit: limitMinor }) {
      await checkManager('setRules', pin);
      if (limitMinor !== undefined) {
        if (limitMinor !== null && (!Number.isSafeInteger(limitMinor) || limitMinor <= 0 || limitMinor > MAX_AMOUNT_MINOR)) {
          throw new ValidationError('maxSale', 'error.till.limitOnePaymentWhole');
        }
        const stored: ShopSaleLimit | null = limitMinor === null ? null : { currency: currency(), amountMinor: limitMinor };
        ledger.setSetting('saleLimit', stored);
      }
      if (rule !== undefined) {
        assertFeeRule(rule);
        ledger.setSetting('momoFeeRule', rule);
      }
      if (refundVia !== undefined) {
        if (refundVia !== 'refund' && refundVia !== 'transfer') throw new ValidationError('refundVia', 'error.till.moMoRefundsGoAs');
        ledger.setSetting('momoRefundVia', refundVia);
      }
      changed();
      return status();
    },

    async openShift({ openingFloat, cashier, pin }) {
      const record = findCashier(cashier);
      if (!record) throw new ValidationError('cashier', 'error.till.noCashierCalledManager', { value: cashier.trim() });
      await guard.check('openShift', { kind: 'cashier', name: record.name }, pin, record.pin);
      const openingFloatMinor = parseAmountOrZero(openingFloat, currency(), 'openingFloat');
      if (openingFloatMinor > 0) assertWithinLimit(openingFloatMinor, saleLimit(), 'openingFloat');
      const shift = ledger.openShift({ openingFloatMinor, currency: currency(), openedBy: record.name });
      if (options.collection && options.beforeOpeningReading) {
        await options.beforeOpeningReading().catch((error: unknown) => log(`open payments not checked before the opening reading: ${error instanceof Error ? error.message : String(error)}`));
      }
      await recordBalance(shift, 'open');
      changed();
      return shiftView(shift);
    },

    async cashMovement({ kind, amount, reason, pin }) {
      const shift = mustShift(kind === 'in' ? 'put cash in' : 'take cash out');
      if (kind === 'out') await checkManager('cashOut', pin);
      const amountMinor = parseAmount(amount, shift.currency, 'amount');
      if (kind === 'in') assertWithinLimit(amountMinor, saleLimit());
      else assertDrawerHolds(shift, amountMinor);
      const movement = ledger.addCashMovement({ shiftId: shift.id, kind, amountMinor, currency: shift.currency, reason: reason.trim(), by: kind === 'out' ? 'manager' : shift.openedBy });
      changed();
      return { ...movement };
    },

    async readBalanceNow() {
      const shift = openShift();
      if (!shift || !options.collection) return undefined;
      const at = now().toISOString();
      const reading = readingView({ at, ...(await readMomoBalance(options.collection(), shift.currency)) });
      balanceNow = { shiftId: shift.id, reading, beforeSeq: (ledger.journalHead()?.seq ?? 0) + 1 };
      return reading;
    },

    xReport() {
      const shift = openShift();
      const opening = shift && options.collection ? ledger.momoBalances(shift.id).open : undefined;
      const latest = shift && balanceNow?.shiftId === shift.id ? balanceNow : undefined;
      const report = liveReport(
        shift,
        shift && options.collection ? { ...(opening ? { open: readingView(opening) } : {}), ...(latest ? { close: latest.reading, closeBeforeSeq: latest.beforeSeq } : {}) } : undefined,
      );
      return { report, html: html(report) };
    },

    async closeShift({ countedCash, pin, note }) {
      const headOfficeAnchor = () => {
        const ack = ledger.headOfficeAck();
        return ack ? { headOffice: { seq: ack.seq, hash: ack.hash, receivedAt: ack.receivedAt } } : {};
      };
      const open = mustShift('close it');
      await checkManager('closeShift', pin);
      // A count is a total: it may be far above the limit for one payment.
      const countedCashMinor = parseAmountOrZero(countedCash, open.currency, 'countedCash', MAX_TOTAL_MINOR);
      const rule = feeRule();
      const closing = await recordBalance(open, 'close');
      const opening = ledger.momoBalances(open.id).open;
      const { shift, zReport } = ledger.closeShiftWithZReport({
        shiftId: open.id,
        countedCashMinor,
        closedBy: 'manager',
        ...(note ? { note } : {}),
        build: ({ shift: closed, activity, previous, previousGrandSalesMinor, previousGrandRefundsMinor }) => {
          const report = buildTillReport(activity, {
            kind: 'Z',
            currency: closed.currency,
            feeRule: rule,
            timeZone,
            generatedAt: closed.closedAt!,
            shift: closed,
            countedCashMinor,
            fiscalConfigured: options.fiscalConfigured?.() ?? false,
            ...(closing ? { momoReadings: { ...(opening ? { open: readingView(opening) } : {}), close: readingView(closing) } } : {}),
          });
          // Restarted: a previous Z exists but its totals do not carry over (another currency).
          const grandRestarted = previous !== undefined && previousGrandSalesMinor === 0 && previousGrandRefundsMinor === 0 && previous.currency !== closed.currency;
          return {
            report: { ...report, ...(grandRestarted ? { grandRestarted: true } : {}), ...headOfficeAnchor() } as never,
            // The grand total covers every sale this Z's journal range holds, those taken with no shift open too.
            salesMinor: report.sales.total.amountMinor + report.outsideShift.amountMinor,
            refundsMinor: report.refunds.total.amountMinor,
          };
        },
      });
      changed();
      const view = zReportOf(zReport, false);
      return { shift: shiftView(shift), report: view, html: html(view, view) };
    },

    async zReport({ number, pin }) {
      await checkManager('reprintZ', pin);
      const record = number === undefined ? ledger.lastZReport() : ledger.getZReport(number);
      if (!record) throw new PosError('NOT_FOUND', number === undefined ? 'error.till.noZReportYet' : 'error.till.thereNoZReport', number === undefined ? {} : { number }, 'number');
      const view = zReportOf(record, true);
      return { report: view, html: html(view, view) };
    },

    dayReport,

    today() {
      const businessDay = businessDayOf(now(), options.settings().dayStartsAtHour);
      const report = dayReport(businessDay);
      return { businessDay, currency: report.currency, taken: report.sales.total, refunded: report.refunds.total, netMinor: report.netMinor };
    },

    exportCsv({ from, to }) {
      businessDayBounds(from, 0);
      businessDayBounds(to, 0);
      if (from > to) throw new ValidationError('to', 'error.common.lastDayComesAfter');
      if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > 366 * 86_400_000) throw new ValidationError('to', 'error.till.exportMostYearTime');
      const entries = ledger.salesForExport({ fromDay: from, toDay: to });
      return { csv: salesCsv(entries), rows: entries.length, fileName: from === to ? `momo-pos-sales-${from}.csv` : `momo-pos-sales-${from}-to-${to}.csv` };
    },

    saleRefunds,

    async createRefund({ saleId, amount, reason, pin, method, via }) {
      await checkManager('refund', pin);
      const before = saleRefunds(saleId);
      const amountMinor = parseAmount(amount, before.currency, 'amount');
      const money = (minor: number) => moneyParam(minor, before.currency);
      if (before.refundableMinor === 0) throw new PosError('CONFLICT', 'error.till.nothingLeftRefundSale', { receiptNumber: before.receiptNumber }, 'amount');
      if (amountMinor > before.refundableMinor) {
        throw new ValidationError('amount', 'error.till.moreThanWasPaid', { left: money(before.refundableMinor), receiptNumber: before.receiptNumber });
      }
      assertWithinLimit(amountMinor, saleLimit());
      let refund: Refund;
      if (method === 'momo') {
        if (before.paidMomoMinor === 0) throw new PosError('CONFLICT', 'error.till.saleWasNotPaid', { receiptNumber: before.receiptNumber }, 'method');
        if (amountMinor > before.refundableByMomoMinor) {
          throw new ValidationError('amount', 'error.till.moMoCanGiveBack', { left: money(before.refundableByMomoMinor), receiptNumber: before.receiptNumber });
        }
        // Reference stored with the row before anything is sent.
        refund = ledger.createRefund({
          saleId,
          amountMinor,
          currency: before.currency,
          method: 'momo',
          via: via ?? (options.settings().momoRefundVia === 'transfer' ? 'transfer' : 'refund'),
          referenceId: randomUUID(),
          reason: reason.trim(),
          by: 'manager',
        });
        engine.start(refund.id);
      } else {
        // Cash comes out of the drawer: a shift must be open to count it, and the drawer must hold it.
        assertDrawerHolds(mustShift('refund in cash from the drawer'), amountMinor);
        refund = ledger.createRefund({ saleId, amountMinor, currency: before.currency, method: 'cash', reason: reason.trim(), by: 'manager' });
      }
      changed();
      return refundView(refund);
    },

    async getRefund({ refundId, recheck }) {
      const refund = ledger.getRefund(refundId);
      if (!refund) throw new PosError('NOT_FOUND', 'error.till.noSuchRefund', {}, 'refundId');
      if (recheck && refund.method === 'momo' && !isFinal(refund.status)) return refundView(await engine.recheck(refundId));
      return refundView(refund);
    },

    recover: () => engine.recover(),
    idle: () => engine.idle(),
    stop: () => engine.stop(),
    hint: (referenceId) => engine.hint(referenceId),
  };
}

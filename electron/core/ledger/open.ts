/**
 * openLedger: the one way in. Opens (or creates) <dataDir>/ledger.sqlite —
 * training.sqlite in training mode, never mixed — sets the pragmas money
 * needs, migrates with a backup first, and hands out the repositories.
 */
import { randomInt } from 'node:crypto';
import { privateDir, privateFile } from './file-modes';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PosError, ValidationError } from '../../../shared/errors';
import type { Currency } from '../../../shared/money';
import type { PaymentStatus } from '../../../shared/payment-states';
import { ledgerFileName } from '../data-dir';
import { backupBeforeMigration, backupDir, backupTo, ensureDailyBackup } from './backup';
import { damagedLedgerError, inspectHeader, isCorruption, isDiskFull, quickCheck } from './health';
import { createContext } from './context';
import { CHAIN_GENESIS_KEY, clockFarAhead, deviceGenesisHash, journalEntries, type JournalEntry } from './journal';
import { createRefundsRepository, type RefundInput } from './refunds';
import { createSalesRepository, type CashSaleInput, type MomoSaleInput, type SaleQuery } from './sales';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion, tooNewError } from './schema';
import { createSettingsRepository, DEVICE_ID_KEY, LEDGER_KIND_KEY } from './settings';
import { createShiftsRepository } from './shifts';
import { readActivity, type Activity, type ActivityQuery } from './activity';
import { createAuditRepository, type PinEventKind, type PinThrottle } from './audit';
import { createReceiptPrintsRepository } from './receipt-prints';
import { createMomoBalanceRepository, type BalanceMoment, type BalanceReading } from './momo-balance';
import { createTextReceiptsRepository, type TextReceipt } from './text-receipts';
import { createFiscalReceiptsRepository, type FiscalReceiptsRepository } from './fiscal-receipts';
import { readSalesForExport, type SaleWithMoney } from './export';
import { createHeadOfficeRepository, type HeadOfficeAck, type HeadOfficeAlarm } from './headoffice';
import { createZReportsRepository, type CloseWithZInput, type ZReportRecord } from './zreports';
import type { CashMovement, CashMovementKind, Payment, PaymentEvent, PaymentTransitionDetail, Refund, RefundEvent, Sale, Shift, VerifyResult } from './types';
import * as v from './validation';
import { statement } from './statements';
import { verifyLedger } from './verify';

export interface OpenLedgerOptions {
  dataDir: string;
  training: boolean;
  /** Stable per install; generated and kept in settings on first open when not given. */
  deviceId?: string;
  now?: () => Date;
  /** Take today's backup now (in the background) and check again every hour while open. The app passes true. */
  backupOnOpen?: boolean;
  log?: (line: string) => void;
  /** Calls slower than this are logged (default 40 ms). */
  slowCallMs?: number;
  /** How long a writer waits for another connection's lock (default 5 s). */
  busyTimeoutMs?: number;
}

export interface Ledger {
  readonly path: string;
  readonly training: boolean;
  readonly deviceId: string;
  readonly db: Database.Database;
  readonly schemaVersion: number;
  close(): void;

  // Sales and payments
  /** replayed: the requestId was seen before; the sale it made, nothing new written. */
  createMomoSale(input: MomoSaleInput): { sale: Sale; payment: Payment; replayed?: true };
  createCashSale(input: CashSaleInput): { sale: Sale };
  getSale(id: string): Sale | undefined;
  getSaleByReceiptNumber(receiptNumber: string): Sale | undefined;
  listSales(query?: SaleQuery): Sale[];
  getPayment(id: string): Payment | undefined;
  getPaymentByReference(referenceId: string): Payment | undefined;
  paymentsForSale(saleId: string): Payment[];
  unfinishedPayments(): Payment[];
  /** Pay later: invoices with no final answer yet, soonest expiry first. */
  openInvoices(): Payment[];
  transitionPayment(paymentId: string, to: PaymentStatus, detail?: PaymentTransitionDetail): Payment;
  touchPaymentCheck(paymentId: string): Payment;
  addPaymentAttempt(saleId: string, referenceId: string, externalId?: string, options?: { msisdn?: string; validUntil?: string }): Payment;
  payCashForSale(saleId: string, input?: { cashier?: string; tenderedMinor?: number }): Sale;
  setSaleWaitingCancelled(saleId: string): Sale;
  paymentEvents(paymentId: string): PaymentEvent[];
  recordExchange(paymentId: string, exchange: unknown): void;
  exchanges(paymentId: string): unknown[];

  // Shifts and the cash drawer
  openShift(input: { openingFloatMinor: number; currency: Currency; openedBy: string; note?: string }): Shift;
  currentShift(): Shift | undefined;
  getShift(id: string): Shift | undefined;
  closeShift(input: { shiftId: string; countedCashMinor: number; closedBy: string; note?: string }): Shift;
  addCashMovement(input: { shiftId: string; kind: CashMovementKind; amountMinor: number; currency: Currency; reason: string; by: string }): CashMovement;
  cashMovements(shiftId: string): CashMovement[];

  // Refunds
  createRefund(input: RefundInput): Refund;
  getRefund(id: string): Refund | undefined;
  refundsForSale(saleId: string): Refund[];
  transitionRefund(refundId: string, to: PaymentStatus, detail?: PaymentTransitionDetail): Refund;
  /** MoMo refunds with no final answer yet (start-up recovery). */
  unfinishedRefunds(): Refund[];
  refundEvents(refundId: string): RefundEvent[];

  // The till's reports
  /** Journal entries (by seq or by time) and the rows they name: what X, Z and day reports add up. */
  activity(query: ActivityQuery): Activity;
  /** What an X report covers: everything after the last Z. */
  activitySinceLastZ(): Activity;
  /** Closes the shift and freezes its numbered Z report in one transaction. */
  closeShiftWithZReport(input: CloseWithZInput): { shift: Shift; zReport: ZReportRecord };
  getZReport(number: number): ZReportRecord | undefined;
  lastZReport(): ZReportRecord | undefined;
  listZReports(query?: { limit?: number }): Omit<ZReportRecord, 'report'>[];
  /** Sales of business days fromDay..toDay with their payments and refunds (the CSV export). */
  salesForExport(query: { fromDay: string; toDay: string }): SaleWithMoney[];
  /** Whether the sale's receipt was printed before (a new print is then a COPY). */
  receiptPrinted(saleId: string): boolean;
  /** Records a print of the sale's receipt; the first is the original. */
  recordReceiptPrint(saleId: string): { firstPrint: boolean };
  /** A wrong PIN, or a PIN set: journaled without the PIN. */
  recordPinEvent(kind: PinEventKind, fact: { action: string; who: 'manager' | 'cashier'; name?: string }): void;
  /** The PIN lock (wrong PINs in a row, lock step, locked until): survives a restart. */
  pinThrottle(): PinThrottle;
  setPinThrottle(next: PinThrottle): void;
  /** The MoMo Collection balance read (or not) at a shift's opening or closing: journaled. */
  recordMomoBalance(input: { shiftId: string; moment: BalanceMoment; availableMinor?: number; currency?: Currency; problem?: string }): BalanceReading;
  /** A shift's last reading of each moment. */
  momoBalances(shiftId: string): Partial<Record<BalanceMoment, BalanceReading>>;

  // Text receipts (delivery notifications), at most one per paid prompt
  /** Writes the payment's one text as 'sending' before it goes: true when this call claimed it. */
  claimTextReceipt(input: { paymentId: string; message: string }): boolean;
  finishTextReceipt(input: { paymentId: string; status: 'sent' | 'failed' | 'unknown'; error?: string }): void;
  getTextReceipt(paymentId: string): TextReceipt | undefined;
  /** Start-up: 'sending' texts become 'unknown' (never resent); the paid prompts since then with no text yet. */
  recoverTextReceipts(since: string): string[];

  // Fiscal receipts (claim before sending, finish once, pending resent at start-up)
  claimFiscalReceipt: FiscalReceiptsRepository['claimFiscalReceipt'];
  renumberFiscalReceipt: FiscalReceiptsRepository['renumberFiscalReceipt'];
  finishFiscalReceipt: FiscalReceiptsRepository['finishFiscalReceipt'];
  getFiscalReceipt: FiscalReceiptsRepository['getFiscalReceipt'];
  pendingFiscalReceipts: FiscalReceiptsRepository['pendingFiscalReceipts'];
  fiscalCounts: FiscalReceiptsRepository['fiscalCounts'];

  // Settings (non-secret only)
  getSetting<T = unknown>(key: string): T | undefined;
  setSetting(key: string, value: unknown): void;
  allSettings(): Record<string, unknown>;
  /** Changes whenever a setting may have changed: lets readers cache the settings safely. */
  settingsRevision(): string;

  // Journal and copies
  verify(): VerifyResult;
  journal(query?: { afterSeq?: number; limit?: number }): JournalEntry[];
  /** The last entry's seq and hash: print it on a Z report or send it away to anchor the chain. */
  journalHead(): { seq: number; hash: string } | undefined;
  backupTo(file: string): Promise<void>;

  // Head office (electron/core/headoffice pushes the journal there)
  /** Head office's latest acknowledgement: the chain's outside anchor. */
  headOfficeAck(): HeadOfficeAck | undefined;
  /** Keeps an acknowledgement that moves the anchor on; false (nothing kept) when this ledger does not hold that entry. */
  recordHeadOfficeAck(ack: { seq: number; hash: string; receivedAt: string }): boolean;
  recordHeadOfficeAlarm(alarm: { kind: HeadOfficeAlarm['kind']; seq: number; detail: string }): void;
  /** A fork, for good; otherwise the latest refusal unless a push succeeded since. */
  headOfficeAlarm(): HeadOfficeAlarm | undefined;
  /** Today's backup into <dataDir>/backups/ unless made already; keeps the last 14. */
  ensureDailyBackup(): Promise<string | undefined>;
  /** The clock far ahead of the last entry (and of head office's last acknowledgement): warn before the first sale. */
  clockFarAhead(): { at: string; lastAt: string; days: number } | undefined;
}

const DEVICE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
function newDeviceId(): string {
  let id = '';
  for (let i = 0; i < 6; i++) id += DEVICE_ALPHABET[randomInt(DEVICE_ALPHABET.length)];
  return id;
}

export function ledgerPath(dataDir: string, training: boolean): string {
  return path.join(dataDir, ledgerFileName(training));
}

export function openLedger(options: OpenLedgerOptions): Ledger {
  const o = v.object(options, 'options');
  const dataDir = v.requiredText(o.dataDir, 'dataDir', 4096);
  if (typeof o.training !== 'boolean') throw new ValidationError('training', 'error.ledger.sayWhetherTrainingLedger');
  const training = o.training;
  const deviceGiven = o.deviceId === undefined ? undefined : v.deviceId(o.deviceId);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.error(line));
  const slowCallMs = options.slowCallMs ?? 40;

  privateDir(dataDir);
  const file = ledgerPath(dataDir, training);
  const damaged = (detail: string) => damagedLedgerError(file, detail, backupDir(dataDir), dataDir, training);
  {
    // Before SQLite touches it: a newer app's file, or a damaged one, must stay byte for byte as it is. (Missing: a new ledger.)
    const header = inspectHeader(file);
    if (header.cause === 'not-sqlite') throw new PosError('CONFLICT', 'error.ledger.notMomoPosLedger', { file });
    if (header.cause === 'newer') throw tooNewError(header.schemaVersion, file);
    if (header.cause === 'truncated' || header.cause === 'damaged') throw damaged(header.detail);
    if (header.cause === 'implausible-schema') throw damaged(`its header names schema ${header.schemaVersion}, which no version of MoMo POS wrote`);
    if (header.cause === 'permission') throw new PosError('CONFLICT', 'error.ledger.cannotOpenedGiveUser', { file, detail: header.detail });
  }

  let db: Database.Database;
  try {
    db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    if (isCorruption(error)) throw damaged((error as Error).message);
    throw error;
  }
  // Private before anything is written: SQLite creates the WAL and shared-memory files with the database's mode.
  for (const part of [file, `${file}-wal`, `${file}-shm`]) privateFile(part);
  let deviceId: string;
  let dailyTimer: NodeJS.Timeout | undefined;
  try {
    // Never use, extend or copy a damaged file: every page and b-tree read once (quick_check; timed in the bench).
    const problem = quickCheck(db);
    if (problem !== undefined) throw damaged(problem);
    const version = schemaVersion(db);
    if (version > LATEST_SCHEMA_VERSION) throw tooNewError(version, file);
    if (version === 0) {
      const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).get() as { n: number };
      if (tables.n > 0) throw new PosError('CONFLICT', 'error.ledger.holdsTablesButNot', { file });
    }
    db.pragma('journal_mode = WAL');
    // FULL: a sale whose write returned survives a power cut, not only a crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, { beforeMigrating: (from, to) => log(`ledger migrated from v${from} to v${to}; copy kept at ${backupBeforeMigration(db, dataDir, training, from, to, now())}`) });

    const ctx0 = createContext(db, 'unset', training, now);
    const settings0 = createSettingsRepository(ctx0);
    deviceId = ctx0.write(() => {
      const kind = settings0.readInternal(LEDGER_KIND_KEY);
      const expected = training ? 'training' : 'live';
      if (kind === undefined) settings0.writeInternal(LEDGER_KIND_KEY, expected);
      else if (kind !== expected) throw new PosError('CONFLICT', 'error.ledger.ledgerNotOneTraining', { file, kind: String(kind), expected });
      const stored = settings0.readInternal(DEVICE_ID_KEY);
      if (typeof stored === 'string') return deviceGiven ?? stored;
      const chosen = deviceGiven ?? newDeviceId();
      settings0.writeInternal(DEVICE_ID_KEY, chosen);
      // A new ledger's chain starts from its device id, so the first entry's hash names the device.
      if (!db.prepare('SELECT 1 FROM journal LIMIT 1').get()) settings0.writeInternal(CHAIN_GENESIS_KEY, deviceGenesisHash(chosen));
      return chosen;
    });
  } catch (error) {
    db.close();
    if (isCorruption(error)) throw damaged((error as Error).message);
    if (isDiskFull(error)) throw new PosError('DISK_FULL', 'error.ledger.diskFullLedgerCould', { file });
    throw error;
  }

  const ctx = createContext(db, deviceId, training, now);
  const settings = createSettingsRepository(ctx);
  const timed = <T extends object>(repository: T): T => {
    const out: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(repository)) {
      if (typeof fn !== 'function') continue;
      out[name] = (...args: unknown[]) => {
        const started = performance.now();
        try {
          return (fn as (...a: unknown[]) => unknown)(...args);
        } finally {
          const ms = performance.now() - started;
          if (ms > slowCallMs) log(`slow ledger call: ${name} took ${ms.toFixed(0)} ms`);
        }
      };
    }
    return out as T;
  };

  const sales = timed(createSalesRepository(ctx, settings));
  const shifts = timed(createShiftsRepository(ctx));
  const refunds = timed(createRefundsRepository(ctx));
  const zReports = timed(createZReportsRepository(ctx, shifts, settings));
  const audit = timed(createAuditRepository(ctx));
  const headOffice = timed(createHeadOfficeRepository(ctx));
  const receiptPrints = timed(createReceiptPrintsRepository(ctx));
  const momoBalance = timed(createMomoBalanceRepository(ctx));
  const textReceipts = timed(createTextReceiptsRepository(ctx));
  const fiscalReceipts = timed(createFiscalReceiptsRepository(ctx));
  const dailyTarget = { db, training, dataDir, now, log };

  const ledger: Ledger = {
    path: file,
    training,
    deviceId,
    db,
    schemaVersion: LATEST_SCHEMA_VERSION,
    close() {
      if (dailyTimer) clearInterval(dailyTimer);
      if (db.open) db.close();
    },
    ...sales,
    ...shifts,
    ...refunds,
    ...zReports,
    ...audit,
    ...headOffice,
    ...receiptPrints,
    ...momoBalance,
    ...textReceipts,
    ...fiscalReceipts,
    activity: (query) => timed({ activity: () => readActivity(db, query) }).activity(),
    salesForExport: (query) => timed({ salesForExport: () => readSalesForExport(db, query) }).salesForExport(),
    getSetting: <T>(key: string) => settings.getSetting<T>(key),
    setSetting: (key, value) => settings.setSetting(key, value),
    allSettings: () => settings.allSettings(),
    settingsRevision: () => settings.settingsRevision(),
    verify: () => timed({ verify: () => verifyLedger(db) }).verify(),
    journal: (query) => journalEntries(db, query),
    journalHead: () => statement(db, 'SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined,
    backupTo: (target) => backupTo(db, target),
    ensureDailyBackup: () => ensureDailyBackup(dailyTarget),
    clockFarAhead: () => clockFarAhead(db, now()),
  };

  if (options.backupOnOpen) {
    const daily = () => {
      if (!db.open) return;
      ensureDailyBackup(dailyTarget).catch((error: unknown) => {
        if (db.open) log(`daily ledger backup failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    };
    daily();
    dailyTimer = setInterval(daily, 60 * 60_000);
    dailyTimer.unref();
  }
  return ledger;
}

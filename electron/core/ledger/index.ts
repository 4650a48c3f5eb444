/**
 * The offline sales ledger: the local SQLite record of every sale, payment,
 * shift and cash movement. Other folders import only from here.
 */
export { openLedger, ledgerPath, type Ledger, type OpenLedgerOptions } from './open';
export { verifyLedger, type VerifyOptions } from './verify';
export { sayIn, VERIFY_TEXTS, type VerifyKey, type VerifyText } from './verify-text';
export { restoreLedger, BackupDoesNotVerify, ensureDailyBackup, backupDir, dailyBackupName, DAILY_BACKUPS_KEPT, readHeaderVersion as schemaVersionOfFile, type RestoreOptions } from './backup';
export { LATEST_SCHEMA_VERSION, MIGRATIONS } from './schema';
export { isCorruption, isDiskFull, inspectHeader, newestGoodBackup, restoreCommand, LedgerDamagedError, PLAUSIBLE_SCHEMA_AHEAD, type FileCause, type GoodBackup } from './health';
export { CLOCK_SKEW_MS } from './journal';
export { openLedgerFileReadOnly, type ReadOnlyLedgerFile, type ReadOnlyRefusal, type ReadOnlyOptions } from './read-only';
export { businessDayBounds, businessDayOf, formatReceiptNumber } from './business-day';
export { canonicalJson } from './canonical-json';
export type { HeadOfficeAck, HeadOfficeAlarm } from './headoffice';
export { entryHash, GENESIS_HASH, JOURNAL_KINDS, deviceGenesisHash, type JournalEntry, type JournalKind } from './journal';
export type { MomoSaleInput, CashSaleInput, SaleQuery } from './sales';
export type { RefundInput } from './refunds';
export { readActivity, type Activity, type ActivityFact, type ActivityQuery } from './activity';
export type { FiscalActivity } from './fiscal-activity';
export { readSalesForExport } from './export';
export type { CloseWithZInput, ZReportBuildInput, ZReportRecord, JsonObject, JsonValue } from './zreports';
export type { SaleWithMoney } from './export';
export type { PinEventKind, PinThrottle } from './audit';
export type { BalanceMoment, BalanceReading } from './momo-balance';
export type { TextReceipt, TextReceiptStatus } from './text-receipts';
export type { FiscalReceiptRecord, FiscalReceiptStatus, FiscalReceiptLabel, FiscalFinish } from './fiscal-receipts';
export {
  SALE_STATUSES,
  type Sale,
  type SaleStatus,
  type SaleMethod,
  type Payment,
  type PaymentEvent,
  type PaymentKind,
  type PaymentTransitionDetail,
  type Shift,
  type CashMovement,
  type CashMovementKind,
  type Refund,
  type RefundMethod,
  type RefundVia,
  type RefundEvent,
  type BrokenEntry,
  type VerifyResult,
} from './types';
export { supportReader, ENDED_BADLY, type SupportReader } from './support';

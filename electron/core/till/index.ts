/**
 * The till: shifts and the cash drawer, refunds, the X/Z/day reports, the
 * CSV export. Other folders import only from here.
 */
export { createTill, businessDayBounds, parseAmountOrZero, shiftView, zReportOf, MANAGER_PIN_KEY, CASHIERS_KEY, type Till, type TillOptions } from './till';
export { createTillHandlers, type TillHandlerOptions } from './handlers';
export { buildTillReport, type Activity, type ActivityFact, type ReportOptions } from './report';
export { renderReportHtml, type ReportWidth, type ReportHtmlInput } from './report-html';
export { reportTable } from './report-text';
export { salesCsv, salesCsvRows, saleMoney, CSV_COLUMNS, CSV_HEADERS, UTF8_BOM, type CsvColumn, type SaleForExport } from './csv';
export { defaultFeeRule, feeFor, feeRuleOf, formatRate, parseRate, assertFeeRule, isFeeRule, NO_FEES, RWANDA_FEES, type FeeRule } from './fees';
export { hashPin, verifyPin, isPinHash, DEFAULT_KDF_COST, type PinHash, type KdfCost } from './pin';
export { createPinGuard, type PinGuard, type PinAction } from './pin-guard';
export { createRefundEngine, type RefundEngine, type RefundEngineOptions } from './refund-engine';
export { REPORT_LABELS, type ReportLabels } from './labels';
export { createManagerAuthority, GRANT_IDLE_MS, type ManagerAuthority } from './authority';
export { isWeakPin, assertChosenPin } from './pin';

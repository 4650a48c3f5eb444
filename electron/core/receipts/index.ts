/**
 * Receipts: the Receipt model (buildReceipt) and its renderings — one HTML
 * template (preview, A4, PDF, print dialog) and ESC/POS bytes for thermal
 * printers — plus the two ways to reach a thermal printer from Node.
 * Plain Node: no electron, no DOM.
 */
export { RECEIPT_LABELS, DEFAULT_LOCALE, type ReceiptLabels } from './labels';
export {
  buildReceipt,
  type Receipt,
  type ReceiptInput,
  type ReceiptMerchant,
  type ReceiptMethod,
  type ReceiptStatus,
  type ReceiptDetail,
} from './model';
export { columnsFor, layoutReceipt, type PrintLine, type ReceiptColumns, type ReceiptWidth } from './layout';
export { renderReceiptHtml, pageSizeFor, escapeHtml, type HtmlOptions } from './html';
export { encodeEscPos, opensDrawer, type EscPosOptions } from './escpos';
export { toPrintable, type ReceiptCodepage } from './printable-text';
export {
  printToNetworkPrinter,
  printRawToSpooler,
  PrinterError,
  type PrinterErrorCode,
  type NetworkPrintJob,
  type SpoolerPrintJob,
} from './transports';
export { fiscalLines, fiscalQrValue, groupsOf4, sdcDate, FISCAL_TEXT, type FiscalBlock, type FiscalReceiptLabel } from './fiscal-block';
export { createReceiptHandlers, receiptOf } from './handlers';

export {
  createPaymentEngine,
  statusFromMomo,
  DEFAULT_INVOICE_HOURS,
  MAX_INVOICE_HOURS,
  type PaymentEngine,
  type PaymentEngineOptions,
  type PaymentCallbacks,
  type ChargeInput,
  type PayLaterInput,
} from './engine';
export { DEFAULT_SCHEDULE, INVOICE_SCHEDULE, INVOICE_SCHEDULE_WITH_CALLBACKS, INVOICE_GRACE_MS, nextPollDelay, type PollSchedule } from '../movements';
export { paymentTranscript, renderTranscript, TRANSCRIPT_MAX_CHARS, type TranscriptInput } from './transcript';
export { createTextReceipts, textReceiptMessage, TEXT_RECEIPT_RECOVERY_MS, type TextReceipts, type TextReceiptsOptions } from './text-receipts';
export { createPaymentHandlers, type PaymentHandlerOptions } from './handlers';
export { paymentView, saleView } from './views';

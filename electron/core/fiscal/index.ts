/** The fiscal capability's public face: one adapter, country clients behind it. */
export * from './types';
export { inclusiveTax, lineAmounts, receiptTotals, type FiscalLineInput, type ReceiptTotals } from './vat';
export {
  RWANDA_RATES,
  VSDC_PATHS,
  buildRwandaItemRequest,
  buildRwandaSaleRequest,
  checkRwandaIdentity,
  createRwandaVsdcClient,
  fieldOf910,
  isInvoiceNumberTaken,
  vsdcDateTime,
} from './rwanda-vsdc';
export { KENYA_RATES, buildKenyaSaleRequest, createKenyaOscuClient } from './kenya-oscu';
export { signFiscalEvent, resendPendingFiscal, serialiseEvent, eventOf, type FiscalStore, type UnnumberedFiscalEvent, type SigningStep } from './signer';
export { checkUnsignedLimits, DEFAULT_UNSIGNED_LIMITS, type UnsignedLimits, type UnsignedVerdict } from './limits';

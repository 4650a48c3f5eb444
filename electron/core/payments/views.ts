/** Ledger rows -> what the renderer sees (no raw MSISDN, sentences from shared/messages). */
import type { PaymentView, SaleView } from '../../../shared/contract';
import type { Currency } from '../../../shared/money';
import { maskMsisdn } from '../../../shared/phone';
import { describePayment } from '../../../shared/messages';
import type { Language } from '../../../shared/i18n/languages';
import type { Payment, Sale } from '../ledger';

export function paymentView(payment: Payment, sale: Sale, language: Language = 'en'): PaymentView {
  // The cashier stopped waiting for this sale; the payment is still checked in the background.
  const waitingCancelled = sale.waitingCancelledAt !== undefined;
  const described = describePayment({ status: payment.status, waitingCancelled, kind: payment.kind, ...(payment.reasonCode ? { reasonCode: payment.reasonCode } : {}) }, language);
  const view: PaymentView = {
    id: payment.id,
    saleId: payment.saleId,
    referenceId: payment.referenceId,
    attempt: payment.attempt,
    status: payment.status,
    amountMinor: payment.amountMinor,
    currency: payment.currency as Currency,
    maskedPayer: maskMsisdn(payment.msisdn),
    message: described.sentence,
    nextStep: described.nextStep,
    createdAt: payment.createdAt,
    updatedAt: payment.updatedAt,
    checks: payment.checks,
    waitingCancelled,
    kind: payment.kind,
  };
  if (payment.validUntil) view.validUntil = payment.validUntil;
  if (payment.reasonCode) view.reasonCode = payment.reasonCode;
  if (payment.financialTransactionId) view.financialTransactionId = payment.financialTransactionId;
  return view;
}

export function saleView(sale: Sale, payments: Payment[], language: Language = 'en'): SaleView {
  const view: SaleView = {
    id: sale.id,
    receiptNumber: sale.receiptNumber,
    createdAt: sale.createdAt,
    amountMinor: sale.amountMinor,
    currency: sale.currency as Currency,
    method: sale.method,
    status: sale.status,
    payments: payments.map((payment) => paymentView(payment, sale, language)),
  };
  if (sale.msisdn) view.maskedPayer = maskMsisdn(sale.msisdn);
  if (sale.payerName) view.payerName = sale.payerName;
  if (sale.note) view.note = sale.note;
  if (sale.cashier) view.cashier = sale.cashier;
  return view;
}

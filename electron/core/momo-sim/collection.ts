/**
 * Collection's routes: request to pay (status, delivery notification), the
 * v2 payment, and invoices (pay later: create, status, cancel).
 */
import { invoicePlan, requestToPayPlan } from './outcomes';
import { header, parseJson } from './server';
import type { ProductContext } from './transactions';
import type { Handler } from './types';
import { badRequest, checkParty, momoError, NOT_FOUND, UUID } from './validation';

const NOTES = ['payerMessage', 'payeeNote'] as const;

export type CollectionOperation =
  | 'requestToPay'
  | 'getRequestToPayStatus'
  | 'requestToPayDeliveryNotification'
  | 'createPayment'
  | 'getPaymentStatus'
  | 'createInvoice'
  | 'getInvoiceStatus'
  | 'cancelInvoice';

export function collectionRoutes({ options, timing, book, textRefusal, checkMoney }: ProductContext): Record<CollectionOperation, Handler> {
  const invoicePaidAfterMs = options.invoicePaidAfterMs ?? 30_000;
  const { transactions, key } = book;
  return {
    requestToPay(_match, headers, bodyText, apiUser) {
      const checked = book.checkCreate('requestToPay', headers, bodyText, apiUser);
      if ('status' in checked) return checked;
      const { referenceId, body } = checked;
      const refusal = checkMoney(body.amount, body.currency);
      if (refusal) return refusal;
      const partyId = checkParty(body.payer, 'payer');
      if (typeof partyId !== 'string') return partyId;
      if (typeof body.externalId !== 'string') return badRequest('externalId is required.');
      const textRefused = textRefusal(body, NOTES);
      if (textRefused) return textRefused;
      book.record('requestToPay', referenceId, body, requestToPayPlan(partyId, timing, options.outcomes));
      return { status: 202 };
    },
    getRequestToPayStatus(match) {
      const transaction = transactions.get(key('requestToPay', decodeURIComponent(match[2] ?? '')));
      return transaction ? book.statusAnswer(transaction) : NOT_FOUND;
    },
    requestToPayDeliveryNotification(match, headers, bodyText) {
      const transaction = transactions.get(key('requestToPay', decodeURIComponent(match[2] ?? '')));
      if (!transaction) return NOT_FOUND;
      const body = bodyText.trim() ? parseJson(bodyText) : {};
      const message = header(headers, 'notificationmessage') ?? (typeof body?.notificationMessage === 'string' ? body.notificationMessage : undefined);
      if (!message) return badRequest('notificationMessage is required.');
      if (message.length > 160) return badRequest('notificationMessage is at most 160 characters.');
      const textRefused = textRefusal({ notificationMessage: message }, ['notificationMessage']);
      if (textRefused) return textRefused;
      if (book.currentStatus(transaction).status !== 'SUCCESSFUL') return momoError(400, 'TRANSACTION_NOT_COMPLETED', 'A delivery notification is only for a successful request to pay.');
      book.notifications.set(transaction.referenceId, [...(book.notifications.get(transaction.referenceId) ?? []), message]);
      return { status: 200 };
    },
    createPayment(_match, headers, bodyText, apiUser) {
      const checked = book.checkCreate('payment', headers, bodyText, apiUser);
      if ('status' in checked) return checked;
      const { referenceId, body } = checked;
      const money = (body.money ?? {}) as { amount?: unknown; currency?: unknown };
      const refusal = checkMoney(money.amount, money.currency);
      if (refusal) return refusal;
      if (typeof body.externalTransactionId !== 'string') return badRequest('externalTransactionId is required.');
      if (typeof body.customerReference !== 'string' || !body.customerReference.trim()) return badRequest('customerReference is required.');
      if (typeof body.serviceProviderUserName !== 'string') return badRequest('serviceProviderUserName is required.');
      const textRefused = textRefusal(body, [], ['receiverMessage', 'senderNote']);
      if (textRefused) return textRefused;
      book.record('payment', referenceId, body, requestToPayPlan(body.customerReference.replace(/^\+/, ''), timing, options.outcomes));
      return { status: 202 };
    },
    getPaymentStatus(match) {
      const transaction = transactions.get(key('payment', decodeURIComponent(match[2] ?? '')));
      return transaction ? book.statusAnswer(transaction) : NOT_FOUND;
    },
    createInvoice(_match, headers, bodyText, apiUser) {
      const checked = book.checkCreate('invoice', headers, bodyText, apiUser);
      if ('status' in checked) return checked;
      const { referenceId, body } = checked;
      const refusal = checkMoney(body.amount, body.currency);
      if (refusal) return refusal;
      const payer = checkParty(body.intendedPayer, 'intendedPayer');
      if (typeof payer !== 'string') return payer;
      const payee = checkParty(body.payee, 'payee');
      if (typeof payee !== 'string') return payee;
      if (typeof body.externalId !== 'string' || !body.externalId.trim()) return badRequest('externalId is required.');
      const validitySeconds = Number(body.validityDuration);
      if (typeof body.validityDuration !== 'string' || !Number.isSafeInteger(validitySeconds) || validitySeconds <= 0) return badRequest('validityDuration is a whole number of seconds, as a string.');
      if (typeof body.description !== 'string' || !body.description.trim()) return momoError(500, 'INTERNAL_PROCESSING_ERROR', 'An internal error occurred while processing.');
      book.record('invoice', referenceId, body, invoicePlan(payer, validitySeconds * 1000, invoicePaidAfterMs, options.outcomes));
      return { status: 202 };
    },
    getInvoiceStatus(match) {
      const transaction = transactions.get(key('invoice', decodeURIComponent(match[2] ?? '')));
      return transaction ? book.statusAnswer(transaction) : NOT_FOUND;
    },
    cancelInvoice(match, headers) {
      const transaction = transactions.get(key('invoice', decodeURIComponent(match[2] ?? '')));
      if (!transaction) return NOT_FOUND;
      const cancellation = header(headers, 'x-reference-id');
      if (!cancellation || !UUID.test(cancellation)) return badRequest('X-Reference-Id must be a UUID.');
      const { status } = book.currentStatus(transaction);
      if (status === 'SUCCESSFUL') return momoError(409, 'NOT_ALLOWED', 'The invoice is paid: it cannot be cancelled.');
      if (status === 'PENDING') book.decisions.set(transaction.referenceId, { status: 'FAILED', reason: 'TRANSACTION_CANCELED' });
      return { status: 200 };
    },
  };
}

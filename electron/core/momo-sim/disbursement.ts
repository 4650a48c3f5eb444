/**
 * Disbursement's routes: transfers, deposits (v1 and v2) and refunds (v1 and
 * v2), with their status look-ups. A refund of a request to pay the
 * simulator saw goes back to its payer, and fails if that one did not succeed.
 */
import type { IncomingMessage } from 'node:http';
import { transferPlan, type Plan } from './outcomes';
import type { ProductContext } from './transactions';
import type { Answer, Handler } from './types';
import { badRequest, checkParty, UUID } from './validation';

const NOTES = ['payerMessage', 'payeeNote'] as const;

export type DisbursementOperation = 'transfer' | 'deposit' | 'depositV2' | 'getTransferStatus' | 'getDepositStatus' | 'refund' | 'refundV2' | 'getRefundStatus';

export function disbursementRoutes({ options, timing, book, textRefusal, checkMoney }: ProductContext): Record<DisbursementOperation, Handler> {
  function payout(kind: 'transfer' | 'deposit', headers: IncomingMessage['headers'], bodyText: string, apiUser: string | undefined): Answer {
    const checked = book.checkCreate(kind, headers, bodyText, apiUser);
    if ('status' in checked) return checked;
    const { referenceId, body } = checked;
    const refusal = checkMoney(body.amount, body.currency);
    if (refusal) return refusal;
    const partyId = checkParty(body.payee, 'payee');
    if (typeof partyId !== 'string') return partyId;
    if (typeof body.externalId !== 'string') return badRequest('externalId is required.');
    const textRefused = textRefusal(body, NOTES);
    if (textRefused) return textRefused;
    book.record(kind, referenceId, body, transferPlan(partyId, timing, options.outcomes), body.payee);
    return { status: 202 };
  }

  function refund(headers: IncomingMessage['headers'], bodyText: string, apiUser: string | undefined): Answer {
    const checked = book.checkCreate('refund', headers, bodyText, apiUser);
    if ('status' in checked) return checked;
    const { referenceId, body } = checked;
    const refusal = checkMoney(body.amount, body.currency);
    if (refusal) return refusal;
    if (typeof body.referenceIdToRefund !== 'string' || !UUID.test(body.referenceIdToRefund)) return badRequest('referenceIdToRefund must be a UUID.');
    if (typeof body.externalId !== 'string') return badRequest('externalId is required.');
    const textRefused = textRefusal(body, NOTES);
    if (textRefused) return textRefused;
    // A refund of a payment this simulator saw goes back to its payer; one it never saw (training after a restart) is simply paid.
    const original = book.transactions.get(book.key('requestToPay', body.referenceIdToRefund));
    const payer = original?.body.payer as { partyId?: unknown } | undefined;
    const plan: Plan =
      original && book.currentStatus(original).status !== 'SUCCESSFUL'
        ? { status: 'FAILED', reason: 'TRANSACTION_NOT_COMPLETED', afterMs: 0 }
        : transferPlan(typeof payer?.partyId === 'string' ? payer.partyId : undefined, timing, options.outcomes);
    book.record('refund', referenceId, body, plan, original?.body.payer);
    return { status: 202 };
  }

  return {
    transfer: (_match, headers, bodyText, apiUser) => payout('transfer', headers, bodyText, apiUser),
    deposit: (_match, headers, bodyText, apiUser) => payout('deposit', headers, bodyText, apiUser),
    depositV2: (_match, headers, bodyText, apiUser) => payout('deposit', headers, bodyText, apiUser),
    getTransferStatus: (match) => book.lookUp('transfer', match),
    getDepositStatus: (match) => book.lookUp('deposit', match),
    refund: (_match, headers, bodyText, apiUser) => refund(headers, bodyText, apiUser),
    refundV2: (_match, headers, bodyText, apiUser) => refund(headers, bodyText, apiUser),
    getRefundStatus: (match) => book.lookUp('refund', match),
  };
}

/**
 * Refunds: the basic record. A MoMo refund (a Disbursement transfer) has its
 * own reference and follows the same state machine as a payment; a cash
 * refund is handed over at once and is born successful.
 */
import { randomUUID } from 'node:crypto';
import { PosError, ValidationError } from '../../../shared/errors';
import type { Currency } from '../../../shared/money';
import { canTransition, isFinal, type PaymentStatus } from '../../../shared/payment-states';
import type { LedgerContext } from './context';
import { statement } from './statements';
import { appendJournal } from './journal';
import { toRefund, type PaymentRow, type RefundRow, type SaleRow } from './rows';
import { openShiftRow } from './shifts';
import type { PaymentTransitionDetail, Refund, RefundMethod } from './types';
import * as v from './validation';

export interface RefundInput {
  saleId: string;
  amountMinor: number;
  currency: Currency;
  method: RefundMethod;
  reason: string;
  by: string;
  /** MoMo refunds: the transfer's X-Reference-Id (UUID v4), stored before it is sent. */
  referenceId?: string;
  /** MoMo refunds: who receives it; the sale's payer when not given. */
  msisdn?: string;
}

const DEAD: readonly PaymentStatus[] = ['failed', 'rejected', 'expired'];

export function createRefundsRepository(ctx: LedgerContext) {
  const { db } = ctx;
  const refundRow = (id: string) => statement(db, 'SELECT * FROM refunds WHERE id = ?').get(id) as RefundRow | undefined;

  const journalFinal = (row: RefundRow) =>
    appendJournal(db, {
      at: row.updated_at,
      kind: 'refund.final',
      subjectId: row.id,
      body: {
        refundId: row.id,
        saleId: row.sale_id,
        status: row.status,
        amountMinor: row.amount_minor,
        currency: row.currency,
        financialTransactionId: row.financial_transaction_id,
        at: row.updated_at,
      },
    });

  return {
    createRefund(input: RefundInput): Refund {
      const i = v.object(input, 'input');
      const saleId = v.id(i.saleId, 'saleId');
      const amountMinor = v.amount(i.amountMinor, 'amountMinor');
      const currency = v.currency(i.currency);
      const method = v.oneOf(i.method, ['momo', 'cash'] as const, 'method');
      const reason = v.requiredText(i.reason, 'reason', 200);
      const by = v.requiredText(i.by, 'by', 100);
      const referenceId = method === 'momo' ? v.referenceId(i.referenceId) : undefined;
      if (method === 'cash' && i.referenceId !== undefined) throw new ValidationError('referenceId', 'A cash refund has no MoMo reference.');
      const msisdnGiven = i.msisdn === undefined ? undefined : v.msisdn(i.msisdn);
      return ctx.write(() => {
        const sale = statement(db, 'SELECT * FROM sales WHERE id = ?').get(saleId) as SaleRow | undefined;
        if (!sale) throw new PosError('NOT_FOUND', `No sale with id ${saleId}.`, 'saleId');
        if (sale.status !== 'paid' && sale.status !== 'paid_twice') throw new PosError('CONFLICT', `Sale ${sale.receipt_number} is not paid: nothing to refund.`);
        if (sale.currency !== currency) throw new ValidationError('currency', `Sale ${sale.receipt_number} was in ${sale.currency}.`);
        const taken = statement(db, 'SELECT amount_minor, status FROM refunds WHERE sale_id = ?').all(saleId) as Pick<RefundRow, 'amount_minor' | 'status'>[];
        const refunded = taken.filter((r) => !DEAD.includes(r.status)).reduce((sum, r) => sum + r.amount_minor, 0);
        const paid = sale.amount_minor * (sale.status === 'paid_twice' ? 2 : 1);
        if (refunded + amountMinor > paid) {
          throw new ValidationError('amountMinor', `At most ${paid - refunded} (minor units) is left to refund on sale ${sale.receipt_number}.`);
        }
        if (referenceId && statement(db, 'SELECT 1 FROM refunds WHERE reference_id = ? UNION SELECT 1 FROM payments WHERE reference_id = ?').get(referenceId, referenceId)) {
          throw new PosError('CONFLICT', `Reference ${referenceId} is already used.`, 'referenceId');
        }
        let msisdn: string | null = null;
        if (method === 'momo') {
          const paidBy = statement(db, `SELECT msisdn FROM payments WHERE sale_id = ? AND status = 'successful'`).get(saleId) as Pick<PaymentRow, 'msisdn'> | undefined;
          msisdn = msisdnGiven ?? paidBy?.msisdn ?? sale.msisdn;
          if (msisdn === null) throw new ValidationError('msisdn', 'Whose phone gets the refund? Give a number.');
        }
        const at = ctx.now().toISOString();
        const row: RefundRow = {
          id: randomUUID(),
          sale_id: saleId,
          amount_minor: amountMinor,
          currency,
          method,
          status: method === 'cash' ? 'successful' : 'recorded',
          reference_id: referenceId ?? null,
          msisdn,
          reason,
          by_whom: by,
          shift_id: method === 'cash' ? (openShiftRow(db, ctx.deviceId)?.id ?? null) : null,
          reason_code: null,
          reason_message: null,
          financial_transaction_id: null,
          created_at: at,
          updated_at: at,
        };
        statement(db, 
          `INSERT INTO refunds (id, sale_id, amount_minor, currency, method, status, reference_id, msisdn, reason, by_whom, shift_id, created_at, updated_at)
           VALUES (@id, @sale_id, @amount_minor, @currency, @method, @status, @reference_id, @msisdn, @reason, @by_whom, @shift_id, @created_at, @updated_at)`,
        ).run(row);
        appendJournal(db, {
          at,
          kind: 'refund.created',
          subjectId: row.id,
          body: {
            refundId: row.id,
            saleId,
            receiptNumber: sale.receipt_number,
            amountMinor,
            currency,
            method,
            referenceId: row.reference_id,
            msisdn: row.msisdn,
            reason,
            by,
            shiftId: row.shift_id,
            createdAt: at,
          },
        });
        if (isFinal(row.status)) journalFinal(row);
        return toRefund(row);
      });
    },

    getRefund(id: string): Refund | undefined {
      const row = refundRow(v.id(id, 'refundId'));
      return row && toRefund(row);
    },

    refundsForSale(saleId: string): Refund[] {
      const id = v.id(saleId, 'saleId');
      return (statement(db, 'SELECT * FROM refunds WHERE sale_id = ? ORDER BY created_at, rowid').all(id) as RefundRow[]).map(toRefund);
    },

    /** A MoMo refund's status, by the same transition table as payments. */
    transitionRefund(refundId: string, to: PaymentStatus, detail: Omit<PaymentTransitionDetail, 'source' | 'note'> = {}): Refund {
      const id = v.id(refundId, 'refundId');
      const next = v.paymentStatus(to, 'to');
      const d = v.object(detail, 'detail');
      const reasonCode = v.externalText(d.reasonCode, 'reasonCode', 200);
      const reasonMessage = v.externalText(d.reasonMessage, 'reasonMessage', 2000);
      const financialTransactionId = v.optionalText(d.financialTransactionId, 'financialTransactionId', 500);
      return ctx.write(() => {
        const refund = refundRow(id);
        if (!refund) throw new PosError('NOT_FOUND', `No refund with id ${id}.`);
        if (!canTransition(refund.status, next)) throw new PosError('CONFLICT', `Refund ${id} cannot go from ${refund.status} to ${next}.`, 'to');
        const at = ctx.now().toISOString();
        statement(db, 
          `UPDATE refunds SET status = ?, reason_code = ?, reason_message = ?, financial_transaction_id = coalesce(?, financial_transaction_id), updated_at = ? WHERE id = ?`,
        ).run(next, reasonCode ?? null, reasonMessage ?? null, financialTransactionId ?? null, at, id);
        const updated = refundRow(id)!;
        if (isFinal(next)) journalFinal(updated);
        return toRefund(updated);
      });
    },
  };
}

export type RefundsRepository = ReturnType<typeof createRefundsRepository>;

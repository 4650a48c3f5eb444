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
import { toRefund, toRefundEvent, type PaymentRow, type RefundEventRow, type RefundRow, type SaleRow } from './rows';
import { openShiftRow } from './shifts';
import type { PaymentTransitionDetail, Refund, RefundEvent, RefundMethod, RefundVia } from './types';
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
  /** MoMo refunds: a refund of the payment (default) or a transfer to the payer. */
  via?: RefundVia;
}

const DEAD: readonly PaymentStatus[] = ['failed', 'rejected', 'expired'];

export function createRefundsRepository(ctx: LedgerContext) {
  const { db } = ctx;
  const refundRow = (id: string) => statement(db, 'SELECT * FROM refunds WHERE id = ?').get(id) as RefundRow | undefined;

  const insertEvent = (refundId: string, at: string, from: PaymentStatus | null, to: PaymentStatus, detail: { reasonCode?: string | undefined; reasonMessage?: string | undefined; source?: string | undefined; note?: string | undefined }) =>
    statement(
      db,
      `INSERT INTO refund_events (refund_id, at, from_status, to_status, reason_code, reason_message, source, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(refundId, at, from, to, detail.reasonCode ?? null, detail.reasonMessage ?? null, detail.source ?? null, detail.note ?? null);

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
      if (method === 'cash' && i.referenceId !== undefined) throw new ValidationError('referenceId', 'error.ledger.cashRefundHasNo');
      const msisdnGiven = i.msisdn === undefined ? undefined : v.msisdn(i.msisdn);
      if (method === 'cash' && i.via !== undefined) throw new ValidationError('via', 'error.ledger.cashRefundHandedOver');
      const via = method === 'momo' ? (i.via === undefined ? 'refund' : v.oneOf(i.via, ['refund', 'transfer'] as const, 'via')) : null;
      return ctx.write(() => {
        const sale = statement(db, 'SELECT * FROM sales WHERE id = ?').get(saleId) as SaleRow | undefined;
        if (!sale) throw new PosError('NOT_FOUND', 'error.ledger.noSaleWithId', { saleId }, 'saleId');
        if (sale.status !== 'paid' && sale.status !== 'paid_twice') throw new PosError('CONFLICT', 'error.ledger.saleNotPaidNothing', { receipt_number: sale.receipt_number });
        if (sale.currency !== currency) throw new ValidationError('currency', 'error.ledger.saleWas', { receipt_number: sale.receipt_number, currency: sale.currency });
        const taken = statement(db, 'SELECT amount_minor, status FROM refunds WHERE sale_id = ?').all(saleId) as Pick<RefundRow, 'amount_minor' | 'status'>[];
        const refunded = taken.filter((r) => !DEAD.includes(r.status)).reduce((sum, r) => sum + r.amount_minor, 0);
        const paid = sale.amount_minor * (sale.status === 'paid_twice' ? 2 : 1);
        if (refunded + amountMinor > paid) {
          throw new ValidationError('amountMinor', 'error.ledger.mostMinorUnitsLeft', { value: paid - refunded, receipt_number: sale.receipt_number });
        }
        if (referenceId && statement(db, 'SELECT 1 FROM refunds WHERE reference_id = ? UNION SELECT 1 FROM payments WHERE reference_id = ?').get(referenceId, referenceId)) {
          throw new PosError('CONFLICT', 'error.ledger.referenceAlreadyUsed', { referenceId }, 'referenceId');
        }
        let msisdn: string | null = null;
        if (method === 'momo') {
          const paidBy = statement(db, `SELECT msisdn FROM payments WHERE sale_id = ? AND status = 'successful'`).get(saleId) as Pick<PaymentRow, 'msisdn'> | undefined;
          msisdn = msisdnGiven ?? paidBy?.msisdn ?? sale.msisdn;
          if (msisdn === null) throw new ValidationError('msisdn', 'error.ledger.whosePhoneGetsRefund');
        }
        const at = ctx.now().toISOString();
        const row: RefundRow = {
          id: randomUUID(),
          sale_id: saleId,
          amount_minor: amountMinor,
          currency,
          method,
          status: method === 'cash' ? 'successful' : 'recorded',
          via,
          reference_id: referenceId ?? null,
          msisdn,
          reason,
          by_whom: by,
          // The shift open when the refund was made: for cash, the drawer it came out of.
          shift_id: openShiftRow(db, ctx.deviceId)?.id ?? null,
          reason_code: null,
          reason_message: null,
          financial_transaction_id: null,
          created_at: at,
          updated_at: at,
        };
        statement(db, 
          `INSERT INTO refunds (id, sale_id, amount_minor, currency, method, status, via, reference_id, msisdn, reason, by_whom, shift_id, created_at, updated_at)
           VALUES (@id, @sale_id, @amount_minor, @currency, @method, @status, @via, @reference_id, @msisdn, @reason, @by_whom, @shift_id, @created_at, @updated_at)`,
        ).run(row);
        insertEvent(row.id, at, null, row.status, { source: 'created' });
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
            via,
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

    /** MoMo refunds without a final answer: start-up recovery resumes each. */
    unfinishedRefunds(): Refund[] {
      return (
        statement(db, `SELECT * FROM refunds WHERE status NOT IN ('successful', 'failed', 'rejected', 'expired') ORDER BY created_at, rowid`).all() as RefundRow[]
      ).map(toRefund);
    },

    refundEvents(refundId: string): RefundEvent[] {
      const id = v.id(refundId, 'refundId');
      return (statement(db, 'SELECT * FROM refund_events WHERE refund_id = ? ORDER BY seq').all(id) as RefundEventRow[]).map(toRefundEvent);
    },

    /** A MoMo refund's status, by the same transition table as payments; each change leaves a refund_events row. */
    transitionRefund(refundId: string, to: PaymentStatus, detail: PaymentTransitionDetail = {}): Refund {
      const id = v.id(refundId, 'refundId');
      const next = v.paymentStatus(to, 'to');
      const d = v.object(detail, 'detail');
      const reasonCode = v.externalText(d.reasonCode, 'reasonCode', 200);
      const reasonMessage = v.externalText(d.reasonMessage, 'reasonMessage', 2000);
      const financialTransactionId = v.optionalText(d.financialTransactionId, 'financialTransactionId', 500);
      const source = v.optionalCode(d.source, 'source');
      const note = v.externalText(d.note, 'note', 2000);
      return ctx.write(() => {
        const refund = refundRow(id);
        if (!refund) throw new PosError('NOT_FOUND', 'error.ledger.noRefundWithId', { id });
        if (!canTransition(refund.status, next)) throw new PosError('CONFLICT', 'error.ledger.refundCannotGoFrom', { id, status: refund.status, next }, 'to');
        const at = ctx.now().toISOString();
        statement(db, 
          `UPDATE refunds SET status = ?, reason_code = ?, reason_message = ?, financial_transaction_id = coalesce(?, financial_transaction_id), updated_at = ? WHERE id = ?`,
        ).run(next, reasonCode ?? null, reasonMessage ?? null, financialTransactionId ?? null, at, id);
        insertEvent(id, at, refund.status, next, { reasonCode, reasonMessage, source, note });
        const updated = refundRow(id)!;
        if (isFinal(next)) journalFinal(updated);
        return toRefund(updated);
      });
    },
  };
}

export type RefundsRepository = ReturnType<typeof createRefundsRepository>;

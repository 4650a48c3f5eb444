// Over 500 lines on purpose: one repository over one transaction context; a sale and its payments are written together (rows, payment_events, journal) by helpers every method shares.
/**
 * Sales and their MoMo payments. Each write is one transaction: the rows, the
 * payment_events row and the journal entries land together or not at all.
 */
import { randomUUID } from 'node:crypto';
import { PosError, ValidationError } from '../../../shared/errors';
import type { Currency } from '../../../shared/money';
import { canTransition, isFinal, PAYMENT_STATUSES, type PaymentStatus } from '../../../shared/payment-states';
import { businessDayOf, formatReceiptNumber } from './business-day';
import { statement } from './statements';
import type { LedgerContext } from './context';
import { appendJournal } from './journal';
import { toPayment, toPaymentEvent, toSale, type PaymentEventRow, type PaymentRow, type SaleRow } from './rows';
import type { SettingsRepository } from './settings';
import { openShiftRow, shiftForSale } from './shifts';
import { SALE_STATUSES, type Payment, type PaymentEvent, type PaymentTransitionDetail, type Sale, type SaleStatus } from './types';
import * as v from './validation';

export interface MomoSaleInput {
  amountMinor: number;
  currency: Currency;
  msisdn: string;
  /** X-Reference-Id of the first request to pay (UUID v4), stored before it is sent. */
  referenceId: string;
  /** MoMo externalId; the receipt number when not given. */
  externalId?: string;
  note?: string;
  cashier?: string;
  payerName?: string;
  /** The open shift of this device when not given. */
  shiftId?: string;
  /** Pay later: the first payment is a MoMo invoice, payable until validUntil (ISO time). */
  invoice?: { validUntil: string };
  /** The screen's id for this press of Charge: the same id answers the same sale (at most one sale per id). */
  requestId?: string;
  /** Refuse (CONFLICT naming its receipt) when the same number has a payment of the same amount still waiting; the engine asks unless the cashier confirmed. */
  refuseWhileWaiting?: boolean;
}

export interface CashSaleInput {
  amountMinor: number;
  currency: Currency;
  note?: string;
  cashier?: string;
  shiftId?: string;
  tenderedMinor?: number;
}

export interface SaleQuery {
  /** ISO date-times: createdAt >= from and < to. */
  from?: string;
  to?: string;
  businessDay?: string;
  /** Digits of the payer's phone, or (part of) a receipt number. */
  search?: string;
  status?: SaleStatus;
  shiftId?: string;
  /** Newest first; 200 unless given. */
  limit?: number;
}

const UNFINISHED = PAYMENT_STATUSES.filter((status) => !isFinal(status));

export function createSalesRepository(ctx: LedgerContext, settings: SettingsRepository) {
  const { db } = ctx;

  const saleRow = (id: string) => statement(db, 'SELECT * FROM sales WHERE id = ?').get(id) as SaleRow | undefined;
  const paymentRow = (id: string) => statement(db, 'SELECT * FROM payments WHERE id = ?').get(id) as PaymentRow | undefined;
  const paymentRows = (saleId: string) => statement(db, 'SELECT * FROM payments WHERE sale_id = ? ORDER BY attempt').all(saleId) as PaymentRow[];
  const referenceTaken = (referenceId: string) => statement(db, 'SELECT 1 FROM payments WHERE reference_id = ?').get(referenceId) !== undefined;

  const mustSale = (id: string): SaleRow => {
    const row = saleRow(id);
    if (!row) throw new PosError('NOT_FOUND', 'error.ledger.noSaleWithId2', { id });
    return row;
  };

  /** The next receipt number of this device, bumped inside the sale's own transaction: no gaps, no repeats. */
  const nextReceiptSeq = (): number => {
    const row = statement(db, 
        'INSERT INTO receipt_counters (device_id, last_seq) VALUES (?, 1) ON CONFLICT (device_id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq',
      )
      .get(ctx.deviceId) as { last_seq: number };
    return row.last_seq;
  };

  const insertSale = (fields: {
    amountMinor: number;
    currency: Currency;
    method: 'momo' | 'cash';
    status: SaleStatus;
    msisdn?: string | undefined;
    payerName?: string | undefined;
    note?: string | undefined;
    cashier?: string | undefined;
    shiftId?: string | undefined;
    at: Date;
    requestId?: string | undefined;
  }): SaleRow => {
    const seq = nextReceiptSeq();
    const row: SaleRow = {
      id: randomUUID(),
      device_id: ctx.deviceId,
      receipt_seq: seq,
      receipt_number: formatReceiptNumber(ctx.deviceId, seq),
      created_at: fields.at.toISOString(),
      business_day: businessDayOf(fields.at, settings.dayStartsAtHour()),
      amount_minor: fields.amountMinor,
      currency: fields.currency,
      method: fields.method,
      status: fields.status,
      msisdn: fields.msisdn ?? null,
      payer_name: fields.payerName ?? null,
      note: fields.note ?? null,
      cashier: fields.cashier ?? null,
      shift_id: fields.shiftId ?? null,
      tendered_minor: null,
      paid_cash_at: null,
      paid_cash_by: null,
      paid_cash_shift_id: null,
      waiting_cancelled_at: null,
    };
    statement(db, 
      `INSERT INTO sales (id, device_id, receipt_seq, receipt_number, created_at, business_day, amount_minor, currency, method, status,
         msisdn, payer_name, note, cashier, shift_id, request_id)
       VALUES (@id, @device_id, @receipt_seq, @receipt_number, @created_at, @business_day, @amount_minor, @currency, @method, @status,
         @msisdn, @payer_name, @note, @cashier, @shift_id, @request_id)`,
    ).run({ ...row, request_id: fields.requestId ?? null });
    appendJournal(db, {
      at: row.created_at,
      kind: 'sale.created',
      subjectId: row.id,
      body: {
        saleId: row.id,
        deviceId: row.device_id,
        receiptSeq: row.receipt_seq,
        receiptNumber: row.receipt_number,
        createdAt: row.created_at,
        businessDay: row.business_day,
        amountMinor: row.amount_minor,
        currency: row.currency,
        method: row.method,
        msisdn: row.msisdn,
        shiftId: row.shift_id,
      },
    });
    return row;
  };

  const insertPayment = (sale: SaleRow, fields: { referenceId: string; externalId: string; msisdn: string; attempt: number; at: string; validUntil?: string }): PaymentRow => {
    const row: PaymentRow = {
      id: randomUUID(),
      sale_id: sale.id,
      reference_id: fields.referenceId,
      external_id: fields.externalId,
      attempt: fields.attempt,
      status: 'recorded',
      amount_minor: sale.amount_minor,
      currency: sale.currency,
      msisdn: fields.msisdn,
      reason_code: null,
      reason_message: null,
      financial_transaction_id: null,
      created_at: fields.at,
      updated_at: fields.at,
      checks: 0,
      last_checked_at: null,
      kind: fields.validUntil === undefined ? 'prompt' : 'invoice',
      valid_until: fields.validUntil ?? null,
    };
    statement(db, 
      `INSERT INTO payments (id, sale_id, reference_id, external_id, attempt, status, amount_minor, currency, msisdn, created_at, updated_at, kind, valid_until)
       VALUES (@id, @sale_id, @reference_id, @external_id, @attempt, @status, @amount_minor, @currency, @msisdn, @created_at, @updated_at, @kind, @valid_until)`,
    ).run(row);
    insertEvent(row.id, fields.at, null, 'recorded', {});
    appendJournal(db, {
      at: fields.at,
      kind: 'payment.created',
      subjectId: row.id,
      body: {
        paymentId: row.id,
        saleId: sale.id,
        receiptNumber: sale.receipt_number,
        referenceId: row.reference_id,
        externalId: row.external_id,
        attempt: row.attempt,
        amountMinor: row.amount_minor,
        currency: row.currency,
        msisdn: row.msisdn,
        createdAt: row.created_at,
        // Only invoices say so: a prompt's entry stays as every earlier version wrote it.
        ...(row.kind === 'invoice' ? { kind: row.kind, validUntil: row.valid_until } : {}),
      },
    });
    return row;
  };

  const insertEvent = (paymentId: string, at: string, from: PaymentStatus | null, to: PaymentStatus, detail: PaymentTransitionDetail) => {
    statement(db, 
      `INSERT INTO payment_events (payment_id, at, from_status, to_status, reason_code, reason_message, source, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(paymentId, at, from, to, detail.reasonCode ?? null, detail.reasonMessage ?? null, detail.source ?? null, detail.note ?? null);
  };

  /** The cashier who signed in to open the shift: a sale with no name given carries theirs. */
  const shiftCashier = (shiftId: string | undefined): string | undefined =>
    shiftId === undefined ? undefined : (statement(db, 'SELECT opened_by FROM shifts WHERE id = ?').get(shiftId) as { opened_by: string } | undefined)?.opened_by;

  const checkShiftCurrency = (shiftId: string | undefined, currency: Currency, field: string) => {
    if (shiftId === undefined) return;
    const shift = statement(db, 'SELECT currency FROM shifts WHERE id = ?').get(shiftId) as { currency: string } | undefined;
    if (shift && shift.currency !== currency) {
      throw new ValidationError(field, 'error.ledger.openShiftSDrawer', { currency: shift.currency, currency2: currency });
    }
  };

  const validateTransitionDetail = (detail: unknown): PaymentTransitionDetail => {
    if (detail === undefined || detail === null) return {};
    const d = v.object(detail, 'detail');
    const out: PaymentTransitionDetail = {};
    const reasonCode = v.externalText(d.reasonCode, 'reasonCode', 200);
    const reasonMessage = v.externalText(d.reasonMessage, 'reasonMessage', 2000);
    const financialTransactionId = v.optionalText(d.financialTransactionId, 'financialTransactionId', 500);
    const source = v.optionalCode(d.source, 'source');
    const note = v.externalText(d.note, 'note', 2000);
    if (reasonCode !== undefined) out.reasonCode = reasonCode;
    if (reasonMessage !== undefined) out.reasonMessage = reasonMessage;
    if (financialTransactionId !== undefined) out.financialTransactionId = financialTransactionId;
    if (source !== undefined) out.source = source;
    if (note !== undefined) out.note = note;
    return out;
  };

  return {
    createMomoSale(input: MomoSaleInput): { sale: Sale; payment: Payment; replayed?: true } {
      const i = v.object(input, 'input');
      const amountMinor = v.amount(i.amountMinor, 'amountMinor');
      const currency = v.currency(i.currency);
      const msisdn = v.msisdn(i.msisdn);
      const referenceId = v.referenceId(i.referenceId);
      const externalId = v.optionalText(i.externalId, 'externalId', 64);
      const note = v.optionalText(i.note, 'note', 500);
      const cashier = v.optionalText(i.cashier, 'cashier', 100);
      const payerName = v.optionalText(i.payerName, 'payerName', 200);
      const shiftId = i.shiftId === undefined ? undefined : v.id(i.shiftId, 'shiftId');
      const validUntil = i.invoice === undefined ? undefined : v.isoDate(v.object(i.invoice, 'invoice').validUntil, 'validUntil');
      const requestId = i.requestId === undefined ? undefined : v.requestId(i.requestId);
      return ctx.write(() => {
        if (requestId !== undefined) {
          // The same press of Charge again (a retry, a double click): the sale it made, never a second prompt.
          const earlier = statement(db, 'SELECT * FROM sales WHERE request_id = ?').get(requestId) as SaleRow | undefined;
          if (earlier) {
            if (earlier.msisdn !== msisdn || earlier.amount_minor !== amountMinor || earlier.currency !== currency) {
              throw new PosError('CONFLICT', 'error.ledger.chargeRequestWasAlready', {}, 'requestId');
            }
            const latest = statement(db, 'SELECT * FROM payments WHERE sale_id = ? ORDER BY attempt DESC LIMIT 1').get(earlier.id) as PaymentRow;
            return { sale: toSale(earlier), payment: toPayment(latest), replayed: true as const };
          }
        }
        if (i.refuseWhileWaiting === true) {
          const waiting = statement(
            db,
            `SELECT s.receipt_number FROM sales s WHERE s.status = 'awaiting_payment' AND s.msisdn = ? AND s.amount_minor = ? AND s.currency = ?
               AND EXISTS (SELECT 1 FROM payments p WHERE p.sale_id = s.id AND p.status NOT IN ('successful', 'failed', 'rejected', 'expired'))
             ORDER BY s.created_at DESC LIMIT 1`,
          ).get(msisdn, amountMinor, currency) as { receipt_number: string } | undefined;
          if (waiting) {
            throw new PosError('CONFLICT', 'error.ledger.paymentSameAmountNumber', { receipt_number: waiting.receipt_number }, 'confirmDuplicate');
          }
        }
        if (referenceTaken(referenceId)) throw new PosError('CONFLICT', 'error.ledger.referenceAlreadyUsedBy', { referenceId }, 'referenceId');
        const at = ctx.now();
        const openShiftFor = shiftForSale(db, ctx.deviceId, shiftId);
        const sale = insertSale({
          amountMinor,
          currency,
          method: 'momo',
          status: 'awaiting_payment',
          msisdn,
          payerName,
          note,
          cashier: cashier ?? shiftCashier(openShiftFor),
          shiftId: openShiftFor,
          at,
          requestId,
        });
        const payment = insertPayment(sale, { referenceId, externalId: externalId ?? sale.receipt_number, msisdn, attempt: 1, at: sale.created_at, ...(validUntil ? { validUntil } : {}) });
        return { sale: toSale(sale), payment: toPayment(payment) };
      });
    },

    createCashSale(input: CashSaleInput): { sale: Sale } {
      const i = v.object(input, 'input');
      const amountMinor = v.amount(i.amountMinor, 'amountMinor');
      const currency = v.currency(i.currency);
      const note = v.optionalText(i.note, 'note', 500);
      const cashier = v.optionalText(i.cashier, 'cashier', 100);
      const shiftId = i.shiftId === undefined ? undefined : v.id(i.shiftId, 'shiftId');
      const tenderedMinor = v.optionalAmount(i.tenderedMinor, 'tenderedMinor');
      if (tenderedMinor !== undefined && tenderedMinor < amountMinor) {
        throw new ValidationError('tenderedMinor', 'error.ledger.cashHandedOverLess');
      }
      return ctx.write(() => {
        const at = ctx.now();
        const shift = shiftForSale(db, ctx.deviceId, shiftId);
        checkShiftCurrency(shift, currency, 'currency');
        const signed = cashier ?? shiftCashier(shift);
        const row = insertSale({ amountMinor, currency, method: 'cash', status: 'paid', note, cashier: signed, shiftId: shift, at });
        return { sale: toSale(recordCashPayment(row, { at: row.created_at, by: signed, tenderedMinor, shiftId: shift })) };
      });
    },

    getSale(id: string): Sale | undefined {
      const row = saleRow(v.id(id, 'saleId'));
      return row && toSale(row);
    },

    getSaleByReceiptNumber(receiptNumber: string): Sale | undefined {
      const n = v.requiredText(receiptNumber, 'receiptNumber', 40).trim().toUpperCase();
      // Receipt numbers are upper-case by construction (device ids are), so the unique index serves this.
      const row = statement(db, 'SELECT * FROM sales WHERE receipt_number = ?').get(n) as SaleRow | undefined;
      return row && toSale(row);
    },

    listSales(query: SaleQuery = {}): Sale[] {
      const q = v.object(query, 'query');
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (q.from !== undefined) {
        where.push('created_at >= ?');
        params.push(v.isoDate(q.from, 'from'));
      }
      if (q.to !== undefined) {
        where.push('created_at < ?');
        params.push(v.isoDate(q.to, 'to'));
      }
      if (q.businessDay !== undefined) {
        where.push('business_day = ?');
        params.push(v.businessDay(q.businessDay, 'businessDay'));
      }
      if (q.status !== undefined) {
        where.push('status = ?');
        params.push(v.oneOf(q.status, SALE_STATUSES, 'status'));
      }
      if (q.shiftId !== undefined) {
        where.push('(shift_id = ? OR paid_cash_shift_id = ?)');
        const shiftId = v.id(q.shiftId, 'shiftId');
        params.push(shiftId, shiftId);
      }
      if (q.search !== undefined) {
        const search = v.optionalText(q.search, 'search', 40)?.trim();
        if (search) {
          const escape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
          const digits = search.replace(/\D/g, '');
          const clauses = [`receipt_number LIKE ? ESCAPE '\\'`];
          params.push(`%${escape(search.toUpperCase())}%`);
          if (digits) {
            clauses.push(`msisdn LIKE ? ESCAPE '\\'`);
            params.push(`%${digits}%`);
          }
          where.push(`(${clauses.join(' OR ')})`);
        }
      }
      const max = q.limit === undefined ? 200 : v.limit(q.limit);
      const sql = `SELECT * FROM sales ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, receipt_seq DESC LIMIT ?`;
      return (statement(db, sql).all(...params, max) as SaleRow[]).map(toSale);
    },

    getPayment(id: string): Payment | undefined {
      const row = paymentRow(v.id(id, 'paymentId'));
      return row && toPayment(row);
    },

    getPaymentByReference(referenceId: string): Payment | undefined {
      const row = statement(db, 'SELECT * FROM payments WHERE reference_id = ?').get(v.referenceId(referenceId)) as PaymentRow | undefined;
      return row && toPayment(row);
    },

    paymentsForSale(saleId: string): Payment[] {
      return paymentRows(v.id(saleId, 'saleId')).map(toPayment);
    },

    /** Every payment MoMo has not given a final answer for: start-up recovery resumes each. */
    unfinishedPayments(): Payment[] {
      const marks = UNFINISHED.map(() => '?').join(', ');
      return (statement(db, `SELECT * FROM payments WHERE status IN (${marks}) ORDER BY created_at, attempt`).all(...UNFINISHED) as PaymentRow[]).map(
        toPayment,
      );
    },

    /** Invoices not paid, expired or cancelled yet (timed_out included: MoMo never said), soonest expiry first. */
    openInvoices(): Payment[] {
      return (
        statement(db, `SELECT * FROM payments WHERE kind = 'invoice' AND status NOT IN ('successful', 'failed', 'rejected', 'expired') ORDER BY valid_until, created_at`).all() as PaymentRow[]
      ).map(toPayment);
    },

    transitionPayment(paymentId: string, to: PaymentStatus, detail?: PaymentTransitionDetail): Payment {
      const id = v.id(paymentId, 'paymentId');
      const next = v.paymentStatus(to, 'to');
      const d = validateTransitionDetail(detail);
      return ctx.write(() => {
        const payment = paymentRow(id);
        if (!payment) throw new PosError('NOT_FOUND', 'error.ledger.noPaymentWithId', { id });
        if (!canTransition(payment.status, next)) {
          throw new PosError('CONFLICT', 'error.ledger.paymentCannotGoFrom', { reference_id: payment.reference_id, status: payment.status, next }, 'to');
        }
        const at = ctx.now().toISOString();
        statement(db, 
          `UPDATE payments SET status = ?, reason_code = ?, reason_message = ?,
             financial_transaction_id = coalesce(?, financial_transaction_id), updated_at = ? WHERE id = ?`,
        ).run(next, d.reasonCode ?? null, d.reasonMessage ?? null, d.financialTransactionId ?? null, at, id);
        insertEvent(id, at, payment.status, next, d);

        const sale = saleRow(payment.sale_id)!;
        let saleStatus: SaleStatus = sale.status;
        if (next === 'successful') saleStatus = sale.paid_cash_at === null ? 'paid' : 'paid_twice';
        else if (isFinal(next) && sale.status === 'awaiting_payment') saleStatus = 'not_paid';
        if (saleStatus !== sale.status) statement(db, 'UPDATE sales SET status = ? WHERE id = ?').run(saleStatus, sale.id);

        const updated = paymentRow(id)!;
        if (isFinal(next)) {
          appendJournal(db, {
            at,
            kind: 'payment.final',
            subjectId: id,
            body: {
              paymentId: id,
              saleId: sale.id,
              receiptNumber: sale.receipt_number,
              referenceId: updated.reference_id,
              status: next,
              amountMinor: updated.amount_minor,
              currency: updated.currency,
              financialTransactionId: updated.financial_transaction_id,
              reasonCode: updated.reason_code,
              at,
            },
          });
        }
        return toPayment(updated);
      });
    },

    /** One more status call was made (polls, rechecks): counted, not journaled. */
    touchPaymentCheck(paymentId: string): Payment {
      const id = v.id(paymentId, 'paymentId');
      return ctx.write(() => {
        const result = statement(db, 'UPDATE payments SET checks = checks + 1, last_checked_at = ? WHERE id = ?').run(ctx.now().toISOString(), id);
        if (result.changes === 0) throw new PosError('NOT_FOUND', 'error.ledger.noPaymentWithId', { id });
        return toPayment(paymentRow(id)!);
      });
    },

    /**
     * A new request to pay for a sale, with a NEW reference. Only when every
     * earlier attempt is final and none succeeded (invariant 2), and the sale is not paid.
     */
    addPaymentAttempt(saleId: string, referenceId: string, externalId?: string, options: { msisdn?: string; validUntil?: string } = {}): Payment {
      const sid = v.id(saleId, 'saleId');
      const reference = v.referenceId(referenceId);
      const external = v.optionalText(externalId, 'externalId', 64);
      const msisdnGiven = v.object(options, 'options').msisdn === undefined ? undefined : v.msisdn(options.msisdn);
      // An invoice attempt (pay later again): payable until then.
      const validUntil = options.validUntil === undefined ? undefined : v.isoDate(options.validUntil, 'validUntil');
      return ctx.write(() => {
        const sale = mustSale(sid);
        if (sale.status === 'paid' || sale.status === 'paid_twice') {
          throw new PosError('CONFLICT', 'error.ledger.saleAlreadyPaid', { receipt_number: sale.receipt_number });
        }
        const earlier = paymentRows(sid);
        const live = earlier.find((p) => !isFinal(p.status));
        if (live) {
          throw new PosError('CONFLICT', 'error.ledger.attemptSaleStillWait', { attempt: live.attempt, receipt_number: sale.receipt_number, status: live.status });
        }
        if (earlier.some((p) => p.status === 'successful')) throw new PosError('CONFLICT', 'error.ledger.saleAlreadyPaidBy', { receipt_number: sale.receipt_number });
        if (referenceTaken(reference)) throw new PosError('CONFLICT', 'error.ledger.referenceAlreadyUsedBy2', { reference }, 'referenceId');
        const msisdn = msisdnGiven ?? sale.msisdn;
        if (msisdn === null) throw new ValidationError('msisdn', 'error.ledger.saleHasNoPayer');
        const at = ctx.now().toISOString();
        const attempt = Math.max(0, ...earlier.map((p) => p.attempt)) + 1;
        const payment = insertPayment(sale, { referenceId: reference, externalId: external ?? sale.receipt_number, msisdn, attempt, at, ...(validUntil ? { validUntil } : {}) });
        statement(db, `UPDATE sales SET status = 'awaiting_payment', waiting_cancelled_at = NULL WHERE id = ?`).run(sid);
        return toPayment(payment);
      });
    },

    /**
     * The customer pays cash instead. Refused once MoMo succeeded. Allowed while
     * a MoMo request may still be live: if it later succeeds the sale becomes paid_twice.
     */
    payCashForSale(saleId: string, input: { cashier?: string; tenderedMinor?: number } = {}): Sale {
      const sid = v.id(saleId, 'saleId');
      const i = v.object(input, 'input');
      const cashier = v.optionalText(i.cashier, 'cashier', 100);
      const tenderedMinor = v.optionalAmount(i.tenderedMinor, 'tenderedMinor');
      return ctx.write(() => {
        const sale = mustSale(sid);
        if (sale.paid_cash_at !== null) throw new PosError('CONFLICT', 'error.ledger.saleAlreadyPaidCash', { receipt_number: sale.receipt_number });
        if (paymentRows(sid).some((p) => p.status === 'successful')) {
          throw new PosError('CONFLICT', 'error.ledger.saleAlreadyPaidBy', { receipt_number: sale.receipt_number });
        }
        if (tenderedMinor !== undefined && tenderedMinor < sale.amount_minor) {
          throw new ValidationError('tenderedMinor', 'error.ledger.cashHandedOverLess');
        }
        const shift = openShiftRow(db, ctx.deviceId)?.id;
        checkShiftCurrency(shift, sale.currency as Currency, 'currency');
        statement(db, `UPDATE sales SET status = 'paid', method = 'cash' WHERE id = ?`).run(sid);
        return toSale(recordCashPayment(saleRow(sid)!, { at: ctx.now().toISOString(), by: cashier ?? shiftCashier(shift), tenderedMinor, shiftId: shift }));
      });
    },

    /** The cashier stopped waiting: the sale shows not paid; the payment keeps its status and a late success still lands. */
    setSaleWaitingCancelled(saleId: string): Sale {
      const sid = v.id(saleId, 'saleId');
      return ctx.write(() => {
        const sale = mustSale(sid);
        if (sale.status === 'paid' || sale.status === 'paid_twice') throw new PosError('CONFLICT', 'error.ledger.saleAlreadyPaid', { receipt_number: sale.receipt_number });
        if (sale.status === 'awaiting_payment') {
          statement(db, `UPDATE sales SET status = 'not_paid', waiting_cancelled_at = ? WHERE id = ?`).run(ctx.now().toISOString(), sid);
        }
        return toSale(saleRow(sid)!);
      });
    },

    paymentEvents(paymentId: string): PaymentEvent[] {
      const id = v.id(paymentId, 'paymentId');
      return (statement(db, 'SELECT * FROM payment_events WHERE payment_id = ? ORDER BY seq').all(id) as PaymentEventRow[]).map(toPaymentEvent);
    },

    /** Keeps one redacted HTTP exchange of a payment, for the support transcript. */
    recordExchange(paymentId: string, exchange: unknown): void {
      const id = v.id(paymentId, 'paymentId');
      let text: string | undefined;
      try {
        text = JSON.stringify(exchange);
      } catch {
        text = undefined;
      }
      if (text === undefined || exchange === null || typeof exchange !== 'object') {
        throw new ValidationError('exchange', 'error.ledger.exchangeMustJsonObject');
      }
      if (text.length > 512_000) throw new ValidationError('exchange', 'error.ledger.exchangeMost512000');
      ctx.write(() => {
        if (!paymentRow(id)) throw new PosError('NOT_FOUND', 'error.ledger.noPaymentWithId', { id });
        statement(db, 'INSERT INTO payment_exchanges (payment_id, at, exchange) VALUES (?, ?, ?)').run(id, ctx.now().toISOString(), text);
      });
    },

    exchanges(paymentId: string): unknown[] {
      const id = v.id(paymentId, 'paymentId');
      return (statement(db, 'SELECT exchange FROM payment_exchanges WHERE payment_id = ? ORDER BY seq').all(id) as { exchange: string }[]).map(
        (row) => JSON.parse(row.exchange) as unknown,
      );
    },
  };

  /** Cash settles the sale: the row's cash columns and the sale.paid_cash fact. Inside a write. */
  function recordCashPayment(sale: SaleRow, cash: { at: string; by: string | undefined; tenderedMinor: number | undefined; shiftId: string | undefined }): SaleRow {
    statement(db, 'UPDATE sales SET paid_cash_at = ?, paid_cash_by = ?, tendered_minor = ?, paid_cash_shift_id = ? WHERE id = ?').run(
      cash.at,
      cash.by ?? null,
      cash.tenderedMinor ?? null,
      cash.shiftId ?? null,
      sale.id,
    );
    appendJournal(db, {
      at: cash.at,
      kind: 'sale.paid_cash',
      subjectId: sale.id,
      body: {
        saleId: sale.id,
        receiptNumber: sale.receipt_number,
        amountMinor: sale.amount_minor,
        currency: sale.currency,
        tenderedMinor: cash.tenderedMinor ?? null,
        shiftId: cash.shiftId ?? null,
        at: cash.at,
      },
    });
    return saleRow(sale.id)!;
  }
}

export type SalesRepository = ReturnType<typeof createSalesRepository>;

/**
 * Sales of a range of business days with their payments and refunds, for
 * the accountant's CSV: one read snapshot, three queries, no per-sale calls.
 */
import type Database from 'better-sqlite3';
import { ValidationError } from '../../../shared/errors';
import { toPayment, toRefund, toSale, type PaymentRow, type RefundRow, type SaleRow } from './rows';
import { statement } from './statements';
import type { Payment, Refund, Sale } from './types';
import * as v from './validation';

export interface SaleWithMoney {
  sale: Sale;
  payments: Payment[];
  refunds: Refund[];
}

/** Oldest first (receipt order), business days fromDay..toDay inclusive. */
export function readSalesForExport(db: Database.Database, query: { fromDay: string; toDay: string }): SaleWithMoney[] {
  const q = v.object(query, 'query');
  const fromDay = v.businessDay(q.fromDay, 'fromDay');
  const toDay = v.businessDay(q.toDay, 'toDay');
  if (fromDay > toDay) throw new ValidationError('toDay', 'error.common.lastDayComesAfter');
  const read = db.transaction(() => {
    const sales = statement(db, 'SELECT * FROM sales WHERE business_day >= ? AND business_day <= ? ORDER BY created_at, receipt_seq').all(fromDay, toDay) as SaleRow[];
    const payments = statement(
      db,
      'SELECT p.* FROM payments p JOIN sales s ON s.id = p.sale_id WHERE s.business_day >= ? AND s.business_day <= ? ORDER BY p.attempt',
    ).all(fromDay, toDay) as PaymentRow[];
    const refunds = statement(
      db,
      'SELECT r.* FROM refunds r JOIN sales s ON s.id = r.sale_id WHERE s.business_day >= ? AND s.business_day <= ? ORDER BY r.created_at, r.rowid',
    ).all(fromDay, toDay) as RefundRow[];
    const bySale = new Map<string, SaleWithMoney>();
    const out = sales.map((row) => {
      const entry: SaleWithMoney = { sale: toSale(row), payments: [], refunds: [] };
      bySale.set(row.id, entry);
      return entry;
    });
    for (const row of payments) bySale.get(row.sale_id)?.payments.push(toPayment(row));
    for (const row of refunds) bySale.get(row.sale_id)?.refunds.push(toRefund(row));
    return out;
  });
  return read.deferred();
}

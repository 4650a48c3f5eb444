/**
 * Which sales had their receipt printed: the first print is the original,
 * every later one a COPY. Kept in the journal (one 'receipt.printed' fact per
 * sale, as its unique index allows), so the count survives restarts and
 * cannot be quietly reset.
 */
import { ValidationError } from '../../../shared/errors';
import type { LedgerContext } from './context';
import { appendJournal } from './journal';
import { statement } from './statements';
import * as v from './validation';

export function createReceiptPrintsRepository(ctx: LedgerContext) {
  const printed = (saleId: string) => statement(ctx.db, `SELECT 1 FROM journal WHERE kind = 'receipt.printed' AND subject_id = ?`).get(saleId) !== undefined;
  return {
    receiptPrinted(saleId: string): boolean {
      return printed(v.requiredText(saleId, 'saleId', 64));
    },
    /** Records a print; answers whether it was the sale's first (the original). */
    recordReceiptPrint(saleId: string): { firstPrint: boolean } {
      const id = v.requiredText(saleId, 'saleId', 64);
      return ctx.write(() => {
        if (statement(ctx.db, 'SELECT 1 FROM sales WHERE id = ?').get(id) === undefined) throw new ValidationError('saleId', 'error.common.noSuchSale');
        if (printed(id)) return { firstPrint: false };
        const at = ctx.now().toISOString();
        appendJournal(ctx.db, { at, kind: 'receipt.printed', subjectId: id, body: { saleId: id, at } });
        return { firstPrint: true };
      });
    },
  };
}

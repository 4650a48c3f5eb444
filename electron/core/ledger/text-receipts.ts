/**
 * Text receipts: the one delivery notification a paid request to pay gets.
 * The row is written ('sending') before the POST leaves and is keyed by the
 * payment, so a text goes at most once, across crashes and restarts: a row
 * still 'sending' at start-up may have gone, and becomes 'unknown', never a
 * second text.
 */
import type { LedgerContext } from './context';
import { statement } from './statements';
import * as v from './validation';

export type TextReceiptStatus = 'sending' | 'sent' | 'failed' | 'unknown';

export interface TextReceipt {
  paymentId: string;
  message: string;
  status: TextReceiptStatus;
  error?: string;
  createdAt: string;
  updatedAt: string;
}

interface TextReceiptRow {
  payment_id: string;
  message: string;
  status: TextReceiptStatus;
  error: string | null;
  created_at: string;
  updated_at: string;
}

const toTextReceipt = (row: TextReceiptRow): TextReceipt => ({
  paymentId: row.payment_id,
  message: row.message,
  status: row.status,
  ...(row.error !== null ? { error: row.error } : {}),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createTextReceiptsRepository(ctx: LedgerContext) {
  const { db } = ctx;
  const row = (paymentId: string) => statement(db, 'SELECT * FROM text_receipts WHERE payment_id = ?').get(paymentId) as TextReceiptRow | undefined;
  return {
    /** Claims the payment's one text: true when this call wrote it (send it now), false when it already exists. */
    claimTextReceipt(input: { paymentId: string; message: string }): boolean {
      const i = v.object(input, 'input');
      const paymentId = v.id(i.paymentId, 'paymentId');
      const message = v.requiredText(i.message, 'message', 160);
      return ctx.write(() => {
        const payment = statement(db, 'SELECT status, kind FROM payments WHERE id = ?').get(paymentId) as { status: string; kind: string } | undefined;
        if (!payment || payment.status !== 'successful' || payment.kind !== 'prompt') return false;
        const at = ctx.now().toISOString();
        return statement(db, `INSERT INTO text_receipts (payment_id, message, status, created_at, updated_at) VALUES (?, ?, 'sending', ?, ?) ON CONFLICT (payment_id) DO NOTHING`).run(paymentId, message, at, at).changes === 1;
      });
    },

    finishTextReceipt(input: { paymentId: string; status: 'sent' | 'failed' | 'unknown'; error?: string }): void {
      const i = v.object(input, 'input');
      const paymentId = v.id(i.paymentId, 'paymentId');
      const status = v.oneOf(i.status, ['sent', 'failed', 'unknown'] as const, 'status');
      const error = v.externalText(i.error, 'error', 500);
      ctx.write(() => {
        statement(db, `UPDATE text_receipts SET status = ?, error = ?, updated_at = ? WHERE payment_id = ? AND status = 'sending'`).run(status, error ?? null, ctx.now().toISOString(), paymentId);
      });
    },

    getTextReceipt(paymentId: string): TextReceipt | undefined {
      const found = row(v.id(paymentId, 'paymentId'));
      return found && toTextReceipt(found);
    },

    /**
     * Start-up: texts left 'sending' (may have gone) become 'unknown'; returns the
     * paid prompts since `since` that have no text yet (the app stopped before
     * claiming one), to be sent now.
     */
    recoverTextReceipts(since: string): string[] {
      const from = v.isoDate(since, 'since');
      return ctx.write(() => {
        statement(db, `UPDATE text_receipts SET status = 'unknown', error = 'the app stopped while sending', updated_at = ? WHERE status = 'sending'`).run(ctx.now().toISOString());
        const rows = statement(
          db,
          `SELECT p.id FROM payments p WHERE p.kind = 'prompt' AND p.status = 'successful' AND p.created_at >= ?
             AND NOT EXISTS (SELECT 1 FROM text_receipts t WHERE t.payment_id = p.id) ORDER BY p.created_at`,
        ).all(from) as { id: string }[];
        return rows.map((r) => r.id);
      });
    },
  };
}

export type TextReceiptsRepository = ReturnType<typeof createTextReceiptsRepository>;

// Ledger migration 6. Frozen: never edit it once shipped; add the next file.
import { type Migration } from './sql';

export const migration: Migration = {
  version: 6,
  name: 'pay later: a payment is a prompt at the counter or a MoMo invoice with a validity',
  sql: `
-- 'prompt': a request to pay the customer approves at the counter; 'invoice': a v2 invoice they pay later, until valid_until.
ALTER TABLE payments ADD COLUMN kind TEXT NOT NULL DEFAULT 'prompt' CHECK (kind IN ('prompt', 'invoice'));
ALTER TABLE payments ADD COLUMN valid_until TEXT CHECK ((kind = 'invoice') = (valid_until IS NOT NULL));
CREATE TRIGGER payments_kind_fixed BEFORE UPDATE OF kind, valid_until ON payments BEGIN SELECT RAISE(ABORT, 'payments: kind and valid_until never change once written'); END;
-- Open invoices are listed at the counter.
CREATE INDEX payments_open_invoices ON payments (valid_until) WHERE kind = 'invoice' AND status NOT IN ('successful', 'failed', 'rejected', 'expired');
`,
};

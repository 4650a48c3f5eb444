// Ledger migration 7. Frozen: never edit it once shipped; add the next file.
import { type Migration } from './sql';

export const migration: Migration = {
  version: 7,
  name: 'text receipts: the one delivery notification of a paid request to pay, written before it is sent',
  sql: `
-- At most one per payment (the key). 'sending' is written before the POST: found at start-up it may have gone, so it is never sent again.
CREATE TABLE text_receipts (
  payment_id TEXT PRIMARY KEY REFERENCES payments (id),
  message TEXT NOT NULL CHECK (length(message) BETWEEN 1 AND 160),
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'unknown')),
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER text_receipts_no_delete BEFORE DELETE ON text_receipts BEGIN SELECT RAISE(ABORT, 'text_receipts rows are never deleted'); END;
CREATE TRIGGER text_receipts_message_fixed BEFORE UPDATE OF payment_id, message, created_at ON text_receipts BEGIN SELECT RAISE(ABORT, 'text_receipts: the message never changes once written'); END;
`,
};

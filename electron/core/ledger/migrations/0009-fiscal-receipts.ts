// Ledger migration 9. Frozen: never edit it once shipped; add the next file.
import { type Migration } from './sql';

export const migration: Migration = {
  version: 9,
  name: 'fiscal receipts: one signing request per fiscal event, written (with its invoice number) before it is sent',
  sql: `
-- event_key is the fiscal event ('sale:<id>', 'refund:<id>', 'copy:<id>:<n>'): one row, one invoice number, one signature.
-- invoice_no changes only while pending (the device said the number was taken by another sale).
CREATE TABLE fiscal_receipts (
  event_key TEXT PRIMARY KEY CHECK (length(event_key) BETWEEN 3 AND 200),
  invoice_no INTEGER NOT NULL UNIQUE CHECK (invoice_no > 0),
  label TEXT NOT NULL CHECK (label IN ('NS', 'NR', 'CS', 'CR', 'TS', 'TR', 'PS')),
  event TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'signed', 'duplicate', 'rejected')),
  receipt_no INTEGER,
  total_receipt_no INTEGER,
  internal_data TEXT,
  signature TEXT,
  sdc_date_time TEXT,
  sdc_id TEXT,
  mrc_no TEXT,
  error_code TEXT,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((status = 'signed') = (signature IS NOT NULL))
) STRICT;
CREATE INDEX fiscal_receipts_pending ON fiscal_receipts (created_at) WHERE status = 'pending';
CREATE TRIGGER fiscal_receipts_no_delete BEFORE DELETE ON fiscal_receipts BEGIN SELECT RAISE(ABORT, 'fiscal_receipts rows are never deleted'); END;
CREATE TRIGGER fiscal_receipts_fixed BEFORE UPDATE ON fiscal_receipts
  WHEN OLD.status <> 'pending' OR NEW.event_key <> OLD.event_key OR NEW.label <> OLD.label OR NEW.event <> OLD.event OR NEW.created_at <> OLD.created_at
  BEGIN SELECT RAISE(ABORT, 'fiscal_receipts: a finished signing never changes'); END;
`,
};

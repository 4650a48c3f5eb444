// Ledger migration 3. Frozen: never edit it once shipped; add the next file.
import { appendOnly, PAYMENT_STATUS_CHECK, type Migration } from './sql';

export const migration: Migration = {
  version: 3,
  name: 'till: Z reports, refund event trails, how a MoMo refund goes out',
  sql: `
-- Z reports: frozen when the shift closes, numbered per device, never changed (the till's X/Z reports).
CREATE TABLE z_reports (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  number INTEGER NOT NULL CHECK (number > 0),
  shift_id TEXT NOT NULL UNIQUE REFERENCES shifts (id),
  business_day TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  -- The journal entries after from_seq up to to_seq are this report's; last_hash is entry to_seq's hash.
  from_seq INTEGER NOT NULL CHECK (from_seq >= 0),
  to_seq INTEGER NOT NULL CHECK (to_seq >= from_seq),
  last_hash TEXT NOT NULL,
  sales_minor INTEGER NOT NULL CHECK (sales_minor >= 0),
  refunds_minor INTEGER NOT NULL CHECK (refunds_minor >= 0),
  -- Perpetual totals carried from Z to Z.
  grand_sales_minor INTEGER NOT NULL CHECK (grand_sales_minor >= sales_minor),
  grand_refunds_minor INTEGER NOT NULL CHECK (grand_refunds_minor >= refunds_minor),
  report TEXT NOT NULL CHECK (json_valid(report)),
  report_hash TEXT NOT NULL,
  UNIQUE (device_id, number)
) STRICT;
${appendOnly('z_reports', 'a Z report')}

-- Each status change of a refund, as payment_events does for payments.
CREATE TABLE refund_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  refund_id TEXT NOT NULL REFERENCES refunds (id),
  at TEXT NOT NULL,
  from_status TEXT CHECK (from_status IS NULL OR from_status IN ${PAYMENT_STATUS_CHECK}),
  to_status TEXT NOT NULL CHECK (to_status IN ${PAYMENT_STATUS_CHECK}),
  reason_code TEXT,
  reason_message TEXT,
  source TEXT,
  note TEXT
) STRICT;
CREATE INDEX refund_events_by_refund ON refund_events (refund_id, seq);
${appendOnly('refund_events', 'refund_events')}
-- Refunds written before this version get their trail's first step now.
INSERT INTO refund_events (refund_id, at, from_status, to_status, source) SELECT id, updated_at, NULL, status, 'migration' FROM refunds ORDER BY rowid;

-- A MoMo refund goes out as a refund of the payment or, where the market does not offer that, a transfer to the payer.
ALTER TABLE refunds ADD COLUMN via TEXT CHECK (via IS NULL OR via IN ('refund', 'transfer'));
CREATE TRIGGER refunds_via_fixed BEFORE UPDATE OF via ON refunds BEGIN SELECT RAISE(ABORT, 'refunds: via never changes once written'); END;
CREATE INDEX refunds_unfinished ON refunds (status) WHERE status NOT IN ('successful', 'failed', 'rejected', 'expired');
-- Day reports read the journal by time.
CREATE INDEX journal_by_at ON journal (at);
`,
};

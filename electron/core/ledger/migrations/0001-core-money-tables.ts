// Ledger migration 1. Frozen: never edit it once shipped; add the next file.
import { appendOnly, neverDeleted, fixedColumns, PAYMENT_STATUS_CHECK, type Migration } from './sql';

export const migration: Migration = {
  version: 1,
  name: 'core money tables, journal, append-only guards',
  sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL
) STRICT;

-- One row per device: the last receipt number handed out. Bumped in the sale's own transaction.
CREATE TABLE receipt_counters (
  device_id TEXT PRIMARY KEY,
  last_seq INTEGER NOT NULL CHECK (last_seq >= 0)
) STRICT;

CREATE TABLE shifts (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  opening_float_minor INTEGER NOT NULL CHECK (opening_float_minor >= 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  closed_at TEXT,
  closed_by TEXT,
  counted_cash_minor INTEGER CHECK (counted_cash_minor >= 0),
  note TEXT,
  CHECK ((closed_at IS NULL) = (closed_by IS NULL))
) STRICT;
CREATE UNIQUE INDEX shifts_one_open_per_device ON shifts (device_id) WHERE closed_at IS NULL;

CREATE TABLE sales (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  receipt_seq INTEGER NOT NULL CHECK (receipt_seq > 0),
  receipt_number TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  business_day TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  method TEXT NOT NULL CHECK (method IN ('momo', 'cash')),
  status TEXT NOT NULL CHECK (status IN ('awaiting_payment', 'paid', 'not_paid', 'paid_twice')),
  msisdn TEXT,
  payer_name TEXT,
  note TEXT,
  cashier TEXT,
  shift_id TEXT REFERENCES shifts (id),
  tendered_minor INTEGER CHECK (tendered_minor IS NULL OR tendered_minor >= amount_minor),
  paid_cash_at TEXT,
  paid_cash_by TEXT,
  paid_cash_shift_id TEXT REFERENCES shifts (id),
  waiting_cancelled_at TEXT,
  UNIQUE (device_id, receipt_seq)
) STRICT;
CREATE INDEX sales_created_at ON sales (created_at);

CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  reference_id TEXT NOT NULL UNIQUE,
  external_id TEXT NOT NULL,
  attempt INTEGER NOT NULL CHECK (attempt > 0),
  status TEXT NOT NULL CHECK (status IN ${PAYMENT_STATUS_CHECK}),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  msisdn TEXT NOT NULL,
  reason_code TEXT,
  reason_message TEXT,
  financial_transaction_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  checks INTEGER NOT NULL DEFAULT 0 CHECK (checks >= 0),
  last_checked_at TEXT,
  UNIQUE (sale_id, attempt)
) STRICT;

CREATE TABLE payment_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  payment_id TEXT NOT NULL REFERENCES payments (id),
  at TEXT NOT NULL,
  from_status TEXT CHECK (from_status IS NULL OR from_status IN ${PAYMENT_STATUS_CHECK}),
  to_status TEXT NOT NULL CHECK (to_status IN ${PAYMENT_STATUS_CHECK}),
  reason_code TEXT,
  reason_message TEXT,
  source TEXT,
  note TEXT
) STRICT;
CREATE INDEX payment_events_by_payment ON payment_events (payment_id, seq);

CREATE TABLE cash_movements (
  id TEXT PRIMARY KEY,
  shift_id TEXT NOT NULL REFERENCES shifts (id),
  kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  reason TEXT NOT NULL,
  by_whom TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX cash_movements_by_shift ON cash_movements (shift_id);

CREATE TABLE refunds (
  id TEXT PRIMARY KEY,
  sale_id TEXT NOT NULL REFERENCES sales (id),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  method TEXT NOT NULL CHECK (method IN ('momo', 'cash')),
  status TEXT NOT NULL CHECK (status IN ${PAYMENT_STATUS_CHECK}),
  reference_id TEXT UNIQUE,
  msisdn TEXT,
  reason TEXT NOT NULL,
  by_whom TEXT NOT NULL,
  shift_id TEXT REFERENCES shifts (id),
  reason_code TEXT,
  reason_message TEXT,
  financial_transaction_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX refunds_by_sale ON refunds (sale_id);

-- Every money fact, hash-chained: hash = sha256(prev_hash || canonical JSON of the entry).
CREATE TABLE journal (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  body TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
-- One fact of each kind per subject (one sale.created per sale, one payment.final per payment…).
CREATE UNIQUE INDEX journal_one_fact_per_subject ON journal (kind, subject_id);
${appendOnly('journal', 'the journal')}
${appendOnly('payment_events', 'payment_events')}
${neverDeleted('sales')}
${neverDeleted('payments')}
${neverDeleted('shifts')}
${neverDeleted('cash_movements')}
${neverDeleted('refunds')}
${fixedColumns('sales', ['id', 'device_id', 'receipt_seq', 'receipt_number', 'created_at', 'business_day', 'amount_minor', 'currency', 'msisdn', 'shift_id'])}
${fixedColumns('payments', ['id', 'sale_id', 'reference_id', 'external_id', 'attempt', 'amount_minor', 'currency', 'msisdn', 'created_at'])}
${fixedColumns('shifts', ['id', 'device_id', 'opened_at', 'opened_by', 'opening_float_minor', 'currency'])}
${fixedColumns('refunds', ['id', 'sale_id', 'amount_minor', 'currency', 'method', 'reference_id', 'msisdn', 'reason', 'by_whom', 'shift_id', 'created_at'])}
CREATE TRIGGER cash_movements_no_update BEFORE UPDATE ON cash_movements BEGIN SELECT RAISE(ABORT, 'cash_movements rows never change'); END;
`,
};

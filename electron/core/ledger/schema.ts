/**
 * The ledger's schema, as numbered migrations: the single source of truth.
 * Each runs in one transaction and sets PRAGMA user_version to its number.
 * Never edit a shipped migration; add the next one. Written SQL is frozen on
 * purpose (no values pulled from code that may change later).
 */
import type Database from 'better-sqlite3';
import { PosError } from '../../../shared/errors';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const appendOnly = (table: string, what: string) => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${what} is append-only'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${what} is append-only'); END;`;

const neverDeleted = (table: string) => `
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} rows are never deleted'); END;`;

/** Columns the app writes once: changing them afterwards is tampering. */
const fixedColumns = (table: string, columns: string[]) => `
CREATE TRIGGER ${table}_fixed_columns BEFORE UPDATE OF ${columns.join(', ')} ON ${table}
BEGIN SELECT RAISE(ABORT, '${table}: ${columns.join(', ')} never change once written'); END;`;

const PAYMENT_STATUS_CHECK = `('recorded','sending','pending','unknown','timed_out','successful','failed','rejected','expired')`;

export const MIGRATIONS: readonly Migration[] = [
  {
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
  },
  {
    version: 2,
    name: 'payment exchanges (support transcripts) and report indexes',
    sql: `
-- The redacted HTTP exchanges of each payment, for the transcript support sends to MTN.
CREATE TABLE payment_exchanges (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  payment_id TEXT NOT NULL REFERENCES payments (id),
  at TEXT NOT NULL,
  exchange TEXT NOT NULL CHECK (json_valid(exchange))
) STRICT;
CREATE INDEX payment_exchanges_by_payment ON payment_exchanges (payment_id, seq);
-- Reports read a business day (X/Z, exports); start-up recovery reads unfinished payments.
CREATE INDEX sales_by_business_day ON sales (business_day, device_id);
CREATE INDEX payments_unfinished ON payments (status) WHERE status NOT IN ('successful', 'failed', 'rejected', 'expired');
`,
  },
  {
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
  },
  {
    version: 4,
    name: 'head office: acknowledgements (the outside anchor) and alarms',
    sql: `
-- Head office's acknowledgement each time it moved on: it holds this ledger's journal up to seq, whose hash is hash.
CREATE TABLE headoffice_acks (
  seq INTEGER PRIMARY KEY CHECK (seq > 0),
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  received_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
${appendOnly('headoffice_acks', 'head office acknowledgements')}
-- What head office refused (a fork, a forged entry), as the till learnt it.
CREATE TABLE headoffice_alarms (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('fork', 'refused')),
  seq INTEGER NOT NULL CHECK (seq >= 0),
  detail TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
${appendOnly('headoffice_alarms', 'head office alarms')}
`,
  },
  {
    version: 5,
    name: 'payments found by time, so a day of payment attempts needs no look-up per sale',
    sql: `
-- A day's payment attempts by status (Z report, bench) read a range of created_at instead of one sale_id probe per sale.
CREATE INDEX payments_by_created_at ON payments (created_at);
`,
  },
  {
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
  },
  {
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
  },
  {
    version: 8,
    name: 'authority: the PIN lock survives a restart; a charge carries the request id the screen made for it',
    sql: `
-- One row: wrong PINs in a row, the lock step reached (1 min, 5 min, 15 min, 1 h) and until when PINs are refused (ms since 1970).
CREATE TABLE pin_throttle (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  failures INTEGER NOT NULL CHECK (failures >= 0),
  level INTEGER NOT NULL CHECK (level >= 0),
  locked_until INTEGER NOT NULL CHECK (locked_until >= 0),
  updated_at TEXT NOT NULL
) STRICT;
INSERT INTO pin_throttle (id, failures, level, locked_until, updated_at) VALUES (1, 0, 0, 0, '1970-01-01T00:00:00.000Z');
-- The same press of Charge (retried, double-clicked) answers the same sale: at most one sale per request id.
ALTER TABLE sales ADD COLUMN request_id TEXT CHECK (request_id IS NULL OR length(request_id) BETWEEN 8 AND 64);
CREATE UNIQUE INDEX sales_request_id ON sales (request_id) WHERE request_id IS NOT NULL;
-- A second charge to the same number for the same amount while one still waits is asked about first: found here.
CREATE INDEX sales_awaiting_payer ON sales (msisdn, amount_minor) WHERE status = 'awaiting_payment';
`,
  },
  {
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
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The guard triggers the latest schema has; verify reports any that went missing. */
export const GUARD_TRIGGERS = [
  'journal_no_update',
  'journal_no_delete',
  'payment_events_no_update',
  'payment_events_no_delete',
  'sales_no_delete',
  'payments_no_delete',
  'shifts_no_delete',
  'cash_movements_no_delete',
  'refunds_no_delete',
  'sales_fixed_columns',
  'payments_fixed_columns',
  'shifts_fixed_columns',
  'refunds_fixed_columns',
  'cash_movements_no_update',
  'z_reports_no_update',
  'z_reports_no_delete',
  'refund_events_no_update',
  'refund_events_no_delete',
  'refunds_via_fixed',
  'headoffice_acks_no_update',
  'headoffice_acks_no_delete',
  'headoffice_alarms_no_update',
  'headoffice_alarms_no_delete',
  'payments_kind_fixed',
  'text_receipts_no_delete',
  'text_receipts_message_fixed',
  'fiscal_receipts_no_delete',
  'fiscal_receipts_fixed',
] as const;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function tooNewError(found: number, file: string): PosError {
  return new PosError(
    'LEDGER_TOO_NEW',
    'error.ledger.tooNew',
    { found, known: LATEST_SCHEMA_VERSION, file },
  );
}

export interface MigrateOptions {
  /** Stop at this version (tests build every earlier version this way). */
  to?: number;
  migrations?: readonly Migration[];
  /** Called once, before the first migration runs on a database that already holds a schema. */
  beforeMigrating?: (from: number, to: number) => void;
}

/**
 * Brings the database up to `to` (default: the latest), one transaction per
 * migration. Safe against a second connection migrating at the same time:
 * the version is re-read under the write lock.
 */
export function migrate(db: Database.Database, options: MigrateOptions = {}): { from: number; to: number } {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const target = options.to ?? latest;
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${index + 1} is numbered ${migration.version}`);
  });
  const from = schemaVersion(db);
  if (from > latest) throw tooNewError(from, db.name);
  if (from < target && from > 0) options.beforeMigrating?.(from, target);
  for (const migration of migrations) {
    if (migration.version > target) break;
    db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from, to: Math.max(from, target) };
}

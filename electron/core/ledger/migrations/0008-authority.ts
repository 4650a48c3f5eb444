// Ledger migration 8. Frozen: never edit it once shipped; add the next file.
import { type Migration } from './sql';

export const migration: Migration = {
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
};

// Ledger migration 2. Frozen: never edit it once shipped; add the next file.
import { type Migration } from './sql';

export const migration: Migration = {
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
};

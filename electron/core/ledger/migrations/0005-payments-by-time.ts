// Ledger migration 5. Frozen: never edit it once shipped; add the next file.
import { type Migration } from './sql';

export const migration: Migration = {
  version: 5,
  name: 'payments found by time, so a day of payment attempts needs no look-up per sale',
  sql: `
-- A day's payment attempts by status (Z report, bench) read a range of created_at instead of one sale_id probe per sale.
CREATE INDEX payments_by_created_at ON payments (created_at);
`,
};

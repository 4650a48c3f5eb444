// Ledger migration 4. Frozen: never edit it once shipped; add the next file.
import { appendOnly, type Migration } from './sql';

export const migration: Migration = {
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
};

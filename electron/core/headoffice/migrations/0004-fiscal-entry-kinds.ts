// Head office migration 4. Frozen: never edit it once shipped; add the next file.
import { ENTRY_SCHEMAS } from '../entry-schema';
import { type HeadOfficeMigration } from './sql';

export const migration: HeadOfficeMigration = {
  version: 4,
  name: 'the kinds head office accepts follow the ledger: fiscal signing entries',
  sql: String.raw`
-- Every kind as entry-schema.ts has it now: kinds added since (fiscal.requested, fiscal.finished) and any rule that changed.
INSERT INTO hq.entry_kinds (kind, fields, keys, rules)
  SELECT k.key, k.value, array_agg(f.key ORDER BY f.key <> 'currency', f.key), array_agg(f.value ORDER BY f.key <> 'currency', f.key)
    FROM jsonb_each('${JSON.stringify(ENTRY_SCHEMAS)}'::jsonb) k, jsonb_each_text(k.value) f GROUP BY k.key, k.value
  ON CONFLICT (kind) DO UPDATE SET fields = excluded.fields, keys = excluded.keys, rules = excluded.rules;
`,
};

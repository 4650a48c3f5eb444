/**
 * Head office's schema in PostgreSQL, as numbered migrations (frozen SQL,
 * never edited once shipped; add the next one). Everything lives in the
 * `hq` schema; tills log in with their own role, a member of
 * `momo_pos_till`, which may only EXECUTE hq.ingest.
 *
 * hq.ingest recomputes each entry's hash exactly as the till does
 * (electron/core/ledger/journal.ts): sha256 over prev_hash followed by the
 * canonical JSON of {at, body, kind, seq, subjectId} — keys in that (sorted)
 * order, strings escaped by PostgreSQL's escape_json, which escapes the same
 * characters, the same way, as JSON.stringify (", \, \b \f \n \r \t, other
 * controls as lowercase \u00xx, nothing else). The body must already be the
 * canonical text the till stored: hq.canonical_json re-renders it from jsonb
 * (keys in UTF-16 code-unit order, as JavaScript sorts them; integers only)
 * and a body that differs is refused, as the till's own verify does.
 */

import { HQ_MIGRATIONS } from './migrations';

// The migrations themselves: migrations/NNNN-<name>.ts, listed in order by migrations/index.ts.
export { HQ_MIGRATIONS, TILL_GROUP_ROLE, type HeadOfficeMigration } from './migrations';

export const HQ_LATEST_VERSION = HQ_MIGRATIONS[HQ_MIGRATIONS.length - 1]!.version;

// Head office migration 5. Frozen: never edit it once shipped; add the next file.
import { type HeadOfficeMigration } from './sql';

export const migration: HeadOfficeMigration = {
  version: 5,
  name: 'each till\'s fiscal state: receipts signed per day and label, the ones waiting for a signature',
  sql: String.raw`
-- Kept from the fiscal.requested / fiscal.finished entries as they land (a trigger on hq.journal, so ingest itself is unchanged).
-- Waiting: requested, not finished yet (one row per fiscal event; a renumbered request keeps its first time).
CREATE TABLE hq.fiscal_pending (
  till_id int NOT NULL REFERENCES hq.tills (id),
  event_key text NOT NULL,
  invoice_no bigint NOT NULL,
  label text NOT NULL,
  -- The till's time of the first request (its entry's at).
  requested_at text NOT NULL,
  PRIMARY KEY (till_id, event_key)
);
-- Answered per business day of the answer and label: signed (a duplicate answer counts as signed) and refused.
CREATE TABLE hq.fiscal_days (
  business_day date NOT NULL,
  till_id int NOT NULL REFERENCES hq.tills (id),
  label text NOT NULL,
  signed int NOT NULL DEFAULT 0,
  rejected int NOT NULL DEFAULT 0,
  PRIMARY KEY (business_day, till_id, label)
);
CREATE TABLE hq.fiscal_tills (
  till_id int PRIMARY KEY REFERENCES hq.tills (id),
  last_signed_at text
);

CREATE FUNCTION hq.fiscal_apply(p_rows hq.journal[]) RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  -- A request's subject is "<event>/<invoice number>"; an answer's is "<event>". Both may come in one batch, in any row order.
  -- Requests not answered in this batch wait (the latest number of a renumbered one; the first request's time stays).
  INSERT INTO hq.fiscal_pending AS p (till_id, event_key, invoice_no, label, requested_at)
    WITH r AS MATERIALIZED (SELECT * FROM unnest(p_rows)),
         req AS (SELECT r.till_id, regexp_replace(r.subject_id, '/[^/]*$', '') AS event_key, r.seq, r.at, r.body::jsonb AS b FROM r WHERE r.kind = 'fiscal.requested'),
         fin AS (SELECT DISTINCT r.till_id, r.subject_id FROM r WHERE r.kind = 'fiscal.finished')
    SELECT DISTINCT ON (req.till_id, req.event_key) req.till_id, req.event_key, (req.b->>'invoiceNo')::bigint, req.b->>'label', req.at
      FROM req LEFT JOIN fin ON fin.till_id = req.till_id AND fin.subject_id = req.event_key
     WHERE fin.subject_id IS NULL
     ORDER BY req.till_id, req.event_key, req.seq DESC
  ON CONFLICT (till_id, event_key) DO UPDATE SET invoice_no = excluded.invoice_no, label = excluded.label;
  DELETE FROM hq.fiscal_pending p USING unnest(p_rows) f WHERE f.kind = 'fiscal.finished' AND p.till_id = f.till_id AND p.event_key = f.subject_id;
  INSERT INTO hq.fiscal_days AS d (business_day, till_id, label, signed, rejected)
    SELECT f.business_day, f.till_id, f.b->>'label', count(*) FILTER (WHERE f.b->>'status' IN ('signed', 'duplicate')), count(*) FILTER (WHERE f.b->>'status' = 'rejected')
      FROM (SELECT r.business_day, r.till_id, r.body::jsonb AS b FROM unnest(p_rows) r WHERE r.kind = 'fiscal.finished') f GROUP BY 1, 2, 3
  ON CONFLICT (business_day, till_id, label) DO UPDATE SET signed = d.signed + excluded.signed, rejected = d.rejected + excluded.rejected;
  INSERT INTO hq.fiscal_tills AS ft (till_id, last_signed_at)
    SELECT f.till_id, max(f.at) FROM unnest(p_rows) f WHERE f.kind = 'fiscal.finished' AND f.body::jsonb->>'status' IN ('signed', 'duplicate') GROUP BY 1
  ON CONFLICT (till_id) DO UPDATE SET last_signed_at = greatest(ft.last_signed_at, excluded.last_signed_at);
END $$;

CREATE FUNCTION hq.fiscal_track() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_rows hq.journal[];
BEGIN
  v_rows := ARRAY(SELECT n FROM landed n WHERE n.kind IN ('fiscal.requested', 'fiscal.finished'));
  IF cardinality(v_rows) > 0 THEN PERFORM hq.fiscal_apply(v_rows); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER journal_fiscal_state AFTER INSERT ON hq.journal REFERENCING NEW TABLE AS landed FOR EACH STATEMENT EXECUTE FUNCTION hq.fiscal_track();

-- What head office already holds.
SELECT hq.fiscal_apply(ARRAY(SELECT j FROM hq.journal j WHERE j.kind IN ('fiscal.requested', 'fiscal.finished') ORDER BY j.till_id, j.seq));

REVOKE ALL ON hq.fiscal_pending, hq.fiscal_days, hq.fiscal_tills FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION hq.fiscal_apply(hq.journal[]), hq.fiscal_track() FROM PUBLIC;
`,
};

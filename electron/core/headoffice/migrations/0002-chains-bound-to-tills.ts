// Head office migration 2. Frozen: never edit it once shipped; add the next file.
import { BATCH_BURST, BATCH_RATE_PER_SECOND, CLOCK_SKEW_MINUTES, currencyLimits, ENTRY_BURST, ENTRY_RATE_PER_SECOND, ENTRY_SCHEMAS, MAX_BATCH_BYTES, MAX_BATCH_ENTRIES, MAX_ENTRY_BODY_BYTES, MAX_WAITING } from '../entry-schema';
import { appendOnly, TILL_GROUP_ROLE, type HeadOfficeMigration } from './sql';

export const migration: HeadOfficeMigration = {
  version: 2,
  name: 'chains bound to tills, entries checked per kind, every alarm kept, role limits, till life cycle',
  sql: String.raw`
ALTER TABLE hq.tills
  ADD COLUMN first_hash text,
  ADD COLUMN first_push_at timestamptz,
  ADD COLUMN currency text,
  ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC',
  ADD COLUMN day_starts_at_hour smallint NOT NULL DEFAULT 0 CHECK (day_starts_at_hour BETWEEN 0 AND 23),
  ADD COLUMN revoked_at timestamptz,
  ADD COLUMN retired_at timestamptz,
  ADD COLUMN batch_tokens real NOT NULL DEFAULT ${BATCH_BURST},
  ADD COLUMN entry_tokens real NOT NULL DEFAULT ${ENTRY_BURST},
  ADD COLUMN tokens_at timestamptz NOT NULL DEFAULT now();
-- A retired chain keeps its device id; only live tills hold one each.
ALTER TABLE hq.tills DROP CONSTRAINT tills_device_id_key;
CREATE UNIQUE INDEX tills_live_device ON hq.tills (device_id) WHERE retired_at IS NULL;
CREATE UNIQUE INDEX tills_first_hash ON hq.tills (first_hash);

ALTER TABLE hq.alarms DROP CONSTRAINT alarms_kind_check;
ALTER TABLE hq.alarms ADD CONSTRAINT alarms_kind_check CHECK (kind IN ('fork', 'forged', 'foreign', 'invalid'));
-- The owner closes an alarm once looked into; the alarm itself stays.
CREATE TABLE hq.alarm_closures (
  alarm_id bigint PRIMARY KEY REFERENCES hq.alarms (id),
  closed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  note text NOT NULL CHECK (char_length(note) BETWEEN 1 AND 500)
);
${appendOnly('alarm_closures')}

-- Chains already held: each binds its till; a chain held twice (replayed under another role) is the later till's foreign alarm.
UPDATE hq.tills t SET first_hash = j.hash, first_push_at = j.received_at FROM hq.journal j
 WHERE j.till_id = t.id AND j.seq = 1 AND NOT EXISTS (SELECT 1 FROM hq.journal o WHERE o.seq = 1 AND o.hash = j.hash AND o.till_id < j.till_id);
INSERT INTO hq.alarms (till_id, kind, seq, offered_hash, detail)
  SELECT j.till_id, 'foreign', 1, j.hash, 'its chain is another till''s (found when head office was upgraded)' FROM hq.journal j
   WHERE j.seq = 1 AND EXISTS (SELECT 1 FROM hq.journal o WHERE o.seq = 1 AND o.hash = j.hash AND o.till_id < j.till_id);
UPDATE hq.tills t SET currency = (SELECT j.body::jsonb->>'currency' FROM hq.journal j WHERE j.till_id = t.id AND j.body::jsonb ? 'currency' ORDER BY j.seq LIMIT 1);

-- Labels a till sent beside the hash are no longer read: head office derives day and hour from the entry's own time.
ALTER TABLE hq.waiting ALTER COLUMN business_day DROP NOT NULL, ALTER COLUMN hour DROP NOT NULL,
  ADD COLUMN received_at timestamptz NOT NULL DEFAULT clock_timestamp();

-- fields as written in entry-schema.ts; keys and rules the same, as two arrays (currency first, then key order: the order hq.ingest reports problems in).
CREATE TABLE hq.entry_kinds (kind text PRIMARY KEY, fields jsonb NOT NULL, keys text[] NOT NULL, rules text[] NOT NULL);
INSERT INTO hq.entry_kinds (kind, fields, keys, rules)
  SELECT k.key, k.value, array_agg(f.key ORDER BY f.key <> 'currency', f.key), array_agg(f.value ORDER BY f.key <> 'currency', f.key)
    FROM jsonb_each('${JSON.stringify(ENTRY_SCHEMAS)}'::jsonb) k, jsonb_each_text(k.value) f GROUP BY k.key, k.value;
CREATE TABLE hq.currency_limits (currency text PRIMARY KEY CHECK (currency ~ '^[A-Z]{3}$'), max_minor bigint NOT NULL CHECK (max_minor > 0));
INSERT INTO hq.currency_limits (currency, max_minor) SELECT key, value::bigint FROM jsonb_each_text('${JSON.stringify(currencyLimits())}'::jsonb);

-- The first entry of a ledger made since this version links to this instead of 64 zeros: its device id is inside every hash.
CREATE FUNCTION hq.device_genesis(p_device_id text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to('momo-pos chain of device ' || p_device_id, 'UTF8')), 'hex')
$$;

-- An instant exactly as a till writes it (2025-03-10T08:00:00.000Z), or NULL. Plain SQL, no exception block: it runs for every entry.
CREATE FUNCTION hq.instant(p_at text) RETURNS timestamptz LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN p_at ~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{3}Z$' THEN
    CASE WHEN substr(p_at, 9, 2)::int <= extract(day FROM make_date(substr(p_at, 1, 4)::int, substr(p_at, 6, 2)::int, 1) + interval '1 month - 1 day')
      THEN p_at::timestamptz END
  END
$$;

CREATE FUNCTION hq.calendar_day(p_day text) RETURNS date LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN p_day ~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN
    CASE WHEN substr(p_day, 9, 2)::int <= extract(day FROM make_date(substr(p_day, 1, 4)::int, substr(p_day, 6, 2)::int, 1) + interval '1 month - 1 day')
      THEN make_date(substr(p_day, 1, 4)::int, substr(p_day, 6, 2)::int, substr(p_day, 9, 2)::int) END
  END
$$;

-- Tills already pushing keep the days they had: their zone is the UTC offset their own labels showed over their latest
-- 1,000 entries (a whole-hour Etc/GMT zone), their day start the hour after the latest one their labels put on the day before.
UPDATE hq.tills t SET time_zone = z.zone FROM (
  SELECT r.till_id, CASE WHEN r.off = 0 THEN 'UTC' WHEN r.off > 0 THEN 'Etc/GMT-' || r.off ELSE 'Etc/GMT+' || (-r.off) END AS zone FROM (
    SELECT j.till_id, mode() WITHIN GROUP (ORDER BY ((j.hour - extract(hour FROM hq.instant(j.at) AT TIME ZONE 'UTC')::int + 36) % 24) - 12) AS off
      FROM hq.tills t2, LATERAL (SELECT * FROM hq.journal j WHERE j.till_id = t2.id ORDER BY j.seq DESC LIMIT 1000) j
     WHERE hq.instant(j.at) IS NOT NULL GROUP BY j.till_id
  ) r
) z WHERE z.till_id = t.id;
UPDATE hq.tills t SET day_starts_at_hour = d.start FROM (
  SELECT t2.id AS till_id, coalesce(max(j.hour) FILTER (WHERE j.business_day < (hq.instant(j.at) AT TIME ZONE t2.time_zone)::date) + 1, 0) AS start
    FROM hq.tills t2, LATERAL (SELECT * FROM hq.journal j WHERE j.till_id = t2.id ORDER BY j.seq DESC LIMIT 1000) j
   WHERE hq.instant(j.at) IS NOT NULL GROUP BY t2.id
) d WHERE d.till_id = t.id AND d.start BETWEEN 0 AND 23;

-- What may join a till's chain now: this batch above the head, and what waited after an earlier gap (the batch's copy first). Labels beside the hash are not read.
DROP FUNCTION hq.candidates(int, bigint, jsonb);
CREATE FUNCTION hq.candidates(p_till int, p_head bigint, p_entries jsonb)
RETURNS TABLE (seq bigint, at text, kind text, subject_id text, body text, prev_hash text, hash text)
LANGUAGE sql STABLE AS $$
  SELECT DISTINCT ON (c.seq) c.seq, c.at, c.kind, c.subject_id, c.body, c.prev_hash, c.hash FROM (
    SELECT b.seq, b.at, b.kind, b."subjectId" AS subject_id, b.body, b."prevHash" AS prev_hash, b.hash, 0 AS older
      FROM jsonb_to_recordset(p_entries) AS b (seq bigint, at text, kind text, "subjectId" text, body text, "prevHash" text, hash text)
     WHERE b.seq > p_head
    UNION ALL
    SELECT w.seq, w.at, w.kind, w.subject_id, w.body, w.prev_hash, w.hash, 1
      FROM hq.waiting w WHERE w.till_id = p_till AND w.seq > p_head
  ) c ORDER BY c.seq, c.older
$$;

-- Within the bounds an entry may have at all (checked before anything costly).
CREATE FUNCTION hq.entry_shape_ok(c_at text, c_kind text, c_subject text, c_body text, c_prev text, c_hash text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT c_at IS NOT NULL AND c_kind IS NOT NULL AND c_subject IS NOT NULL AND c_body IS NOT NULL AND c_prev IS NOT NULL AND c_hash IS NOT NULL
     AND octet_length(c_at) <= 40 AND octet_length(c_kind) <= 40 AND octet_length(c_subject) <= 200 AND octet_length(c_body) <= ${MAX_ENTRY_BODY_BYTES}
     AND octet_length(c_prev) = 64 AND octet_length(c_hash) = 64
$$;

/*
 * One batch from one till: [{seq, at, kind, subjectId, body, prevHash, hash}], in any order (day and hour labels are ignored).
 * Answers {status: ok | gap | fork | refused, headSeq, headHash, receivedAt, forkSeq, accepted, …}; refused names its reason and detail.
 */
CREATE OR REPLACE FUNCTION hq.ingest(p_device_id text, p_entries jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  t hq.tills;
  v_now timestamptz := clock_timestamp();
  v_fork record;
  v_bad record;
  v_detail text;
  v_limit bigint;
  v_accepted int := 0;
  v_count int;
  v_currency text;
  v_currency_limit bigint;
  v_other text;
BEGIN
  IF p_device_id IS NULL OR p_device_id !~ '^[A-Za-z0-9_-]{1,64}$' THEN
    RAISE EXCEPTION 'a device id is 1 to 64 letters, digits, - or _' USING ERRCODE = '22023';
  END IF;
  IF p_entries IS NULL OR jsonb_typeof(p_entries) <> 'array' THEN
    RAISE EXCEPTION 'a batch is a JSON array of journal entries' USING ERRCODE = '22023';
  END IF;
  v_count := jsonb_array_length(p_entries);
  IF v_count > ${MAX_BATCH_ENTRIES} OR octet_length(p_entries::text) > ${MAX_BATCH_BYTES} THEN
    RAISE EXCEPTION 'a batch holds at most ${MAX_BATCH_ENTRIES} entries and ${MAX_BATCH_BYTES} bytes' USING ERRCODE = '54000';
  END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_entries) e WHERE jsonb_typeof(e) <> 'object') THEN
    RAISE EXCEPTION 'each entry of a batch is a JSON object' USING ERRCODE = '22023';
  END IF;
  -- One push at a time per till (two windows, a retry racing its own timeout): the row lock queues them.
  SELECT * INTO t FROM hq.tills WHERE role_name = session_user AND retired_at IS NULL FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'role % is not a till of this head office', session_user USING ERRCODE = '42501';
  END IF;
  IF t.revoked_at IS NOT NULL THEN
    RAISE EXCEPTION 'this till was revoked at head office' USING ERRCODE = '42501';
  END IF;
  IF t.device_id IS NOT NULL AND t.device_id <> p_device_id THEN
    RAISE EXCEPTION 'this till''s role belongs to device %, not %', t.device_id, p_device_id USING ERRCODE = '42501';
  END IF;
  IF t.device_id IS NULL THEN
    -- Another till's device id: its chain replayed (the chain names its device), or a copied ledger. Refused and alarmed.
    SELECT name INTO v_other FROM hq.tills WHERE device_id = p_device_id AND retired_at IS NULL AND id <> t.id;
    IF FOUND THEN
      v_detail := format('device %s already pushes as till %s: a copied or replayed ledger', p_device_id, v_other);
      INSERT INTO hq.alarms (till_id, kind, seq, held_hash, offered_hash, detail)
        SELECT t.id, 'foreign', coalesce(min(b.seq), 0), NULL, '', v_detail FROM jsonb_to_recordset(p_entries) AS b (seq bigint)
        ON CONFLICT DO NOTHING;
      RETURN hq.answer(t, 'refused', jsonb_build_object('accepted', 0, 'refusedSeq', t.head_seq + 1, 'reason', 'foreign', 'detail', v_detail));
    END IF;
  END IF;
  -- A steady rate after a burst, in batches and in entries; refusing costs the till nothing.
  t.batch_tokens := least(${BATCH_BURST}, t.batch_tokens + extract(epoch FROM v_now - t.tokens_at) * ${BATCH_RATE_PER_SECOND});
  t.entry_tokens := least(${ENTRY_BURST}, t.entry_tokens + extract(epoch FROM v_now - t.tokens_at) * ${ENTRY_RATE_PER_SECOND});
  IF t.batch_tokens < 1 OR t.entry_tokens < v_count THEN
    RAISE EXCEPTION 'this till pushes faster than head office takes (${BATCH_RATE_PER_SECOND} batches and ${ENTRY_RATE_PER_SECOND} entries a second after a burst): try again in a minute' USING ERRCODE = '53400';
  END IF;
  UPDATE hq.tills SET last_push_at = v_now, batch_tokens = t.batch_tokens - 1, entry_tokens = t.entry_tokens - v_count, tokens_at = v_now
   WHERE id = t.id RETURNING * INTO t;
  IF t.fork_seq IS NOT NULL THEN
    RETURN hq.answer(t, 'fork', jsonb_build_object('accepted', 0));
  END IF;

  -- A seq already held with another hash: the till was rewound or rewritten.
  SELECT b.seq, j.hash AS held, b.hash AS offered INTO v_fork
    FROM jsonb_to_recordset(p_entries) AS b (seq bigint, hash text)
    JOIN hq.journal j ON j.till_id = t.id AND j.seq = b.seq
   WHERE j.hash IS DISTINCT FROM b.hash
   ORDER BY b.seq LIMIT 1;
  IF FOUND THEN
    INSERT INTO hq.alarms (till_id, kind, seq, held_hash, offered_hash, detail)
      VALUES (t.id, 'fork', v_fork.seq, v_fork.held, left(coalesce(v_fork.offered, ''), 64), 'head office holds another entry at this seq')
      ON CONFLICT DO NOTHING;
    UPDATE hq.tills SET fork_seq = v_fork.seq WHERE id = t.id RETURNING * INTO t;
    RETURN hq.answer(t, 'fork', jsonb_build_object('accepted', 0));
  END IF;

  -- The till's currency: fixed at add-till, else by the first entry that names one.
  v_currency := t.currency;
  IF v_currency IS NULL THEN
    SELECT hq.body_jsonb(c.body)->>'currency' INTO v_currency FROM hq.candidates(t.id, t.head_seq, p_entries) c
     WHERE hq.entry_shape_ok(c.at, c.kind, c.subject_id, c.body, c.prev_hash, c.hash) AND hq.body_jsonb(c.body)->>'currency' IS NOT NULL
     ORDER BY c.seq LIMIT 1;
  END IF;
  SELECT max_minor INTO v_currency_limit FROM hq.currency_limits WHERE currency = v_currency;

  -- The first candidate that cannot join the chain: a gap, out of bounds, not canonical, a wrong hash, a broken link, another till's chain, no sense.
  -- The sense checks run set-based over the whole batch (each entry's fields against its kind's, one join), not entry by entry.
  WITH c AS (
    SELECT c.*, row_number() OVER (ORDER BY c.seq) AS rn, lag(c.hash) OVER (ORDER BY c.seq) AS prev_in_run,
           CASE WHEN hq.entry_shape_ok(c.at, c.kind, c.subject_id, c.body, c.prev_hash, c.hash) THEN hq.body_jsonb(c.body) END AS parsed,
           hq.instant(c.at) AS instant
      FROM hq.candidates(t.id, t.head_seq, p_entries) c
  ), fields AS (
    -- Per entry: the first named field that makes no sense (in the kind's order, currency first), the required fields
    -- missing, the first unnamed field that is not a plain bounded value.
    SELECT c.seq,
           (array_agg(m.msg ORDER BY m.ord) FILTER (WHERE m.msg IS NOT NULL AND m.ord < 1000))[1] AS named,
           string_agg(m.key, ', ' ORDER BY m.ord) FILTER (WHERE m.missing) AS missing,
           (array_agg(m.msg ORDER BY m.ord) FILTER (WHERE m.msg IS NOT NULL AND m.ord >= 1000))[1] AS extra
      FROM c JOIN hq.entry_kinds k ON k.kind = c.kind
     CROSS JOIN LATERAL (
       SELECT u.i AS ord, u.key, (vv.v IS NULL AND right(u.rule, 1) <> '?') AS missing, CASE
           WHEN vv.v IS NULL THEN NULL
           WHEN vv.type = 'null' THEN CASE WHEN right(u.rule, 1) <> '?' THEN format('its field %s is empty', u.key) END
           WHEN vv.kind IN ('amount', 'count') THEN CASE
             WHEN vv.type <> 'number' THEN format('its field %s is not a whole number from 0 to 2^53 - 1', u.key)
             WHEN vv.v::numeric < 0 THEN format('its field %s is not a whole number from 0 to 2^53 - 1', u.key)
             WHEN vv.kind = 'count' THEN NULL
             WHEN v_currency_limit IS NULL OR c.parsed->>'currency' IS DISTINCT FROM v_currency THEN format('its field %s is in no currency of this till', u.key)
             WHEN vv.v::numeric > v_currency_limit THEN
               format('its field %s (%s) is above the most a till takes at once (%s minor units of %s)', u.key, vv.v::text, v_currency_limit, v_currency) END
           WHEN vv.type <> 'string' THEN format('its field %s is not text', u.key)
           WHEN vv.kind = 'id' THEN CASE WHEN char_length(vv.v #>> '{}') NOT BETWEEN 1 AND 200 THEN format('its field %s is empty or longer than 200 characters', u.key) END
           WHEN vv.kind = 'text' THEN CASE WHEN char_length(vv.v #>> '{}') > 500 THEN format('its field %s is longer than 500 characters', u.key) END
           WHEN vv.kind = 'currency' THEN CASE
             WHEN (vv.v #>> '{}') IS NOT DISTINCT FROM v_currency AND v_currency_limit IS NOT NULL THEN NULL
             WHEN EXISTS (SELECT 1 FROM hq.currency_limits l WHERE l.currency = vv.v #>> '{}') THEN format('its currency %s is not this till''s (%s)', vv.v #>> '{}', v_currency)
             ELSE format('its field %s is not a currency head office knows', u.key) END
           WHEN vv.kind = 'at' THEN CASE
             WHEN (vv.v #>> '{}') <> c.at AND hq.instant(vv.v #>> '{}') IS NULL THEN format('its field %s is not an instant like 2025-03-10T08:00:00.000Z', u.key) END
           WHEN vv.kind = 'day' THEN CASE WHEN hq.calendar_day(vv.v #>> '{}') IS NULL THEN format('its field %s is not a day like 2025-03-10', u.key) END
           WHEN vv.kind = 'final' THEN CASE
             WHEN (vv.v #>> '{}') NOT IN ('successful', 'failed', 'rejected', 'expired') THEN format('its field %s is not a final status', u.key) END
         END AS msg
         FROM unnest(k.keys, k.rules) WITH ORDINALITY AS u (key, rule, i),
         LATERAL (SELECT c.parsed -> u.key AS v, jsonb_typeof(c.parsed -> u.key) AS type, rtrim(u.rule, '?') AS kind) vv
       UNION ALL
       SELECT 1000, e.key, false, CASE
           WHEN jsonb_typeof(e.value) IN ('object', 'array') THEN format('its field %s is not a plain value', left(e.key, 40))
           WHEN jsonb_typeof(e.value) = 'string' AND char_length(e.value #>> '{}') > 500 THEN format('its field %s is longer than 500 characters', left(e.key, 40))
         END
         FROM jsonb_each(c.parsed - k.keys) e
     ) m
     WHERE jsonb_typeof(c.parsed) = 'object'
     GROUP BY c.seq
  )
  SELECT seq, problem, hash, at, kind, subject_id, body, prev_hash, sense AS detail INTO v_bad FROM (
    SELECT w.*, CASE
        WHEN w.seq <> t.head_seq + w.rn THEN 'gap'
        WHEN w.parsed IS NULL AND NOT hq.entry_shape_ok(w.at, w.kind, w.subject_id, w.body, w.prev_hash, w.hash) THEN 'invalid'
        WHEN hq.canonical_json(w.parsed) IS DISTINCT FROM w.body THEN 'not_canonical'
        WHEN hq.entry_hash(w.prev_hash, w.seq, w.at, w.kind, w.subject_id, w.body) IS DISTINCT FROM w.hash THEN 'bad_hash'
        WHEN w.seq = 1 AND w.prev_hash NOT IN (repeat('0', 64), hq.device_genesis(p_device_id)) THEN 'bad_link'
        WHEN w.seq > 1 AND w.prev_hash IS DISTINCT FROM coalesce(w.prev_in_run, t.head_hash) THEN
          CASE WHEN w.seq = t.head_seq + 1 AND t.head_seq > 0 THEN 'fork_before' ELSE 'bad_link' END
        WHEN w.seq = 1 AND EXISTS (SELECT 1 FROM hq.tills o WHERE o.first_hash = w.hash AND o.id <> t.id) THEN 'foreign'
        WHEN w.sense IS NOT NULL THEN 'invalid'
      END AS problem
      FROM (
        SELECT c.*, CASE
            WHEN k.kind IS NULL THEN 'its kind is not one a till writes'
            WHEN octet_length(c.subject_id) NOT BETWEEN 1 AND 200 THEN 'its subject id is empty or longer than 200 bytes'
            WHEN c.instant IS NULL THEN 'its time is not an instant like 2025-03-10T08:00:00.000Z'
            WHEN c.instant > v_now + interval '${CLOCK_SKEW_MINUTES} minutes' THEN 'its time is later than head office''s clock plus ${CLOCK_SKEW_MINUTES} minutes'
            WHEN c.instant < timestamptz '2000-01-01T00:00:00Z' THEN 'its time is before the year 2000'
            WHEN jsonb_typeof(c.parsed) IS DISTINCT FROM 'object' THEN 'its body is not a JSON object'
            ELSE coalesce(f.named, 'it lacks ' || f.missing, f.extra)
          END AS sense
          FROM c LEFT JOIN hq.entry_kinds k ON k.kind = c.kind LEFT JOIN fields f ON f.seq = c.seq
      ) w
  ) checked WHERE problem IS NOT NULL ORDER BY seq LIMIT 1;
  v_limit := CASE WHEN v_bad.seq IS NULL THEN 9223372036854775807 ELSE v_bad.seq END;

  WITH moved AS (
    SELECT c.seq, c.at, c.kind, c.subject_id, c.body, c.prev_hash, c.hash,
           ((l.local - make_interval(hours => t.day_starts_at_hour))::date) AS business_day, extract(hour FROM l.local)::smallint AS hour
      FROM hq.candidates(t.id, t.head_seq, p_entries) c, LATERAL (SELECT c.at::timestamptz AT TIME ZONE t.time_zone AS local) l
     WHERE c.seq < v_limit
  ), kept AS (
    INSERT INTO hq.journal (till_id, seq, at, kind, subject_id, body, prev_hash, hash, business_day, hour, received_at)
      SELECT t.id, seq, at, kind, subject_id, body, prev_hash, hash, business_day, hour, v_now FROM moved
      RETURNING seq
  ), facts AS (
    SELECT m.business_day, m.hour, m.kind, b->>'currency' AS currency, (b->>'amountMinor')::bigint AS amount,
           b->>'status' AS status
      FROM moved m, LATERAL (SELECT m.body::jsonb AS b) body
     WHERE m.kind IN ('sale.paid_cash', 'payment.final', 'refund.final', 'till.z_report')
  ), days AS (
    INSERT INTO hq.day_totals AS d (business_day, till_id, currency, cash_sales, cash_minor, momo_sales, momo_minor, refunds, refunds_minor,
        prompts_successful, prompts_failed, prompts_rejected, prompts_expired, z_reports)
      SELECT business_day, t.id, currency,
        count(*) FILTER (WHERE kind = 'sale.paid_cash'), coalesce(sum(amount) FILTER (WHERE kind = 'sale.paid_cash'), 0),
        count(*) FILTER (WHERE kind = 'payment.final' AND status = 'successful'), coalesce(sum(amount) FILTER (WHERE kind = 'payment.final' AND status = 'successful'), 0),
        count(*) FILTER (WHERE kind = 'refund.final' AND status = 'successful'),
        coalesce(sum(amount) FILTER (WHERE kind = 'refund.final' AND status = 'successful'), 0),
        count(*) FILTER (WHERE kind = 'payment.final' AND status = 'successful'), count(*) FILTER (WHERE kind = 'payment.final' AND status = 'failed'),
        count(*) FILTER (WHERE kind = 'payment.final' AND status = 'rejected'), count(*) FILTER (WHERE kind = 'payment.final' AND status = 'expired'),
        count(*) FILTER (WHERE kind = 'till.z_report')
      FROM facts GROUP BY business_day, currency
    ON CONFLICT (business_day, till_id, currency) DO UPDATE SET
      cash_sales = d.cash_sales + excluded.cash_sales, cash_minor = d.cash_minor + excluded.cash_minor,
      momo_sales = d.momo_sales + excluded.momo_sales, momo_minor = d.momo_minor + excluded.momo_minor,
      refunds = d.refunds + excluded.refunds, refunds_minor = d.refunds_minor + excluded.refunds_minor,
      prompts_successful = d.prompts_successful + excluded.prompts_successful, prompts_failed = d.prompts_failed + excluded.prompts_failed,
      prompts_rejected = d.prompts_rejected + excluded.prompts_rejected, prompts_expired = d.prompts_expired + excluded.prompts_expired,
      z_reports = d.z_reports + excluded.z_reports
    RETURNING 1
  ), hours AS (
    INSERT INTO hq.hour_totals AS h (business_day, till_id, hour, currency, sales, sales_minor)
      SELECT business_day, t.id, hour, currency, count(*), sum(amount) FROM facts
       WHERE kind = 'sale.paid_cash' OR (kind = 'payment.final' AND status = 'successful')
       GROUP BY business_day, hour, currency
    ON CONFLICT (business_day, till_id, hour, currency) DO UPDATE SET sales = h.sales + excluded.sales, sales_minor = h.sales_minor + excluded.sales_minor
    RETURNING 1
  )
  SELECT count(*) INTO v_accepted FROM kept;

  IF v_accepted > 0 THEN
    -- The first entry that lands binds the device and the chain (an empty push binds nothing).
    UPDATE hq.tills SET head_seq = head.seq, head_hash = head.hash, device_id = coalesce(hq.tills.device_id, p_device_id),
        first_hash = coalesce(hq.tills.first_hash, (SELECT j.hash FROM hq.journal j WHERE j.till_id = t.id AND j.seq = 1)),
        first_push_at = coalesce(hq.tills.first_push_at, v_now),
        currency = coalesce(hq.tills.currency, CASE WHEN v_currency IS NOT NULL AND EXISTS (
          SELECT 1 FROM hq.journal j WHERE j.till_id = t.id AND j.received_at = v_now AND j.body::jsonb ? 'currency') THEN v_currency END)
      FROM (SELECT seq, hash FROM hq.journal WHERE till_id = t.id ORDER BY seq DESC LIMIT 1) head
     WHERE id = t.id RETURNING hq.tills.* INTO t;
    DELETE FROM hq.waiting WHERE till_id = t.id AND seq <= t.head_seq;
  END IF;
  IF v_bad.problem = 'gap' THEN
    -- What came after the gap waits, unchecked but bounded (this batch's copy of a seq replaces an older one).
    INSERT INTO hq.waiting (till_id, seq, at, kind, subject_id, body, prev_hash, hash, received_at)
      SELECT t.id, c.seq, c.at, c.kind, c.subject_id, c.body, c.prev_hash, c.hash, v_now
        FROM hq.candidates(t.id, t.head_seq, p_entries) c
       WHERE c.seq <= t.head_seq + ${MAX_WAITING} AND hq.entry_shape_ok(c.at, c.kind, c.subject_id, c.body, c.prev_hash, c.hash)
      ON CONFLICT (till_id, seq) DO UPDATE SET at = excluded.at, kind = excluded.kind, subject_id = excluded.subject_id, body = excluded.body,
        prev_hash = excluded.prev_hash, hash = excluded.hash, received_at = excluded.received_at;
  END IF;

  IF v_bad.seq IS NULL THEN
    RETURN hq.answer(t, 'ok', jsonb_build_object('accepted', v_accepted));
  ELSIF v_bad.problem = 'gap' THEN
    RETURN hq.answer(t, 'gap', jsonb_build_object('accepted', v_accepted, 'expectedSeq', t.head_seq + 1));
  ELSIF v_bad.problem = 'fork_before' THEN
    -- Intact, but it follows another entry than the one head office holds at seq - 1.
    INSERT INTO hq.alarms (till_id, kind, seq, held_hash, offered_hash, detail)
      VALUES (t.id, 'fork', t.head_seq, t.head_hash, '', format('entry %s links to another entry %s than the one head office holds', v_bad.seq, t.head_seq))
      ON CONFLICT DO NOTHING;
    DELETE FROM hq.waiting WHERE till_id = t.id AND seq >= v_bad.seq;
    UPDATE hq.tills SET fork_seq = t.head_seq WHERE id = t.id RETURNING * INTO t;
    RETURN hq.answer(t, 'fork', jsonb_build_object('accepted', v_accepted));
  END IF;
  IF v_bad.problem = 'foreign' THEN
    SELECT format('its chain is already till %s''s (same first entry): a copied or replayed ledger', o.name) INTO v_detail FROM hq.tills o WHERE o.first_hash = v_bad.hash;
  ELSIF v_bad.problem = 'invalid' THEN
    v_detail := CASE WHEN NOT hq.entry_shape_ok(v_bad.at, v_bad.kind, v_bad.subject_id, v_bad.body, v_bad.prev_hash, v_bad.hash)
      THEN 'it is incomplete or larger than an entry may be (body ${MAX_ENTRY_BODY_BYTES} bytes, subject 200, kind and time 40)'
      ELSE v_bad.detail END;
  ELSE
    v_detail := CASE v_bad.problem
      WHEN 'not_canonical' THEN 'its body is not in canonical form'
      WHEN 'bad_hash' THEN 'its hash does not match its contents'
      ELSE 'its link to the entry before it is broken' END;
  END IF;
  INSERT INTO hq.alarms (till_id, kind, seq, held_hash, offered_hash, detail)
    VALUES (t.id, CASE WHEN v_bad.problem IN ('foreign', 'invalid') THEN v_bad.problem ELSE 'forged' END, v_bad.seq, NULL,
            left(coalesce(v_bad.hash, ''), 64), v_detail)
    ON CONFLICT DO NOTHING;
  DELETE FROM hq.waiting WHERE till_id = t.id AND seq >= v_bad.seq;
  RETURN hq.answer(t, 'refused', jsonb_build_object('accepted', v_accepted, 'refusedSeq', v_bad.seq, 'reason', v_bad.problem, 'detail', v_detail));
END $$;

-- Limits on a till's own role (owner commands call it; add-till for each new till).
CREATE FUNCTION hq.limit_till_role(p_role text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER ROLE %I CONNECTION LIMIT 4', p_role);
  EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', p_role, '30s');
  EXECUTE format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L', p_role, '10s');
  EXECUTE format('ALTER ROLE %I SET lock_timeout = %L', p_role, '10s');
  EXECUTE format('ALTER ROLE %I SET work_mem = %L', p_role, '4MB');
  BEGIN
    EXECUTE format('ALTER ROLE %I SET idle_session_timeout = %L', p_role, '15min');
  EXCEPTION WHEN undefined_object THEN NULL; -- PostgreSQL before 14
  END;
  BEGIN
    -- Settable by a superuser only: an owner who is not one leaves it, and the README says so.
    EXECUTE format('ALTER ROLE %I SET temp_file_limit = %L', p_role, '16MB');
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'temp_file_limit not set on %: only a superuser may', p_role;
  END;
END $$;
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT role_name FROM hq.tills t WHERE EXISTS (SELECT 1 FROM pg_roles WHERE rolname = t.role_name) LOOP
    PERFORM hq.limit_till_role(r.role_name);
  END LOOP;
  -- No temporary tables for tills (nor anyone but the database's owner and superusers) in head office's database.
  BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'TEMPORARY on % left as it is: only its owner may revoke it', current_database();
  END;
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA hq FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA hq FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA hq FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hq.ingest(text, jsonb) TO ${TILL_GROUP_ROLE};
`,
};

// Head office migration 1. Frozen: never edit it once shipped; add the next file.
import { appendOnly, TILL_GROUP_ROLE, type HeadOfficeMigration } from './sql';

export const migration: HeadOfficeMigration = {
  version: 1,
  name: 'tills, journal copies, alarms, day totals, ingest',
  sql: String.raw`
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${TILL_GROUP_ROLE}') THEN CREATE ROLE ${TILL_GROUP_ROLE} NOLOGIN; END IF;
END $$;
GRANT USAGE ON SCHEMA hq TO ${TILL_GROUP_ROLE};

CREATE FUNCTION hq.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'head office''s % is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END $$;

CREATE TABLE hq.tills (
  id serial PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  role_name text NOT NULL UNIQUE,
  -- The ledger's device id, bound on the till's first push.
  device_id text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  head_seq bigint NOT NULL DEFAULT 0,
  head_hash text NOT NULL DEFAULT repeat('0', 64),
  last_push_at timestamptz,
  fork_seq bigint
);

-- Each till's journal as it pushed it; (till_id, seq) is the key, nothing is ever changed or removed.
CREATE TABLE hq.journal (
  till_id int NOT NULL REFERENCES hq.tills (id),
  seq bigint NOT NULL CHECK (seq > 0),
  at text NOT NULL,
  kind text NOT NULL,
  subject_id text NOT NULL,
  body text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  -- The till's business day and local hour of the entry (labels for reports, outside the hash).
  business_day date NOT NULL,
  hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  -- Head office's own clock: till clocks drift.
  received_at timestamptz NOT NULL,
  PRIMARY KEY (till_id, seq)
);
CREATE INDEX journal_by_day ON hq.journal (business_day);

-- Entries that arrived after a gap wait here, unchecked, until the gap fills.
CREATE TABLE hq.waiting (
  till_id int NOT NULL REFERENCES hq.tills (id),
  seq bigint NOT NULL,
  at text NOT NULL,
  kind text NOT NULL,
  subject_id text NOT NULL,
  body text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  business_day date NOT NULL,
  hour smallint NOT NULL,
  PRIMARY KEY (till_id, seq)
);

CREATE TABLE hq.alarms (
  id bigserial PRIMARY KEY,
  till_id int NOT NULL REFERENCES hq.tills (id),
  kind text NOT NULL CHECK (kind IN ('fork', 'forged')),
  seq bigint NOT NULL,
  held_hash text,
  offered_hash text,
  detail text NOT NULL,
  raised_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (till_id, kind, seq, offered_hash)
);

-- Kept on ingest, so a day across many tills is one indexed read.
CREATE TABLE hq.day_totals (
  business_day date NOT NULL,
  till_id int NOT NULL REFERENCES hq.tills (id),
  currency text NOT NULL,
  cash_sales int NOT NULL DEFAULT 0,
  cash_minor bigint NOT NULL DEFAULT 0,
  momo_sales int NOT NULL DEFAULT 0,
  momo_minor bigint NOT NULL DEFAULT 0,
  refunds int NOT NULL DEFAULT 0,
  refunds_minor bigint NOT NULL DEFAULT 0,
  prompts_successful int NOT NULL DEFAULT 0,
  prompts_failed int NOT NULL DEFAULT 0,
  prompts_rejected int NOT NULL DEFAULT 0,
  prompts_expired int NOT NULL DEFAULT 0,
  z_reports int NOT NULL DEFAULT 0,
  PRIMARY KEY (business_day, till_id, currency)
);
CREATE TABLE hq.hour_totals (
  business_day date NOT NULL,
  till_id int NOT NULL REFERENCES hq.tills (id),
  hour smallint NOT NULL,
  currency text NOT NULL,
  sales int NOT NULL DEFAULT 0,
  sales_minor bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (business_day, till_id, hour, currency)
);

${appendOnly('journal')}
${appendOnly('alarms')}

-- A string's UTF-16 code units: JavaScript sorts object keys by these.
CREATE FUNCTION hq.utf16_units(s text) RETURNS int[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(u ORDER BY i, part), '{}') FROM (
    SELECT i, 0 AS part, CASE WHEN cp > 65535 THEN 55296 + ((cp - 65536) >> 10) ELSE cp END AS u
      FROM (SELECT i, ascii(c) AS cp FROM unnest(string_to_array(s, NULL)) WITH ORDINALITY AS a (c, i)) z
    UNION ALL
    SELECT i, 1, 56320 + ((cp - 65536) & 1023)
      FROM (SELECT i, ascii(c) AS cp FROM unnest(string_to_array(s, NULL)) WITH ORDINALITY AS a (c, i)) z WHERE cp > 65535
  ) units
$$;

-- The till's canonical JSON of a value, or NULL when the value has no canonical form (a fraction, an unsafe integer).
CREATE FUNCTION hq.canonical_json(v jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  kind text := jsonb_typeof(v);
  parts text[];
BEGIN
  IF kind = 'object' THEN
    -- Below U+10000, UTF-16 order is byte order (COLLATE "C"); only keys with astral characters need the units.
    IF v::text ~ '[\U00010000-\U0010FFFF]' THEN
      SELECT array_agg(to_json(e.key)::text || ':' || coalesce(hq.canonical_json(e.value), chr(1)) ORDER BY hq.utf16_units(e.key)) INTO parts FROM jsonb_each(v) e;
    ELSE
      SELECT array_agg(to_json(e.key)::text || ':' || CASE jsonb_typeof(e.value)
          WHEN 'string' THEN e.value::text WHEN 'boolean' THEN e.value::text WHEN 'null' THEN 'null'
          ELSE coalesce(hq.canonical_json(e.value), chr(1)) END ORDER BY e.key COLLATE "C") INTO parts FROM jsonb_each(v) e;
    END IF;
    IF parts IS NULL THEN RETURN '{}'; END IF;
    IF array_to_string(parts, ',') ~ '\x01' THEN RETURN NULL; END IF;
    RETURN '{' || array_to_string(parts, ',') || '}';
  ELSIF kind = 'array' THEN
    SELECT array_agg(coalesce(hq.canonical_json(e.value), chr(1)) ORDER BY e.i) INTO parts FROM jsonb_array_elements(v) WITH ORDINALITY AS e (value, i);
    IF parts IS NULL THEN RETURN '[]'; END IF;
    IF array_to_string(parts, ',') ~ '\x01' THEN RETURN NULL; END IF;
    RETURN '[' || array_to_string(parts, ',') || ']';
  ELSIF kind = 'number' THEN
    IF v::text ~ '^-?(0|[1-9][0-9]{0,15})$' AND abs(v::text::numeric) <= 9007199254740991 THEN RETURN v::text; END IF;
    RETURN NULL;
  ELSE
    RETURN v::text;
  END IF;
END $$;

-- hash = sha256(prev_hash || canonical JSON of {at, body, kind, seq, subjectId}), the body given as its canonical text.
CREATE FUNCTION hq.entry_hash(prev_hash text, seq bigint, at text, kind text, subject_id text, body text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(prev_hash || '{"at":' || to_json(at)::text || ',"body":' || body || ',"kind":' || to_json(kind)::text
    || ',"seq":' || seq::text || ',"subjectId":' || to_json(subject_id)::text || '}', 'UTF8')), 'hex')
$$;

-- The body as jsonb, or NULL when it is not JSON at all.
CREATE FUNCTION hq.body_jsonb(body text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  RETURN body::jsonb;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;

CREATE FUNCTION hq.answer(t hq.tills, status text, extra jsonb DEFAULT '{}') RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'status', status,
    'tillName', t.name,
    'headSeq', t.head_seq,
    'headHash', t.head_hash,
    'receivedAt', (SELECT to_char(j.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM hq.journal j WHERE j.till_id = t.id AND j.seq = t.head_seq),
    'forkSeq', t.fork_seq,
    'waiting', (SELECT count(*) FROM hq.waiting w WHERE w.till_id = t.id)
  ) || extra
$$;

-- What may join a till's chain now: this batch above the head, and what waited after an earlier gap (the batch's copy first).
CREATE FUNCTION hq.candidates(p_till int, p_head bigint, p_entries jsonb)
RETURNS TABLE (seq bigint, at text, kind text, subject_id text, body text, prev_hash text, hash text, business_day date, hour smallint)
LANGUAGE sql STABLE AS $$
  SELECT DISTINCT ON (c.seq) c.seq, c.at, c.kind, c.subject_id, c.body, c.prev_hash, c.hash, c.business_day, c.hour FROM (
    SELECT b.seq, b.at, b.kind, b."subjectId" AS subject_id, b.body, b."prevHash" AS prev_hash, b.hash, b.day AS business_day, b.hour, 0 AS older
      FROM jsonb_to_recordset(p_entries) AS b (seq bigint, at text, kind text, "subjectId" text, body text, "prevHash" text, hash text, day date, hour smallint)
     WHERE b.seq > p_head
    UNION ALL
    SELECT w.seq, w.at, w.kind, w.subject_id, w.body, w.prev_hash, w.hash, w.business_day, w.hour, 1
      FROM hq.waiting w WHERE w.till_id = p_till AND w.seq > p_head
  ) c ORDER BY c.seq, c.older
$$;

/*
 * One batch from one till: [{seq, at, kind, subjectId, body, prevHash, hash, day, hour}], in any order.
 * Answers {status: ok | gap | fork | refused, headSeq, headHash, receivedAt, forkSeq, accepted, …}.
 */
CREATE FUNCTION hq.ingest(p_device_id text, p_entries jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  t hq.tills;
  v_now timestamptz := clock_timestamp();
  v_fork record;
  v_bad record;
  v_limit bigint;
  v_accepted int := 0;
BEGIN
  IF p_device_id IS NULL OR p_device_id !~ '^[A-Za-z0-9_-]{1,64}$' THEN
    RAISE EXCEPTION 'device id % is not valid', p_device_id USING ERRCODE = '22023';
  END IF;
  IF p_entries IS NULL OR jsonb_typeof(p_entries) <> 'array' THEN
    RAISE EXCEPTION 'a batch is a JSON array of journal entries' USING ERRCODE = '22023';
  END IF;
  -- One push at a time per till (two windows, a retry racing its own timeout): the row lock queues them.
  SELECT * INTO t FROM hq.tills WHERE role_name = session_user FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'role % is not a till of this head office', session_user USING ERRCODE = '42501';
  END IF;
  IF t.device_id IS NULL THEN
    UPDATE hq.tills SET device_id = p_device_id WHERE id = t.id RETURNING * INTO t;
  ELSIF t.device_id <> p_device_id THEN
    RAISE EXCEPTION 'this till''s role belongs to device %, not %', t.device_id, p_device_id USING ERRCODE = '42501';
  END IF;
  UPDATE hq.tills SET last_push_at = v_now WHERE id = t.id RETURNING * INTO t;
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
      VALUES (t.id, 'fork', v_fork.seq, v_fork.held, v_fork.offered, 'head office holds another entry at this seq')
      ON CONFLICT DO NOTHING;
    UPDATE hq.tills SET fork_seq = v_fork.seq WHERE id = t.id RETURNING * INTO t;
    RETURN hq.answer(t, 'fork', jsonb_build_object('accepted', 0));
  END IF;

  -- The first candidate that cannot join the chain: a gap, a body not in canonical form, a wrong hash, a broken link.
  SELECT seq, problem, hash INTO v_bad FROM (
    SELECT w.seq, w.hash, CASE
        WHEN w.seq <> t.head_seq + row_number() OVER (ORDER BY w.seq) THEN 'gap'
        WHEN hq.canonical_json(hq.body_jsonb(w.body)) IS DISTINCT FROM w.body THEN 'not_canonical'
        WHEN hq.entry_hash(w.prev_hash, w.seq, w.at, w.kind, w.subject_id, w.body) IS DISTINCT FROM w.hash THEN 'bad_hash'
        WHEN w.prev_hash IS DISTINCT FROM coalesce(lag(w.hash) OVER (ORDER BY w.seq), t.head_hash) THEN
          CASE WHEN w.seq = t.head_seq + 1 AND t.head_seq > 0 THEN 'fork_before' ELSE 'bad_link' END
      END AS problem
      FROM hq.candidates(t.id, t.head_seq, p_entries) w
  ) checked WHERE problem IS NOT NULL ORDER BY seq LIMIT 1;
  v_limit := CASE WHEN v_bad.seq IS NULL THEN 9223372036854775807 ELSE v_bad.seq END;

  WITH moved AS (
    SELECT * FROM hq.candidates(t.id, t.head_seq, p_entries) c WHERE c.seq < v_limit
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
      SELECT business_day, t.id, coalesce(currency, '???'),
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
    UPDATE hq.tills SET head_seq = head.seq, head_hash = head.hash
      FROM (SELECT seq, hash FROM hq.journal WHERE till_id = t.id ORDER BY seq DESC LIMIT 1) head
     WHERE id = t.id RETURNING hq.tills.* INTO t;
    DELETE FROM hq.waiting WHERE till_id = t.id AND seq <= t.head_seq;
  END IF;
  IF v_bad.problem = 'gap' THEN
    -- What came after the gap waits, unchecked (this batch's copy of a seq replaces an older one).
    INSERT INTO hq.waiting (till_id, seq, at, kind, subject_id, body, prev_hash, hash, business_day, hour)
      SELECT t.id, c.seq, c.at, c.kind, c.subject_id, c.body, c.prev_hash, c.hash, c.business_day, c.hour
        FROM hq.candidates(t.id, t.head_seq, p_entries) c
      ON CONFLICT (till_id, seq) DO UPDATE SET at = excluded.at, kind = excluded.kind, subject_id = excluded.subject_id, body = excluded.body,
        prev_hash = excluded.prev_hash, hash = excluded.hash, business_day = excluded.business_day, hour = excluded.hour;
  END IF;

  IF v_bad.seq IS NULL THEN
    RETURN hq.answer(t, 'ok', jsonb_build_object('accepted', v_accepted));
  ELSIF v_bad.problem = 'gap' THEN
    RETURN hq.answer(t, 'gap', jsonb_build_object('accepted', v_accepted, 'expectedSeq', t.head_seq + 1));
  ELSIF v_bad.problem = 'fork_before' THEN
    -- Intact, but it follows another entry than the one head office holds at seq - 1.
    INSERT INTO hq.alarms (till_id, kind, seq, held_hash, offered_hash, detail)
      VALUES (t.id, 'fork', t.head_seq, t.head_hash, NULL, format('entry %s links to another entry %s than the one head office holds', v_bad.seq, t.head_seq))
      ON CONFLICT DO NOTHING;
    DELETE FROM hq.waiting WHERE till_id = t.id AND seq >= v_bad.seq;
    UPDATE hq.tills SET fork_seq = t.head_seq WHERE id = t.id RETURNING * INTO t;
    RETURN hq.answer(t, 'fork', jsonb_build_object('accepted', v_accepted));
  ELSE
    INSERT INTO hq.alarms (till_id, kind, seq, held_hash, offered_hash, detail)
      VALUES (t.id, 'forged', v_bad.seq, NULL, v_bad.hash, CASE v_bad.problem
        WHEN 'not_canonical' THEN 'its body is not in canonical form'
        WHEN 'bad_hash' THEN 'its hash does not match its contents'
        ELSE 'its link to the entry before it is broken' END)
      ON CONFLICT DO NOTHING;
    DELETE FROM hq.waiting WHERE till_id = t.id AND seq >= v_bad.seq;
    RETURN hq.answer(t, 'refused', jsonb_build_object('accepted', v_accepted, 'refusedSeq', v_bad.seq, 'reason', v_bad.problem));
  END IF;
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA hq FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA hq FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA hq FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hq.ingest(text, jsonb) TO ${TILL_GROUP_ROLE};
`,
};

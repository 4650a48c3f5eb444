// Head office migration 3. Frozen: never edit it once shipped; add the next file.
import { appendOnly, TILL_GROUP_ROLE, type HeadOfficeMigration } from './sql';

export const migration: HeadOfficeMigration = {
  version: 3,
  name: 'momo callbacks relayed to tills',
  sql: `
-- Each till's callback key: the unguessable path segment of its callback URL (MoMo's callbacks are unsigned).
ALTER TABLE hq.tills ADD COLUMN callback_key text UNIQUE DEFAULT replace(gen_random_uuid()::text, '-', '');
UPDATE hq.tills SET callback_key = replace(gen_random_uuid()::text, '-', '') WHERE callback_key IS NULL;
ALTER TABLE hq.tills ALTER COLUMN callback_key SET NOT NULL;

-- Every callback received, as received: a hint for the till, never trusted (the till asks MoMo).
CREATE TABLE hq.callbacks (
  id bigserial PRIMARY KEY,
  till_id int NOT NULL REFERENCES hq.tills (id),
  reference text NOT NULL CHECK (reference ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  method text NOT NULL CHECK (method IN ('POST', 'PUT')),
  body text NOT NULL CHECK (octet_length(body) <= 8192),
  received_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX callbacks_by_till ON hq.callbacks (till_id, id);
${appendOnly('callbacks')}

-- The notification channel of a till: it carries only a row id, never a reference (any role may LISTEN to any channel).
CREATE FUNCTION hq.callback_channel(p_till int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'momo_callback_' || p_till $$;

-- hq serve: records one callback and wakes the till; NULL (nothing stored) for an unknown key.
CREATE FUNCTION hq.record_callback(p_key text, p_reference text, p_method text, p_body text) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hq AS $$
DECLARE
  v_till int;
  v_id bigint;
BEGIN
  -- A revoked till hears nothing more (its key is as dead as its login).
  SELECT id INTO v_till FROM hq.tills WHERE callback_key = p_key AND revoked_at IS NULL;
  IF v_till IS NULL THEN RETURN NULL; END IF;
  INSERT INTO hq.callbacks (till_id, reference, method, body) VALUES (v_till, lower(p_reference), p_method, p_body) RETURNING id INTO v_id;
  PERFORM pg_notify(hq.callback_channel(v_till), v_id::text);
  RETURN v_id;
END $$;

-- A till's own callback key and channel, found by its login role.
CREATE FUNCTION hq.my_callback_setup() RETURNS jsonb
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, hq AS $$
  SELECT jsonb_build_object('key', callback_key, 'channel', hq.callback_channel(id)) FROM hq.tills WHERE role_name = session_user
$$;

-- A till's own callbacks after a row id (at most 500, oldest first); from 0: the last 24 hours only.
CREATE FUNCTION hq.my_callbacks(p_after bigint) RETURNS TABLE (id bigint, reference text, received_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, hq AS $$
  SELECT c.id, c.reference, c.received_at FROM hq.callbacks c JOIN hq.tills t ON t.id = c.till_id
  WHERE t.role_name = session_user AND c.id > p_after AND (p_after > 0 OR c.received_at > now() - interval '24 hours')
  ORDER BY c.id LIMIT 500
$$;

REVOKE ALL ON hq.callbacks FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA hq FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION hq.callback_channel(int), hq.record_callback(text, text, text, text), hq.my_callback_setup(), hq.my_callbacks(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hq.my_callback_setup(), hq.my_callbacks(bigint) TO ${TILL_GROUP_ROLE};
`,
};

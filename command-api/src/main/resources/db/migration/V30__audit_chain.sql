-- Issue 16: the audit log as evidence. The application's runtime role may only insert into and read
-- audit_log (afterMigrate.sql); these objects belong to the owner role that runs the migrations.
-- Every audit row is also linked into a hash chain, so that a change made by someone who can bypass
-- the triggers (the owner, a superuser) shows as a broken link. docs/audit.md has the whole model.

-- No audit row may slip in unchained while the existing ones are being chained below.
LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE;

-- The append-only trigger function names the table it guards, now that it guards two.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

-- One link per audit row, in commit order: hash = sha256(prev_hash || the row's canonical bytes).
CREATE TABLE audit_chain (
    seq       bigint PRIMARY KEY CHECK (seq > 0),
    audit_id  bigint NOT NULL UNIQUE,
    prev_hash bytea  NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash      bytea  NOT NULL CHECK (octet_length(hash) = 32)
);
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE OR DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- The canonical bytes of an audit row: each field as <UTF-8 length>:<text>, a null as '-', in the
-- order id, at, actor, action, entity, entity_id, reason, detail. `at` is written as microseconds
-- since the Unix epoch (at::text would depend on the session's TimeZone); detail as jsonb's own
-- normalised text. AuditLinkHash (Java) computes the same bytes to verify the chain independently.
CREATE FUNCTION audit_link_hash(prev bytea, r audit_log) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
    SELECT sha256(prev || convert_to(
        octet_length(r.id::text) || ':' || r.id::text
        || octet_length(t.at_us) || ':' || t.at_us
        || octet_length(r.actor) || ':' || r.actor
        || octet_length(r.action) || ':' || r.action
        || octet_length(r.entity) || ':' || r.entity
        || octet_length(r.entity_id) || ':' || r.entity_id
        || coalesce(octet_length(r.reason) || ':' || r.reason, '-')
        || octet_length(r.detail::text) || ':' || r.detail::text, 'UTF8'))
    FROM (SELECT (extract(epoch FROM r.at) * 1000000)::bigint::text AS at_us) t
$$;

-- Appends the link of a new audit row. It runs at commit (the trigger below is deferred), under a
-- transaction advisory lock: one committing transaction at a time reads the chain's head and
-- extends it, and the lock is released only after that commit is visible, so the next one reads the
-- new head. Taking the lock at insert time instead would hold it while the same transaction (or the
-- same statement, on the alarm path) goes on to lock rows, and two such transactions could deadlock.
-- SECURITY DEFINER: the runtime role may not write audit_chain itself.
CREATE FUNCTION audit_chain_append() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    head_seq  bigint;
    head_hash bytea;
BEGIN
    -- A snapshot older than the lock would read a stale head: the chain would fork.
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'audit rows must be written in READ COMMITTED transactions (this one is %)',
            current_setting('transaction_isolation') USING ERRCODE = 'feature_not_supported';
    END IF;
    PERFORM pg_advisory_xact_lock(1381450069); -- 0x5257_4155, "RWAU", beside the app's other advisory locks
    SELECT seq, hash INTO head_seq, head_hash FROM public.audit_chain ORDER BY seq DESC LIMIT 1;
    head_seq := coalesce(head_seq, 0);
    head_hash := coalesce(head_hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
    INSERT INTO public.audit_chain (seq, audit_id, prev_hash, hash)
    VALUES (head_seq + 1, NEW.id, head_hash, public.audit_link_hash(head_hash, NEW));
    RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION audit_chain_append() FROM PUBLIC;

CREATE CONSTRAINT TRIGGER audit_log_chain AFTER INSERT ON audit_log
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_chain_append();

-- The rows written before this migration, in id order from the genesis value (32 zero bytes).
DO $$
DECLARE
    r    audit_log;
    n    bigint := 0;
    prev bytea := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    h    bytea;
BEGIN
    FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
        n := n + 1;
        h := audit_link_hash(prev, r);
        INSERT INTO audit_chain (seq, audit_id, prev_hash, hash) VALUES (n, r.id, prev, h);
        prev := h;
    END LOOP;
END $$;

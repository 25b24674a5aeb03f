-- Flyway runs this after every migrate, as the owner role: the runtime role's privileges, applied
-- afresh each time so that tables added by later migrations, and a renamed runtime role, are
-- covered. ${approle} is the runtime role (spring.datasource.username). docs/audit.md has the model.
--
-- The runtime role may read and write the application's tables, but audit_log only read and insert
-- into, audit_chain only read, and flyway_schema_history not at all; nowhere TRUNCATE, REFERENCES or
-- TRIGGER. It owns nothing, so it can neither alter a table nor disable a trigger.
DO $$
DECLARE
    app text := '${approle}';
    t   record;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = app) THEN
        RAISE EXCEPTION 'the runtime database role "%" does not exist: create it as a LOGIN role that owns nothing (docs/audit.md)', app;
    END IF;
    IF pg_has_role(app, current_user, 'MEMBER') THEN
        -- migrating as the runtime role itself (or one of its member roles): revoking would strip the
        -- owner; the application refuses to start right after (DatabaseRoleGuard) and says why
        RAISE WARNING 'the runtime role "%" is the migration role or a member of it; its privileges are left alone', app;
        RETURN;
    END IF;

    -- Tables and views of the application (not extension-owned ones such as PostGIS's spatial_ref_sys,
    -- not partitions, which the runtime role reaches only through their parent).
    FOR t IN
        SELECT c.oid::regclass AS rel, c.relname
        FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
          AND NOT c.relispartition
          AND pg_has_role(current_user, c.relowner, 'USAGE')
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('REVOKE ALL ON %s FROM %I', t.rel, app);
        CASE t.relname
            WHEN 'audit_log' THEN EXECUTE format('GRANT SELECT, INSERT ON %s TO %I', t.rel, app);
            WHEN 'audit_chain' THEN EXECUTE format('GRANT SELECT ON %s TO %I', t.rel, app);
            WHEN 'flyway_schema_history' THEN NULL;
            ELSE EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO %I', t.rel, app);
        END CASE;
    END LOOP;

    -- Sequences it may call nextval on (identity columns need no grant), not setval (UPDATE); not
    -- the audit tables' own.
    FOR t IN
        SELECT c.oid::regclass AS rel,
               EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                       AND d.refobjid IN (to_regclass('public.audit_log'), to_regclass('public.audit_chain'))) AS audit
        FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'
          AND pg_has_role(current_user, c.relowner, 'USAGE')
    LOOP
        EXECUTE format('REVOKE ALL ON %s FROM %I', t.rel, app);
        IF NOT t.audit THEN
            EXECUTE format('GRANT USAGE, SELECT ON %s TO %I', t.rel, app);
        END IF;
    END LOOP;

    IF to_regprocedure('public.rw_partition_maintenance()') IS NOT NULL THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION public.rw_partition_maintenance() TO %I', app);
    END IF;

    -- No temporary objects (they could stand in for catalog tables inside pg_partman's maintenance,
    -- see V29) and no objects of its own in the schema.
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC, %I', current_database(), app);
    EXECUTE format('REVOKE CREATE ON SCHEMA public FROM PUBLIC, %I', app);
END $$;

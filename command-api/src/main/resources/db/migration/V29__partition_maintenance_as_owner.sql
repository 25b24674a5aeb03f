-- Issue 16: the application no longer connects as the owner of its tables. Migrations run as the
-- owner role; the application's runtime role gets only what afterMigrate.sql grants it, and owns
-- nothing (docs/audit.md).

-- pg_partman's maintenance creates and drops partitions, which only the tables' owner may do. The
-- runtime role calls this (afterMigrate.sql grants EXECUTE to it alone) instead of partman itself.
-- run_maintenance puts pg_temp before pg_catalog on its own search_path and names catalog tables
-- unqualified, so a caller's temporary table could stand in for one: a session with temporary
-- objects is refused (and afterMigrate.sql revokes TEMPORARY from the runtime role anyway).
CREATE FUNCTION rw_partition_maintenance() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF pg_my_temp_schema() <> 0 THEN
        RAISE EXCEPTION 'rw_partition_maintenance refuses a session that has temporary objects'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_partman') THEN
        RETURN;
    END IF;
    PERFORM partman.run_maintenance();
    -- run_maintenance sets search_path for the whole session (set_config(..., false)), which outlives
    -- this function's SET clause: give the caller's pooled connection back its default path.
    RESET search_path;
END $$;
REVOKE EXECUTE ON FUNCTION rw_partition_maintenance() FROM PUBLIC;

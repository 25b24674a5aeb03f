-- Issue 23: every instance keeps a cache of registered devices for ingestion (DeviceDirectory). A
-- change made through another instance's API (moved, retired, re-keyed, deleted) must reach it, as
-- area and zone changes do: a trigger bumps geo_revision('device') and the caches follow within
-- redwhistle.geo.refresh-interval. Only the columns the cache holds count, so the liveness writes
-- (last_seen, online, silent_since) bump nothing.
INSERT INTO geo_revision (name) VALUES ('device') ON CONFLICT DO NOTHING;

CREATE FUNCTION device_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE geo_revision SET revision = revision + 1 WHERE name = 'device';
    RETURN NULL;
END $$;

CREATE TRIGGER device_revision_upd_trg AFTER UPDATE ON device FOR EACH ROW
    WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.area_id IS DISTINCT FROM NEW.area_id
          OR OLD.location IS DISTINCT FROM NEW.location OR OLD.state IS DISTINCT FROM NEW.state
          OR OLD.provisioning_key_id IS DISTINCT FROM NEW.provisioning_key_id)
    EXECUTE FUNCTION device_bump_revision();
CREATE TRIGGER device_revision_del_trg AFTER DELETE ON device
    FOR EACH STATEMENT EXECUTE FUNCTION device_bump_revision();
CREATE TRIGGER provisioning_key_revision_trg AFTER UPDATE OF area_id OR DELETE ON provisioning_key
    FOR EACH STATEMENT EXECUTE FUNCTION device_bump_revision();

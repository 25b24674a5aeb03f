-- Devices are not trusted about where they are. A fixed device's event that reported a position away
-- from the device's registered place (beyond its kind's tolerance, or outside its area) is stored at
-- the registered place; what the device said, and how far that is from the registered place, stay
-- here for audit. Both are null for every other event.
ALTER TABLE device_event
    ADD COLUMN reported_location   geometry(Point, 4326),
    ADD COLUMN reported_distance_m real;

-- When each of the platform's persistent MQTT sessions (by client id, e.g. rw-1-ingest) last had a
-- batch committed, written at most once a second. After a restart, the broker delivers what the
-- devices sent meanwhile all at once; the time since then is how much each device's rate limit lets
-- through on top of its burst (RateLimitProperties.catchUp), so the backlog is not taken for a flood.
CREATE TABLE ingest_session (
    client_id   text        PRIMARY KEY,
    consumed_at timestamptz NOT NULL
);

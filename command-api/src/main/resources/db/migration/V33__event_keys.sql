-- Idempotency on (device, msgId) whatever the ts. device_event is partitioned on ts, so its primary
-- key must include ts, and the same msgId sent again with another ts was stored (and alarmed) twice.
-- A unique key without ts cannot exist on a partitioned table: the keys live here, unpartitioned,
-- claimed by the same statement that inserts the events (IngestWriter), and are deleted once their
-- event is past device_event's retention (TimeSeriesStorage, redwhistle.storage.event-key-retention).
CREATE TABLE device_event_key (
    device_id text        NOT NULL,
    msg_id    text        NOT NULL,
    ts        timestamptz NOT NULL,   -- the stored event's ts: the key expires with it
    PRIMARY KEY (device_id, msg_id)
);
CREATE INDEX device_event_key_ts_idx ON device_event_key (ts);

INSERT INTO device_event_key (device_id, msg_id, ts)
SELECT device_id, msg_id, min(ts) FROM device_event GROUP BY device_id, msg_id;

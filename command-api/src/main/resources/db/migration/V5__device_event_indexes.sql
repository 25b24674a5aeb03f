-- Every index costs on the 20,000 events/s ingestion path. Queries read device_event by device and
-- time (track replay, device history); nothing filters by type alone yet, so that index goes.
DROP INDEX IF EXISTS device_event_type_ts_idx;

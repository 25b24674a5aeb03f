-- One index fewer on the positions path (10,000 fixes/s in the live-push benchmark): a terminal's
-- track is read through the primary key (device_id, ts), which a backward scan serves for
-- "newest first" too. The second btree on the same columns doubled the index pages every fix
-- dirtied, and with them the full-page images written to the WAL after each checkpoint.
DROP INDEX IF EXISTS device_position_device_ts_idx;

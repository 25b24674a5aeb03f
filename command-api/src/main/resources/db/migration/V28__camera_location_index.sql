-- Which cameras see a place (camera verification of every perimeter alarm, the dispatch proposal)
-- is asked with a 5 km box: with a village's patrol terminals in the same table, the location index
-- returned every one of them (10,000 rows in the live-push benchmark, ~30 ms per alarm) to keep the
-- few cameras. The cameras get a location index of their own.
CREATE INDEX IF NOT EXISTS device_camera_location_idx ON device USING gist (location) WHERE kind = 'camera';

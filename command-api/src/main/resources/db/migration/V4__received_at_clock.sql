-- received_at is when the row was written (clock_timestamp), not when its transaction began (now()),
-- so publish→store latency can be measured from the rows themselves.
ALTER TABLE device_event ALTER COLUMN received_at SET DEFAULT clock_timestamp();

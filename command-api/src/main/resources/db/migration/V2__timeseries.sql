-- Time-series tables: TimescaleDB hypertables where the extension can be created, else native
-- daily range partitions kept by pg_partman, else (neither available) a partitioned table with only
-- a default partition. The choice is recorded in storage_setting and logged by the application.
-- Primary keys include the time column (required by both partitioning schemes); an event's ts comes
-- from its payload, so a redelivered message collides with itself and is ignored.
CREATE TABLE storage_setting (name text PRIMARY KEY, value text NOT NULL);

DO $$
DECLARE
    path text;
BEGIN
    BEGIN
        IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
            CREATE EXTENSION IF NOT EXISTS timescaledb;
            path := 'timescaledb';
        END IF;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'timescaledb is available but cannot be created (%); using the fallback', SQLERRM;
        path := NULL;
    END;
    IF path IS NULL THEN
        IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_partman') THEN
            path := 'pg_partman';
        ELSE
            path := 'plain';
        END IF;
    END IF;

    IF path = 'timescaledb' THEN
        CREATE TABLE device_event (
            device_id text NOT NULL, msg_id text NOT NULL, ts timestamptz NOT NULL,
            received_at timestamptz NOT NULL DEFAULT now(), type text NOT NULL,
            location geometry(Point, 4326), grid_id bigint, payload jsonb NOT NULL,
            PRIMARY KEY (device_id, msg_id, ts));
        CREATE TABLE device_position (
            device_id text NOT NULL, ts timestamptz NOT NULL, location geometry(Point, 4326) NOT NULL,
            accuracy_m real, speed_mps real, heading_deg real, battery real,
            PRIMARY KEY (device_id, ts));
        PERFORM create_hypertable('device_event', 'ts', chunk_time_interval => INTERVAL '1 day');
        PERFORM create_hypertable('device_position', 'ts', chunk_time_interval => INTERVAL '1 day');
        PERFORM add_retention_policy('device_position', drop_after => INTERVAL '90 days');
        PERFORM add_retention_policy('device_event', drop_after => INTERVAL '400 days');
    ELSE
        CREATE TABLE device_event (
            device_id text NOT NULL, msg_id text NOT NULL, ts timestamptz NOT NULL,
            received_at timestamptz NOT NULL DEFAULT now(), type text NOT NULL,
            location geometry(Point, 4326), grid_id bigint, payload jsonb NOT NULL,
            PRIMARY KEY (device_id, msg_id, ts)) PARTITION BY RANGE (ts);
        CREATE TABLE device_position (
            device_id text NOT NULL, ts timestamptz NOT NULL, location geometry(Point, 4326) NOT NULL,
            accuracy_m real, speed_mps real, heading_deg real, battery real,
            PRIMARY KEY (device_id, ts)) PARTITION BY RANGE (ts);
        IF path = 'pg_partman' THEN
            -- daily partitions from a week back (late events) to a week ahead; maintenance keeps them coming
            PERFORM partman.create_parent('public.device_event', 'ts', 'native', 'daily',
                p_premake => 7, p_start_partition => to_char(now() - INTERVAL '7 days', 'YYYY-MM-DD'));
            PERFORM partman.create_parent('public.device_position', 'ts', 'native', 'daily',
                p_premake => 7, p_start_partition => to_char(now() - INTERVAL '7 days', 'YYYY-MM-DD'));
            UPDATE partman.part_config SET retention = '400 days', retention_keep_table = false
                WHERE parent_table = 'public.device_event';
            UPDATE partman.part_config SET retention = '90 days', retention_keep_table = false
                WHERE parent_table = 'public.device_position';
        ELSE
            CREATE TABLE device_event_default PARTITION OF device_event DEFAULT;
            CREATE TABLE device_position_default PARTITION OF device_position DEFAULT;
        END IF;
    END IF;

    INSERT INTO storage_setting (name, value) VALUES ('timeseries', path);
END $$;

CREATE INDEX device_event_device_ts_idx ON device_event (device_id, ts DESC);
CREATE INDEX device_event_type_ts_idx ON device_event (type, ts DESC);
CREATE INDEX device_position_device_ts_idx ON device_position (device_id, ts DESC);

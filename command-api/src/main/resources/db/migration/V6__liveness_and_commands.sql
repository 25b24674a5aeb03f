-- Liveness: when a device went silent (missed its heartbeats past the configured time); null while it is heard from.
ALTER TABLE device ADD COLUMN silent_since timestamptz;

-- Commands to devices, tracked to their acknowledgement.
CREATE TABLE device_command (
    id           text PRIMARY KEY,                      -- cmdId sent to the device
    device_id    text NOT NULL REFERENCES device (id),
    command      text NOT NULL,
    args         jsonb NOT NULL DEFAULT '{}',
    status       text NOT NULL CHECK (status IN ('SENT', 'OK', 'FAILED', 'TIMED_OUT')),
    detail       text,
    requested_by text NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz
);
CREATE INDEX device_command_device_idx ON device_command (device_id, requested_at DESC);
CREATE INDEX device_command_open_idx ON device_command (requested_at) WHERE status = 'SENT';

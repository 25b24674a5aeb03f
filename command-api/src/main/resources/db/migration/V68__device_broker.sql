-- Issue 23: the broker of the pool a device is assigned to when it is provisioned (redwhistle.brokers,
-- BrokerPool); NULL means the pool's first broker (devices registered before the pool, or by hand).
-- The platform sends a device's commands through this broker.
ALTER TABLE device ADD COLUMN broker_id text CHECK (broker_id ~ '^[a-z0-9][a-z0-9-]{0,15}$');

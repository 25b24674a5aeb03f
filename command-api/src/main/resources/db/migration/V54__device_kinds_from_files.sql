-- Issue 21: device kinds are no longer a fixed list but the kind files of the device contract
-- (devices/src/main/resources/org/redwhistle/devices/kinds/<kind>.json, docs/device-kinds.md), so a
-- device integrator adds a kind by adding files. The platform checks a device's kind against those
-- files when it registers or provisions it; the database keeps only the shape of a kind's name.
ALTER TABLE device DROP CONSTRAINT IF EXISTS device_kind_check;
ALTER TABLE device ADD CONSTRAINT device_kind_name CHECK (kind ~ '^[a-z][a-z0-9_]{1,31}$');

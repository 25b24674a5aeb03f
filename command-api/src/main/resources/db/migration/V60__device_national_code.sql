-- Issue 22: a camera's 20-digit GB/T 28181 national code (国标编码); unique across the platform.
-- Assigned for the demo's cameras at start (CameraCodes), set by ADMIN on the device edit path,
-- and the key of the GB/T 28181 catalogue import and export.
ALTER TABLE device ADD COLUMN national_code text CHECK (national_code ~ '^[0-9]{20}$');
CREATE UNIQUE INDEX device_national_code_key ON device (national_code) WHERE national_code IS NOT NULL;

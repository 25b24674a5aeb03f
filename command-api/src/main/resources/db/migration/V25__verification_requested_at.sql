-- When the covering cameras were last asked to verify the alarm: a repeat of an unverified alarm
-- asks them again, at most every redwhistle.verification.retry-after.
ALTER TABLE alarm ADD COLUMN verification_requested_at timestamptz;

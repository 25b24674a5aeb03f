-- What OpenCV saw on a snapshot (people with boxes and scores, motion against the camera's
-- background), and the capture_snapshot command a snapshot answers.
ALTER TABLE snapshot
    ADD COLUMN cmd_id         text,
    ADD COLUMN analysed_at    timestamptz,
    ADD COLUMN analysis_ms    real,
    ADD COLUMN people         integer,
    ADD COLUMN person_score   real,
    ADD COLUMN motion         real,
    ADD COLUMN detections     jsonb,
    ADD COLUMN analysis_error text;

-- Alarm verification by the cameras covering the alarm's place: PENDING while their snapshots are
-- awaited, then VERIFIED (a person seen), UNVERIFIED (nobody seen, or no answer in time) or
-- NO_CAMERA (no online camera sees the place). NULL: the alarm type is not verified.
ALTER TABLE alarm
    ADD COLUMN verification      text CHECK (verification IN ('PENDING', 'VERIFIED', 'UNVERIFIED', 'NO_CAMERA')),
    ADD COLUMN verification_due  timestamptz,
    ADD COLUMN verification_note text,
    ADD COLUMN verified_at       timestamptz;
CREATE INDEX alarm_verification_pending_idx ON alarm (verification_due) WHERE verification = 'PENDING';

-- Plates to watch at gates (布控车牌), and the link from a case to the alarm it came from.
CREATE TABLE plate_watchlist (
    plate       text PRIMARY KEY,
    reason      text NOT NULL,
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE case_file ADD COLUMN alarm_id bigint REFERENCES alarm (id);

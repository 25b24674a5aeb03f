-- The official working calendar, one row per year (holidays and make-up working days); 2025 and 2026
-- are loaded from the application's resources at start, later years by an administrator.
CREATE TABLE working_calendar (
    year       integer PRIMARY KEY,
    data       jsonb   NOT NULL,
    loaded_by  text    NOT NULL,
    loaded_at  timestamptz NOT NULL DEFAULT now()
);

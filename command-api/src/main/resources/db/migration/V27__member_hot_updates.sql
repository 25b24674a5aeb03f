-- A member's live position is rewritten every few seconds for every terminal that moves (10,000 a
-- second in the live-push benchmark, conflated to one write per member per persist interval). Its
-- GiST index made each such write a non-HOT update: a new entry in every index of member (primary
-- key, user_id, device_id, area_id, location). Nothing queries member by location (the nearest
-- responders come from the in-memory ResponderLocator, which reads member by updated_at), so the
-- index goes, and with free room left on each page (fillfactor) these updates stay heap-only.
-- device gets the same room: every device's last_seen is rewritten once per touch interval.
DROP INDEX IF EXISTS member_location_idx;
ALTER TABLE member SET (fillfactor = 80);
ALTER TABLE device SET (fillfactor = 80);

-- Where a member's live position came from (issue 21): 'phone' (the patrol page) or 'terminal' (the
-- patrol terminal they carry). A terminal fix does not move a member whose live position is a phone
-- fix younger than redwhistle.members.phone-fix-freshness, so the position never alternates between
-- the two sources. Rows located before this column existed count as the terminal's.
ALTER TABLE member ADD COLUMN location_source text CHECK (location_source IN ('phone', 'terminal'));
UPDATE member SET location_source = 'terminal' WHERE location IS NOT NULL;

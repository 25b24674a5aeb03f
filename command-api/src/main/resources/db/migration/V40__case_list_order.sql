-- GET /api/v1/cases lists newest first by (submitted_at, id) and pages with a keyset on the same pair:
-- this index serves both, so a page reads about `limit` rows instead of sorting the whole scope
-- (EXPLAIN on 5,000 cases: seq scan + top-N sort 0.7-1.2 ms, index scan 0.1-0.3 ms, also deep pages).
CREATE INDEX case_file_submitted_idx ON case_file (submitted_at DESC, id DESC);

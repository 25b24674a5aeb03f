-- Failed logins per user name and per client address (issue 16): the login throttle's counters,
-- shared by every instance. Rows are keyed 'user:<name>' or 'addr:<address>' and forgotten after a
-- quiet period; a name that does not exist is counted like one that does.
CREATE TABLE login_throttle (
    key           text PRIMARY KEY,
    failures      integer NOT NULL,
    last_failure  timestamptz NOT NULL,
    blocked_until timestamptz
);
CREATE INDEX login_throttle_last_failure_idx ON login_throttle (last_failure);

-- Issue 23: which instance ingested device traffic, and since when (docs/cluster.md, "Ingestion: one active
-- instance"). A row per term of the ingestion lease: opened when an instance takes the lease, closed when it gives
-- it up or is fenced, or by the next holder when the previous one died without closing it. One row per failover.
CREATE TABLE ingestion_leader (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_name text NOT NULL,
    instance_id  text NOT NULL,
    active_since timestamptz NOT NULL,
    ended_at     timestamptz,
    end_reason   text
);
CREATE INDEX ingestion_leader_recent ON ingestion_leader (session_name, active_since DESC);

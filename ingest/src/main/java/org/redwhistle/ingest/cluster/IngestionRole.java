package org.redwhistle.ingest.cluster;

/** What this instance does with device traffic. */
public enum IngestionRole {
    /** It holds the ingestion lease (or runs in SHARED mode, where every instance ingests) and has the sessions open. */
    ACTIVE,
    /** Another instance ingests; this one tries to take the lease every {@code retry-interval}. */
    STANDBY
}

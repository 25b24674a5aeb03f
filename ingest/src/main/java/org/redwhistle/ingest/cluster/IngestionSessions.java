package org.redwhistle.ingest.cluster;

import java.util.function.Consumer;

/**
 * A set of persistent broker sessions that take device traffic (the ingest and telemetry sessions,
 * the snapshot session). {@link IngestionLeader} opens them where ingestion runs: on the instance
 * that holds the ingestion lease, or on every instance in SHARED mode. Opening connects in the
 * background and returns at once; the broker then delivers what it queued for the sessions.
 */
public interface IngestionSessions {

    /** For the logs and health, e.g. "ingest+telemetry". */
    String name();

    /**
     * Connects and subscribes. {@code lost} is told (with the reason) if the broker throws the
     * sessions off because another client took them over: the owner must not reconnect.
     */
    void open(Consumer<String> lost);

    /** Disconnects at once; what was received and not acknowledged is redelivered to the next holder. */
    void close();

    /** True while every connection of the set is up. */
    boolean isConnected();
}

package org.redwhistle.ingest.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Active/standby ingestion (docs/cluster.md, "Ingestion: one active instance"): which instance
 * opens the device-traffic sessions, decided by a PostgreSQL advisory lock (the ingestion lease).
 * Only in EXCLUSIVE mode ({@code redwhistle.mqtt.subscription}); in SHARED mode every instance ingests.
 *
 * @param retryInterval how often a standby tries to take the lease; about the longest a takeover waits after the
 *                      active instance's connection to PostgreSQL is gone
 * @param checkInterval how often the active instance checks its lease connection
 * @param checkTimeout  a check that has no answer within this is a failed check: the instance stops ingesting at once
 * @param leaseTimeout  PostgreSQL ends the lease's session (and so frees the lease) after this long without a check
 *                      ({@code idle_session_timeout}), for an active instance cut off from the database without its
 *                      connection being closed; longer than a check interval plus a check timeout, so the instance
 *                      has fenced itself before another can take the lease
 */
@ConfigurationProperties("redwhistle.ingestion")
public record IngestionProperties(
        @DefaultValue("1s") Duration retryInterval,
        @DefaultValue("1s") Duration checkInterval,
        @DefaultValue("2s") Duration checkTimeout,
        @DefaultValue("10s") Duration leaseTimeout) {

    public IngestionProperties {
        if (leaseTimeout.compareTo(checkInterval.plus(checkTimeout).multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("redwhistle.ingestion.lease-timeout (" + leaseTimeout
                    + ") must be at least twice check-interval + check-timeout, so an instance cut off from the database stops ingesting"
                    + " before another can take the lease");
        }
    }
}

package org.redwhistle.ingest.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Jobs that run once per cluster (docs/jobs.md).
 *
 * @param lockNamespace the first key of every cluster job's PostgreSQL advisory lock (the second is a hash of the
 *                      job's name); change it only if another application on the same database locks keys in it
 *                      (0x5257, "RW", by default)
 */
@ConfigurationProperties("redwhistle.cluster-jobs")
public record ClusterJobProperties(@DefaultValue("21079") int lockNamespace) {
}

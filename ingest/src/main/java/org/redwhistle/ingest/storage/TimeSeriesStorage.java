package org.redwhistle.ingest.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

import org.redwhistle.ingest.cluster.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The time-series tables (device events, positions) are TimescaleDB hypertables where the
 * extension exists, else native range partitions kept by pg_partman; migration V2 chooses and
 * records the path. This logs it at start and, on the pg_partman path, runs partition maintenance
 * (pre-creating partitions, dropping expired ones) once per cluster ({@link ClusterJobs}). Creating
 * and dropping partitions needs the tables' owner, which the application's role is not: it calls
 * rw_partition_maintenance() (migration V29), a function that runs pg_partman as the owner. On every
 * path it deletes the idempotency keys of events past their retention (device_event_key, V33), also once per cluster,
 * and then vacuums that table as the owner (the migrations' login): it is the one table whose rows are deleted at
 * the events' rate, and without a vacuum its dead rows pile up for ever where the server's autovacuum is off or
 * behind (the one-hour soak found 1.6 GB after half an hour on a server with autovacuum off).
 */
@Component
public class TimeSeriesStorage {

    private static final Logger log = LoggerFactory.getLogger(TimeSeriesStorage.class);
    /** Keys deleted per statement, so the retention never holds long locks nor builds one huge transaction. */
    private static final int KEY_DELETE_CHUNK = 10_000;

    private final JdbcClient jdbc;
    private final ClusterJobs jobs;
    private final StorageProperties props;
    private final String url;
    private final String ownerUser;
    private final String ownerPassword;

    /**
     * @param url           the database (spring.datasource.url)
     * @param ownerUser     the tables' owner, whom the migrations log in as (spring.flyway.user): VACUUM needs the owner
     * @param ownerPassword its password (spring.flyway.password)
     */
    public TimeSeriesStorage(JdbcClient jdbc, ClusterJobs jobs, StorageProperties props, @Value("${spring.datasource.url}") String url,
            @Value("${spring.flyway.user:}") String ownerUser, @Value("${spring.flyway.password:}") String ownerPassword) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.props = props;
        this.url = url;
        this.ownerUser = ownerUser;
        this.ownerPassword = ownerPassword;
    }

    public String path() {
        return jdbc.sql("select value from storage_setting where name = 'timeseries'").query(String.class).optional().orElse("unknown");
    }

    @EventListener(ApplicationReadyEvent.class)
    public void logPath() {
        String path = path();
        switch (path) {
            case "timescaledb" -> log.info("time-series storage: TimescaleDB hypertables (device_event, device_position)");
            case "pg_partman" -> log.info("time-series storage: native daily range partitions kept by pg_partman (no TimescaleDB here)");
            default -> log.warn("time-series storage: plain partitioned tables without TimescaleDB or pg_partman ({}); only the default partition is used", path);
        }
    }

    /**
     * Hourly ({@code redwhistle.storage.maintenance-interval}); pre-created partitions cover the next days, so a missed
     * run does no harm. The soak (scripts/soak.sh) runs it every minute on its own minute-long partitions.
     */
    @Scheduled(initialDelayString = "${redwhistle.storage.maintenance-initial-delay:PT1M}",
            fixedDelayString = "${redwhistle.storage.maintenance-interval:PT1H}")
    public void maintain() {
        if (!"pg_partman".equals(path())) {
            return;
        }
        try {
            jobs.runExclusively("storage.partitions", () -> {
                jdbc.sql("select rw_partition_maintenance()").query().listOfRows();
                log.info("pg_partman maintenance done");
            });
        } catch (RuntimeException e) {
            log.error("pg_partman maintenance failed: {}", e.toString());
        }
    }

    /**
     * Hourly ({@code redwhistle.storage.event-key-retention-check}), once per cluster: the keys of events older than
     * {@code redwhistle.storage.event-key-retention}.
     */
    @Scheduled(initialDelayString = "${redwhistle.storage.event-key-retention-initial-delay:PT2M}",
            fixedDelayString = "${redwhistle.storage.event-key-retention-check:PT1H}")
    public void expireEventKeys() {
        try {
            jobs.runExclusively("storage.event-key-retention", () -> {
                long deleted = deleteEventKeysBefore(Instant.now().minus(props.eventKeyRetention()));
                if (deleted > 0) {
                    log.info("expired idempotency keys deleted: count={} retention={}", deleted, props.eventKeyRetention());
                    vacuumEventKeys();
                }
            });
        } catch (RuntimeException e) {
            log.error("idempotency key retention failed: {}", e.toString());
        }
    }

    /** Deletes the keys of events dated before {@code cutoff}, a chunk per statement (autocommit); returns how many. */
    public long deleteEventKeysBefore(Instant cutoff) {
        long total = 0;
        int n;
        do {
            n = jdbc.sql("delete from device_event_key where ctid = any(array(select ctid from device_event_key where ts < ? limit "
                    + KEY_DELETE_CHUNK + "))").param(Timestamp.from(cutoff)).update();
            total += n;
        } while (n == KEY_DELETE_CHUNK);
        return total;
    }

    /**
     * VACUUM (ANALYZE) device_event_key on a connection of its own as the owner (VACUUM runs outside a transaction and
     * only for the owner): the deleted keys' space is reused by the next inserts, so the table stays the size of its
     * retention. A failure is logged; the space then waits for autovacuum.
     */
    void vacuumEventKeys() {
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, ownerUser, ownerPassword); Statement st = c.createStatement()) {
            st.execute("vacuum (analyze) device_event_key");
            log.info("device_event_key vacuumed in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException e) {
            log.warn("vacuum of device_event_key as {} failed: {}; the deleted keys' space waits for autovacuum", ownerUser, e.getMessage());
        }
    }
}

package org.redwhistle.ingest.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The time-series tables (device events, positions) are TimescaleDB hypertables where the
 * extension exists, else native range partitions kept by pg_partman; migration V2 chooses and
 * records the path. This logs it at start and, on the pg_partman path, runs partition maintenance
 * (pre-creating partitions, dropping expired ones) once per cluster under an advisory lock. Creating
 * and dropping partitions needs the tables' owner, which the application's role is not: it calls
 * rw_partition_maintenance() (migration V29), a function that runs pg_partman as the owner.
 */
@Component
public class TimeSeriesStorage {

    private static final Logger log = LoggerFactory.getLogger(TimeSeriesStorage.class);
    private static final long MAINTENANCE_LOCK = 0x5257_5053L;

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    public TimeSeriesStorage(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
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

    /** Hourly; pre-created partitions cover the next days, so a missed run does no harm. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public void maintain() {
        if (!"pg_partman".equals(path())) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("select pg_try_advisory_lock(" + MAINTENANCE_LOCK + ")")) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return;
                }
            }
            try {
                s.execute("select rw_partition_maintenance()");
                log.info("pg_partman maintenance done");
            } finally {
                s.execute("select pg_advisory_unlock(" + MAINTENANCE_LOCK + ")");
            }
        } catch (Exception e) {
            log.error("pg_partman maintenance failed: {}", e.toString());
        }
    }
}

package org.redwhistle.ingest.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The ingestion lease: a session-level PostgreSQL advisory lock, {@code (lock-namespace,
 * hashtext('ingestion:' || session-name))}, held on a connection of its own that does nothing else
 * (outside the pool, so the pool never hands it out nor recycles it). PostgreSQL releases it the
 * moment that connection ends: the instance stopped or was killed (the kernel closes its socket),
 * or it stopped checking for longer than {@code lease-timeout} ({@code idle_session_timeout}, for
 * an instance cut off without its socket being closed). Used by one thread, {@link IngestionLeader}'s.
 */
final class IngestionLease {

    private final DataSource dataSource;
    private final int namespace;
    private final String key;
    private final IngestionProperties props;
    private final Executor aborter;
    private Connection connection;

    IngestionLease(DataSource dataSource, int namespace, String sessionName, IngestionProperties props, Executor aborter) {
        this.dataSource = dataSource;
        this.namespace = namespace;
        this.key = "ingestion:" + sessionName;
        this.props = props;
        this.aborter = aborter;
    }

    /** Tries once to take the lease; true if this instance holds it now. */
    boolean tryAcquire() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = open();
        }
        try (PreparedStatement s = connection.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
            s.setInt(1, namespace);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            release();
            throw e;
        }
    }

    /**
     * Asks PostgreSQL whether this session still holds the lock, within {@code check-timeout}; false
     * (or an exception) means it may not: the caller stops ingesting.
     */
    boolean stillHeld() throws SQLException {
        if (connection == null) {
            return false;
        }
        try (PreparedStatement s = connection.prepareStatement(
                "select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and granted"
                        + " and classid = ?::oid and objid = hashtext(?)::oid and objsubid = 2")) {
            s.setInt(1, namespace);
            s.setString(2, key);
            s.setQueryTimeout(seconds(props.checkTimeout().toMillis()));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getLong(1) == 1;
            }
        }
    }

    /** Gives the lease up by ending its connection (without waiting on a database that does not answer). */
    void release() {
        Connection c = connection;
        connection = null;
        if (c == null) {
            return;
        }
        try {
            c.abort(aborter);
        } catch (SQLException | RuntimeException e) {
            // the connection is gone either way
        }
    }

    private Connection open() throws SQLException {
        Connection c = dataSource.isWrapperFor(HikariDataSource.class) ? direct(dataSource.unwrap(HikariDataSource.class)) : dataSource.getConnection();
        try {
            c.setAutoCommit(true);
            // a check that hangs (the database's host gone without a reset) fails within the check timeout
            c.setNetworkTimeout(aborter, (int) props.checkTimeout().toMillis());
            try (Statement s = c.createStatement()) {
                s.execute("set idle_session_timeout = " + props.leaseTimeout().toMillis());
                s.execute("set application_name = 'red-whistle ingestion lease'");
            }
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    private static Connection direct(HikariDataSource pool) throws SQLException {
        return DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }

    private static int seconds(long millis) {
        return (int) Math.max(1, (millis + 999) / 1000);
    }
}

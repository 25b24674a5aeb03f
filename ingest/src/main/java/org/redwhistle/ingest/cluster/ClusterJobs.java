package org.redwhistle.ingest.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Runs a scheduled job on one instance of the cluster at a time. Every instance schedules every job;
 * a run first takes the job's PostgreSQL advisory lock, and an instance that finds it taken skips
 * that run (logged at debug). The lock is transaction-scoped, held by a transaction of its own on a
 * connection of its own that does nothing else: it goes when the job ends, or with the connection if
 * the instance dies, and never stays behind in the pool. The job's own statements run on other
 * connections in their own (short) transactions, exactly as without the lock.
 *
 * <p>The lock keeps runs from overlapping; it does not stop another instance from running the job
 * right after this one finished. Each job's statements therefore re-check their condition
 * themselves (a conditional update, an insert that conflicts), so a second run finds nothing to do.
 * Which jobs are cluster-wide and which stay per instance (refreshing this instance's memory) is
 * listed in docs/jobs.md.
 */
@Component
public class ClusterJobs {

    private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);

    private final DataSource dataSource;
    private final ClusterJobProperties props;

    public ClusterJobs(DataSource dataSource, ClusterJobProperties props) {
        this.dataSource = dataSource;
        this.props = props;
    }

    /**
     * Runs {@code work} unless another instance is running the job named {@code job}; returns whether
     * it ran. What {@code work} throws is thrown on, after the lock is released.
     */
    public boolean runExclusively(String job, Runnable work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c, job)) {
                    log.debug("cluster job skipped, another instance runs it: job={}", job);
                    return false;
                }
                work.run();
                return true;
            } finally {
                c.rollback(); // ends the lock's transaction, which wrote nothing, and so releases the lock
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cluster lock of job " + job + " not available: " + e.getMessage(), e);
        }
    }

    private boolean tryLock(Connection c, String job) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_xact_lock(?, hashtext(?))")) {
            s.setInt(1, props.lockNamespace());
            s.setString(2, job);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}

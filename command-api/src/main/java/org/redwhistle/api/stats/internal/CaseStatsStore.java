package org.redwhistle.api.stats.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.redwhistle.api.cases.CaseStatus;
import org.redwhistle.api.cases.CloseReason;
import org.redwhistle.api.cases.Overdue;
import org.redwhistle.api.cases.Satisfaction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Counts over the cases feature's tables ({@code case_file}, {@code case_evaluation}), read-only:
 * the cases store owns and writes them; the statistics are aggregated in one statement per area,
 * in the database, rather than over every case in memory. The statuses come from {@link CaseStatus}.
 * {@code closed} counts CLOSED cases (办结), not those withdrawn, rejected or merged, which have counts
 * of their own; a rejection or merge before anyone took the case counts as a response.
 */
@Repository
public class CaseStatsStore {

    private static final String COMMUNITIES = """
            select distinct c.community_id, a.name from case_file c join area a on a.id = c.community_id
            where (cast(:area as bigint) is null or cast(:area as bigint) = any(c.area_path)) and c.submitted_at >= :from and c.submitted_at < :to
            order by a.name""";
    private static final String COUNTS = """
            with c as (
                select * from case_file
                where (cast(:area as bigint) is null or cast(:area as bigint) = any(area_path))
                  and (cast(:community as bigint) is null or community_id = cast(:community as bigint))
                  and submitted_at >= :from and submitted_at < :to),
            e as (select ev.* from case_evaluation ev join c on c.id = ev.case_id)
            select (select count(*) from c) accepted,
                   (select count(*) from c where status = '%1$s') closed,
                   (select count(*) from c where status in (%2$s)) open,
                   (select count(*) from c where %9$s) overdue,
                   (select count(*) from c where complex) complex,
                   (select count(*) from c where (taken_at is not null and taken_at <= accept_due)
                        or (taken_at is null and status in ('%5$s', '%6$s') and closed_at <= accept_due)) taken_in_time,
                   (select count(*) from c where status = '%7$s') withdrawn,
                   (select count(*) from c where status = '%5$s') rejected,
                   (select count(*) from c where status = '%6$s') merged,
                   (select count(*) from c where status = '%1$s' and close_reason = '%8$s') not_evaluated,
                   (select count(*) from e) rated,
                   (select count(*) from e where resolved) rated_resolved,
                   (select count(*) from e where satisfaction = '%3$s') satisfied,
                   (select count(*) from e where satisfaction = '%4$s') basically"""
            .formatted(CaseStatus.CLOSED.name(), CaseStatus.sqlList(CaseStatus.open()), Satisfaction.SATISFIED.name(),
                    Satisfaction.BASICALLY_SATISFIED.name(), CaseStatus.REJECTED.name(), CaseStatus.MERGED.name(), CaseStatus.WITHDRAWN.name(),
                    CloseReason.NOT_EVALUATED.name(), Overdue.sql("c"));

    private final JdbcClient jdbc;

    public CaseStatsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A community with cases submitted in the period inside the area. */
    public record Community(long communityId, String name) {
    }

    /** The raw counts of a period. */
    public record Counts(long accepted, long closed, long open, long overdue, long complex, long takenInTime, long withdrawn, long rejected,
            long merged, long notEvaluated, long rated, long ratedResolved, long satisfied, long basicallySatisfied) {
    }

    public List<Community> communities(Long area, Instant from, Instant to) {
        return jdbc.sql(COMMUNITIES).param("area", area).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, i) -> new Community(rs.getLong(1), rs.getString(2))).list();
    }

    /** Cases submitted in [from, to) inside the area (and the community, when given); overdue ({@link Overdue}) as of {@code now}. */
    public Counts counts(Long area, Long community, Instant from, Instant to, Instant now) {
        return jdbc.sql(COUNTS).param("area", area).param("community", community).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("now", Timestamp.from(now))
                .query((rs, i) -> new Counts(rs.getLong("accepted"), rs.getLong("closed"), rs.getLong("open"), rs.getLong("overdue"),
                        rs.getLong("complex"), rs.getLong("taken_in_time"), rs.getLong("withdrawn"), rs.getLong("rejected"), rs.getLong("merged"),
                        rs.getLong("not_evaluated"), rs.getLong("rated"), rs.getLong("rated_resolved"), rs.getLong("satisfied"),
                        rs.getLong("basically")))
                .single();
    }
}

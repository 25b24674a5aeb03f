package org.redwhistle.api.stats.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.cases.CaseStatus;
import org.redwhistle.api.cases.CloseReason;
import org.redwhistle.api.cases.Overdue;
import org.redwhistle.api.cases.Satisfaction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Counts over the cases feature's tables ({@code case_file}, {@code case_evaluation}, {@code supervision}),
 * read-only: the cases store owns and writes them; the statistics are aggregated in the database, one
 * statement for an area's total and one grouped statement per kind of unit, rather than over every case
 * in memory. Each count is written once ({@link #CASE_COUNTS}, {@link #EVALUATION_COUNTS}) and read by
 * both. The statuses come from {@link CaseStatus}. {@code closed} counts CLOSED cases (办结), not those
 * withdrawn, rejected or merged, which have counts of their own; a rejection or merge before anyone took
 * the case counts as a response.
 */
@Repository
public class CaseStatsStore {

    /** The counts over a set of cases {@code c}, as aggregates (so they can be grouped); overdue is {@link Overdue}'s one rule. */
    private static final String CASE_COUNTS = """
            count(*) accepted,
            count(*) filter (where status = '%1$s') closed,
            count(*) filter (where status in (%2$s)) open,
            count(*) filter (where %3$s) overdue,
            count(*) filter (where complex) complex,
            count(*) filter (where (taken_at is not null and taken_at <= accept_due)
                or (taken_at is null and status in ('%4$s', '%5$s') and closed_at <= accept_due)) taken_in_time,
            count(*) filter (where status = '%6$s') withdrawn,
            count(*) filter (where status = '%4$s') rejected,
            count(*) filter (where status = '%5$s') merged,
            count(*) filter (where status = '%1$s' and close_reason = '%7$s') not_evaluated"""
            .formatted(CaseStatus.CLOSED.name(), CaseStatus.sqlList(CaseStatus.open()), Overdue.sql("c"), CaseStatus.REJECTED.name(),
                    CaseStatus.MERGED.name(), CaseStatus.WITHDRAWN.name(), CloseReason.NOT_EVALUATED.name());
    /** The counts over the evaluations {@code e} of those cases, as aggregates. */
    private static final String EVALUATION_COUNTS = """
            count(*) rated,
            count(*) filter (where e.resolved) rated_resolved,
            count(*) filter (where e.satisfaction = '%s') satisfied,
            count(*) filter (where e.satisfaction = '%s') basically"""
            .formatted(Satisfaction.SATISFIED.name(), Satisfaction.BASICALLY_SATISFIED.name());

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
            n as (select %s from c),
            r as (select %s from case_evaluation e join c on c.id = e.case_id)
            select * from n, r""".formatted(CASE_COUNTS, EVALUATION_COUNTS);

    /**
     * Every area unit of one level in scope, with its counts over the cases of the period inside the
     * caller's area that belong to it ({@code %1$s}: the unit of a case {@code k}, its community {@code ca}),
     * and the supervision orders issued to the unit itself in the period. In scope: the units inside the
     * area, and the community the area lies in when the area is smaller (a grid worker's grid).
     */
    private static final String AREA_UNITS = """
            with c as (
                select k.*, %1$s unit_id from case_file k left join area ca on ca.id = k.community_id
                where (cast(:area as bigint) is null or cast(:area as bigint) = any(k.area_path))
                  and k.submitted_at >= :from and k.submitted_at < :to),
            n as (select unit_id, %2$s from c group by unit_id),
            r as (select c.unit_id, %3$s from case_evaluation e join c on c.id = e.case_id group by c.unit_id),
            o as (select unit_area unit_id, count(*) orders from supervision
                  where kind = 'ORDER' and department_id is null and created_at >= :from and created_at < :to
                    and (cast(:area as bigint) is null or cast(:area as bigint) = any(area_path))
                  group by unit_area)
            select u.id unit_id, u.name, p.name parent_name, coalesce(o.orders, 0) orders, n.*, r.*
            from area u left join area p on p.id = u.parent_id
                 left join n on n.unit_id = u.id left join r on r.unit_id = u.id left join o on o.unit_id = u.id
            where u.level = :level
              and (cast(:area as bigint) is null or cast(:area as bigint) = any(u.path)
                   or (u.level = 'COMMUNITY' and u.id = any(coalesce((select s.path from area s where s.id = cast(:area as bigint)), '{}'))))
            order by u.name""";
    private static final String STREETS = AREA_UNITS.formatted("ca.parent_id", CASE_COUNTS, EVALUATION_COUNTS);
    private static final String COMMUNITY_UNITS = AREA_UNITS.formatted("k.community_id", CASE_COUNTS, EVALUATION_COUNTS);

    /**
     * Every department serving an area in scope (active, or with cases in the period), with the counts of
     * the cases of the period inside the caller's area that were routed to it (an assignment it did not send
     * back), the supervision orders issued to it in the period, and {@code own_overdue}: the cases whose
     * assignment to it is overdue, still ASSIGNED past its own deadline or reported after it.
     */
    private static final String DEPARTMENTS = """
            with k as (
                select distinct on (a.department_id, a.case_id) a.department_id unit_id, a.case_id,
                    coalesce((a.status = 'ASSIGNED' and a.due_at < :now) or a.reported_at > a.due_at, false) late
                from case_assignment a join case_file f on f.id = a.case_id
                where a.status <> 'SENT_BACK'
                  and (cast(:area as bigint) is null or cast(:area as bigint) = any(f.area_path))
                  and f.submitted_at >= :from and f.submitted_at < :to
                order by a.department_id, a.case_id, late desc),
            c as (select f.*, k.unit_id, k.late from k join case_file f on f.id = k.case_id),
            n as (select unit_id, %1$s, count(*) filter (where late) own_overdue from c group by unit_id),
            r as (select c.unit_id, %2$s from case_evaluation e join c on c.id = e.case_id group by c.unit_id),
            o as (select department_id unit_id, count(*) orders from supervision
                  where kind = 'ORDER' and department_id is not null and created_at >= :from and created_at < :to
                    and (cast(:area as bigint) is null or cast(:area as bigint) = any(area_path))
                  group by department_id)
            select d.id unit_id, d.name, p.name parent_name, coalesce(o.orders, 0) orders, n.*, r.*
            from department d join area p on p.id = d.area_id
                 left join n on n.unit_id = d.id left join r on r.unit_id = d.id left join o on o.unit_id = d.id
            where (cast(:area as bigint) is null or cast(:area as bigint) = any(p.path)) and (d.active or n.unit_id is not null)
            order by d.sort, d.id""".formatted(CASE_COUNTS, EVALUATION_COUNTS);

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

    /** A unit's raw counts: its id and names, its cases' counts, and the supervision orders it received. */
    public record UnitCounts(long unitId, String name, String parentName, Counts counts, long supervisionOrders) {
    }

    public List<Community> communities(Long area, Instant from, Instant to) {
        return jdbc.sql(COMMUNITIES).param("area", area).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, i) -> new Community(rs.getLong(1), rs.getString(2))).list();
    }

    /** Cases submitted in [from, to) inside the area (and the community, when given); overdue as of {@code now}. */
    public Counts counts(Long area, Long community, Instant from, Instant to, Instant now) {
        return jdbc.sql(COUNTS).param("area", area).param("community", community).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("now", Timestamp.from(now)).query((rs, i) -> counts(rs)).single();
    }

    /**
     * Every street ({@code STREET}) or every community ({@code COMMUNITY}) in scope of {@code area}
     * (null: everywhere), with the counts of the cases submitted in [from, to) inside the area, a
     * street's being its communities' (the parent of the case's community); overdue as of {@code now}.
     */
    public List<UnitCounts> areaUnits(UnitKind kind, Long area, Instant from, Instant to, Instant now) {
        String sql = switch (kind) {
            case STREET -> STREETS;
            case COMMUNITY -> COMMUNITY_UNITS;
            case DEPARTMENT -> throw new IllegalArgumentException("departments are not areas: see departments(…)");
        };
        return jdbc.sql(sql).param("level", kind.name()).param("area", area).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("now", Timestamp.from(now))
                .query((rs, i) -> new UnitCounts(rs.getLong("unit_id"), rs.getString("name"), rs.getString("parent_name"), counts(rs), rs.getLong("orders")))
                .list();
    }

    /**
     * Every department in scope of {@code area} (null: everywhere) with the counts of the cases submitted
     * in [from, to) inside the area that were routed to it and not sent back; its {@code overdue} is its own
     * (its assignment past its deadline as of {@code now}, or reported after it), not the case's.
     */
    public List<UnitCounts> departments(Long area, Instant from, Instant to, Instant now) {
        return jdbc.sql(DEPARTMENTS).param("area", area).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("now", Timestamp.from(now))
                .query((rs, i) -> {
                    Counts n = counts(rs);
                    Counts own = new Counts(n.accepted(), n.closed(), n.open(), rs.getLong("own_overdue"), n.complex(), n.takenInTime(), n.withdrawn(),
                            n.rejected(), n.merged(), n.notEvaluated(), n.rated(), n.ratedResolved(), n.satisfied(), n.basicallySatisfied());
                    return new UnitCounts(rs.getLong("unit_id"), rs.getString("name"), rs.getString("parent_name"), own, rs.getLong("orders"));
                }).list();
    }

    /** The area's name, for a report's title. */
    public Optional<String> areaName(long area) {
        return jdbc.sql("select name from area where id = ?").param(area).query(String.class).optional();
    }

    /** A row's counts; a unit without cases or evaluations has nulls, which read as 0. */
    private static Counts counts(ResultSet rs) throws SQLException {
        return new Counts(rs.getLong("accepted"), rs.getLong("closed"), rs.getLong("open"), rs.getLong("overdue"), rs.getLong("complex"),
                rs.getLong("taken_in_time"), rs.getLong("withdrawn"), rs.getLong("rejected"), rs.getLong("merged"), rs.getLong("not_evaluated"),
                rs.getLong("rated"), rs.getLong("rated_resolved"), rs.getLong("satisfied"), rs.getLong("basically"));
    }
}

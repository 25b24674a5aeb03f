package org.redwhistle.api.fivesteps.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.decisions.Tally;
import org.redwhistle.api.fivesteps.ProposalView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one owner of {@code proposal_meeting} and {@code proposal_meeting_member}: the deciding meetings, their members and votes. */
@Repository
public class MeetingStore {

    /** A meeting's own row; the figures are null until it is closed. */
    public record Row(long id, long proposalId, String rule, LocalDate heldOn, String place, String motion, Long optionId, boolean closed,
            Integer members, Integer present, Integer yes, Integer no, Integer abstain, Integer presentNeeded, Integer yesNeeded, Boolean quorate,
            Boolean passed, String outcome, String convenedBy, Instant convenedAt, Instant closedAt) {
    }

    /** A member to be: a household or a person of the registry, by name. */
    public record NewMember(Long personId, Long householdId, String name) {
    }

    public enum Vote {
        YES("赞成"), NO("反对"), ABSTAIN("弃权");

        private final String label;

        Vote(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final String SELECT = """
            select id, proposal_id, rule_code, held_on, place, motion, option_id, closed, members, present, yes, no, abstain, present_needed,
                   yes_needed, quorate, passed, outcome, convened_by, convened_at, closed_at from proposal_meeting""";

    private final JdbcClient jdbc;

    public MeetingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long convene(long proposalId, String rule, LocalDate heldOn, String place, String motion, Long optionId, String by, Instant at,
            List<NewMember> members) {
        long id = jdbc.sql("""
                insert into proposal_meeting (proposal_id, rule_code, held_on, place, motion, option_id, convened_by, convened_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(proposalId, rule, heldOn, place, motion, optionId, by, Timestamp.from(at)).query(Long.class).single();
        for (NewMember m : members) {
            jdbc.sql("insert into proposal_meeting_member (meeting_id, person_id, household_id, name) values (?, ?, ?, ?)")
                    .params(id, m.personId(), m.householdId(), m.name()).update();
        }
        return id;
    }

    public Optional<Row> find(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(MeetingStore::row).optional();
    }

    public Optional<Row> lock(long id) {
        return jdbc.sql(SELECT + " where id = ? for update").param(id).query(MeetingStore::row).optional();
    }

    public List<Row> ofProposal(long proposalId) {
        return jdbc.sql(SELECT + " where proposal_id = ? order by convened_at, id").param(proposalId).query(MeetingStore::row).list();
    }

    /** Records a member's attendance and vote; false when the member is not of this meeting. */
    public boolean record(long meetingId, long memberId, boolean present, Vote vote) {
        return jdbc.sql("update proposal_meeting_member set present = ?, vote = ? where id = ? and meeting_id = ?")
                .params(present, present && vote != null ? vote.name() : null, memberId, meetingId).update() == 1;
    }

    public List<ProposalView.MeetingMember> members(long meetingId) {
        return jdbc.sql("select id, person_id, household_id, name, present, vote from proposal_meeting_member where meeting_id = ? order by id")
                .param(meetingId).query((rs, n) -> {
                    String v = rs.getString("vote");
                    return new ProposalView.MeetingMember(rs.getLong("id"), (Long) rs.getObject("person_id", Long.class),
                            (Long) rs.getObject("household_id", Long.class), rs.getString("name"), rs.getBoolean("present"), v,
                            v == null ? (rs.getBoolean("present") ? "未投票" : "缺席") : Vote.valueOf(v).label());
                }).list();
    }

    /** The recorded attendance and votes as counts: members, present, yes, no, abstain. */
    public int[] counts(long meetingId) {
        return jdbc.sql("""
                select count(*), count(*) filter (where present), count(*) filter (where vote = 'YES'), count(*) filter (where vote = 'NO'),
                       count(*) filter (where vote = 'ABSTAIN') from proposal_meeting_member where meeting_id = ?""")
                .param(meetingId).query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)}).single();
    }

    public void close(long id, Tally t, Instant at) {
        jdbc.sql("""
                update proposal_meeting set closed = true, members = ?, present = ?, yes = ?, no = ?, abstain = ?, present_needed = ?, yes_needed = ?,
                       quorate = ?, passed = ?, outcome = ?, closed_at = ? where id = ?""")
                .params(t.members(), t.present(), t.yes(), t.no(), t.abstain(), t.presentNeeded(), t.yesNeeded(), t.quorate(), t.passed(), t.outcome(),
                        Timestamp.from(at), id).update();
    }

    static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("proposal_id"), rs.getString("rule_code"), rs.getObject("held_on", LocalDate.class),
                rs.getString("place"), rs.getString("motion"), (Long) rs.getObject("option_id", Long.class), rs.getBoolean("closed"),
                (Integer) rs.getObject("members", Integer.class), (Integer) rs.getObject("present", Integer.class), (Integer) rs.getObject("yes", Integer.class),
                (Integer) rs.getObject("no", Integer.class), (Integer) rs.getObject("abstain", Integer.class),
                (Integer) rs.getObject("present_needed", Integer.class), (Integer) rs.getObject("yes_needed", Integer.class),
                (Boolean) rs.getObject("quorate", Boolean.class), (Boolean) rs.getObject("passed", Boolean.class), rs.getString("outcome"),
                rs.getString("convened_by"), ProposalStore.instant(rs, "convened_at"), ProposalStore.instant(rs, "closed_at"));
    }
}

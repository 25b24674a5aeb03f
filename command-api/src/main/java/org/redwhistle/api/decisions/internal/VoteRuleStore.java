package org.redwhistle.api.decisions.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.decisions.VoteRule;
import org.redwhistle.api.decisions.VoteRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one owner of {@code vote_rule}. */
@Repository
public class VoteRuleStore implements VoteRules {

    private static final String SELECT = """
            select code, name, quorum_num, quorum_den, quorum_strict, majority_num, majority_den, majority_strict, base from vote_rule""";

    private final JdbcClient jdbc;

    public VoteRuleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<VoteRule> rule(String code) {
        return jdbc.sql(SELECT + " where code = ?").param(code).query(VoteRuleStore::row).optional();
    }

    @Override
    public List<VoteRule> all() {
        return jdbc.sql(SELECT + " order by code").query(VoteRuleStore::row).list();
    }

    /** Where each rule comes from, as users read it, by code. */
    public java.util.Map<String, String> bases() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        jdbc.sql("select code, coalesce(basis, '') from vote_rule order by code").query((rs, n) -> out.put(rs.getString(1), rs.getString(2))).list();
        return out;
    }

    /** Changes a rule (its code stays); false when there is none with that code. */
    public boolean update(VoteRule r, String basis) {
        return jdbc.sql("""
                update vote_rule set name = ?, quorum_num = ?, quorum_den = ?, quorum_strict = ?, majority_num = ?, majority_den = ?,
                       majority_strict = ?, base = ?, basis = ?, updated_at = now() where code = ?""")
                .params(r.name(), r.quorumNum(), r.quorumDen(), r.quorumStrict(), r.majorityNum(), r.majorityDen(), r.majorityStrict(),
                        r.base().name(), basis, r.code()).update() == 1;
    }

    static VoteRule row(ResultSet rs, int n) throws SQLException {
        return new VoteRule(rs.getString("code"), rs.getString("name"), rs.getInt("quorum_num"), rs.getInt("quorum_den"), rs.getBoolean("quorum_strict"),
                rs.getInt("majority_num"), rs.getInt("majority_den"), rs.getBoolean("majority_strict"), VoteRule.Base.valueOf(rs.getString("base")));
    }
}

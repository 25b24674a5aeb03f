package org.redwhistle.api.cases.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.cases.CaseLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one owner of {@code case_type}. */
@Repository
public class CaseTypeStore {

    private static final String ALL = "select code, name, chain from case_type order by code";
    private static final String ONE = "select code, name, chain from case_type where code = ?";
    private static final String SAVE = """
            insert into case_type (code, name, chain) values (?, ?, ?)
            on conflict (code) do update set name = excluded.name, chain = excluded.chain""";

    private final JdbcClient jdbc;

    public CaseTypeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<CaseType> all() {
        return jdbc.sql(ALL).query((rs, i) -> row(rs)).list();
    }

    public Optional<CaseType> find(String code) {
        return jdbc.sql(ONE).param(code).query((rs, i) -> row(rs)).optional();
    }

    public void save(CaseType type) {
        jdbc.sql(SAVE).params(type.code(), type.name(), type.chain().stream().map(Enum::name).toArray(String[]::new)).update();
    }

    private static CaseType row(ResultSet rs) throws SQLException {
        return new CaseType(rs.getString(1), rs.getString(2), Arrays.stream((String[]) rs.getArray(3).getArray()).map(CaseLevel::valueOf).toList());
    }
}

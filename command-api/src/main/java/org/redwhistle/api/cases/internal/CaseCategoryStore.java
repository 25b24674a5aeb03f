package org.redwhistle.api.cases.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.cases.CaseCategory;
import org.redwhistle.api.cases.CaseLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one owner of {@code case_category}. Reading a category joins {@code case_type} (its name and
 * chain; {@link CaseTypeStore} owns it), read-only.
 */
@Repository
public class CaseCategoryStore {

    private static final String SELECT = """
            select k.code, k.name, k.icon, k.description, k.case_type, t.name type_name, t.chain, k.active, k.sort, k.keywords, k.open311_group
            from case_category k join case_type t on t.code = k.case_type""";
    private static final String LIST = SELECT + " where k.active or :all order by k.sort, k.code";
    private static final String ONE = SELECT + " where k.code = ?";
    private static final String INSERT = """
            insert into case_category (code, name, icon, description, case_type, sort, active, keywords, open311_group)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (code) do nothing""";
    private static final String UPDATE = """
            update case_category set name = ?, icon = ?, description = ?, case_type = ?, sort = ?, active = ?, keywords = ?, open311_group = ?
            where code = ?""";

    private final JdbcClient jdbc;

    public CaseCategoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A category as it is stored. */
    public record Row(String code, String name, String icon, String description, String caseType, int sort, boolean active, String keywords,
            String open311Group) {
    }

    /** Active ones, or all with {@code all}; by sort order. */
    public List<CaseCategory> list(boolean all) {
        return jdbc.sql(LIST).param("all", all).query((rs, i) -> view(rs)).list();
    }

    public Optional<CaseCategory> find(String code) {
        return jdbc.sql(ONE).param(code).query((rs, i) -> view(rs)).optional();
    }

    /** Whether another category already has this name. */
    public boolean nameTaken(String name, String exceptCode) {
        return jdbc.sql("select count(*) from case_category where name = ? and code <> ?").params(name, exceptCode).query(Long.class).single() > 0;
    }

    /** Inserts a new category; false when the code exists. */
    public boolean insert(Row r) {
        return jdbc.sql(INSERT).params(r.code(), r.name(), r.icon(), r.description(), r.caseType(), r.sort(), r.active(), r.keywords(),
                r.open311Group()).update() > 0;
    }

    /** Replaces a category's fields; false when there is no such code. */
    public boolean update(Row r) {
        return jdbc.sql(UPDATE).params(r.name(), r.icon(), r.description(), r.caseType(), r.sort(), r.active(), r.keywords(), r.open311Group(),
                r.code()).update() > 0;
    }

    /** Deactivated categories stay for the cases filed under them, but are no longer offered. */
    public boolean deactivate(String code) {
        return jdbc.sql("update case_category set active = false where code = ?").param(code).update() > 0;
    }

    private static CaseCategory view(ResultSet rs) throws SQLException {
        List<CaseCategory.ChainLevel> chain = Arrays.stream((String[]) rs.getArray("chain").getArray()).map(CaseLevel::valueOf)
                .map(l -> new CaseCategory.ChainLevel(l, l.label())).toList();
        return new CaseCategory(rs.getString("code"), rs.getString("name"), rs.getString("icon"), rs.getString("description"),
                rs.getString("case_type"), rs.getString("type_name"), chain, rs.getBoolean("active"), rs.getInt("sort"), rs.getString("keywords"),
                rs.getString("open311_group"));
    }
}

package org.redwhistle.api.decisions.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.decisions.MatterKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one owner of {@code matter_kind}: the configurable list of kinds of matters, the major ones marked. */
@Repository
public class MatterKindStore {

    private static final String SELECT = "select code, name, description, major, threshold_yuan, sort, active from matter_kind";

    private final JdbcClient jdbc;

    public MatterKindStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<MatterKind> all() {
        return jdbc.sql(SELECT + " order by sort, code").query(MatterKindStore::row).list();
    }

    public Optional<MatterKind> byCode(String code) {
        return jdbc.sql(SELECT + " where code = ?").param(code).query(MatterKindStore::row).optional();
    }

    /** The amount from which any matter is major (大额开支's threshold); null when none is set. */
    public BigDecimal spendingThreshold() {
        return byCode(MatterKind.LARGE_SPENDING).filter(MatterKind::active).map(MatterKind::thresholdYuan).orElse(null);
    }

    public void insert(MatterKind k) {
        jdbc.sql("insert into matter_kind (code, name, description, major, threshold_yuan, sort, active) values (?, ?, ?, ?, ?, ?, ?)")
                .params(k.code(), k.name(), k.description(), k.major(), k.thresholdYuan(), k.sort(), k.active()).update();
    }

    public void update(MatterKind k) {
        jdbc.sql("update matter_kind set name = ?, description = ?, major = ?, threshold_yuan = ?, sort = ?, active = ?, updated_at = now() where code = ?")
                .params(k.name(), k.description(), k.major(), k.thresholdYuan(), k.sort(), k.active(), k.code()).update();
    }

    static MatterKind row(ResultSet rs, int n) throws SQLException {
        return new MatterKind(rs.getString("code"), rs.getString("name"), rs.getString("description"), rs.getBoolean("major"),
                rs.getBigDecimal("threshold_yuan"), rs.getInt("sort"), rs.getBoolean("active"));
    }
}

package org.redwhistle.api.open311.internal;

import java.util.List;
import java.util.Optional;

import org.redwhistle.api.cases.CaseView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one owner of {@code open311_service}: the services offered, each mapped onto a case type and category. */
@Repository
class ServiceCatalog {

    private static final String ALL = "select code, name, description, grp, keywords, case_type, category from open311_service order by code";

    private final JdbcClient jdbc;

    ServiceCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A service and the case type and category its requests become. */
    record Offered(String code, String name, String description, String group, String keywords, String caseType, String category) {
    }

    List<Offered> all() {
        return jdbc.sql(ALL).query((rs, i) -> new Offered(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7))).list();
    }

    static Optional<Offered> byCode(List<Offered> offered, String code) {
        return offered.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    /** The service a case belongs to: its category and type; null for a case filed another way. */
    static String codeOf(CaseView c, List<Offered> offered) {
        return offered.stream().filter(s -> s.category().equals(c.category()) && s.caseType().equals(c.type())).map(Offered::code)
                .findFirst().orElse(null);
    }
}

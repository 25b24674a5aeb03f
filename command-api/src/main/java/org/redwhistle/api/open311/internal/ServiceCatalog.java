package org.redwhistle.api.open311.internal;

import java.util.List;
import java.util.Optional;

import org.redwhistle.api.cases.CaseCategories;
import org.redwhistle.api.cases.CaseView;
import org.springframework.stereotype.Component;

/**
 * The services offered, generated from the cases feature's category catalogue ({@link CaseCategories}):
 * one service per active category, its code the category code, so what residents pick on the phone and
 * what Open311 clients file are the same list, managed in one place.
 */
@Component
class ServiceCatalog {

    private final CaseCategories categories;

    ServiceCatalog(CaseCategories categories) {
        this.categories = categories;
    }

    /** A service and the case type and category its requests become. */
    record Offered(String code, String name, String description, String group, String keywords, String caseType, String category) {
    }

    List<Offered> all() {
        return categories.active().stream()
                .map(k -> new Offered(k.code(), k.name(), k.description(), k.open311Group(), k.keywords(), k.caseType(), k.code())).toList();
    }

    static Optional<Offered> byCode(List<Offered> offered, String code) {
        return offered.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    /** The service a case belongs to: its category's code (also for a category no longer offered). */
    static String codeOf(CaseView c) {
        return c.category();
    }
}

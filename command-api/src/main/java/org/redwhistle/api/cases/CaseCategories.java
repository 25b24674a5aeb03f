package org.redwhistle.api.cases;

import java.util.List;
import java.util.Optional;

import org.redwhistle.api.cases.internal.CaseCategoryStore;
import org.springframework.stereotype.Service;

/**
 * The category catalogue as other features read it (Open311 generates its services from it). The
 * store {@code case_category} is owned by the cases feature; administrators change it through
 * {@code /api/v1/case-categories}.
 */
@Service
public class CaseCategories {

    private final CaseCategoryStore store;

    public CaseCategories(CaseCategoryStore store) {
        this.store = store;
    }

    /** The active categories, in their sort order. */
    public List<CaseCategory> active() {
        return store.list(false);
    }

    /** A category of the catalogue, active or not, by its code. */
    public Optional<CaseCategory> byCode(String code) {
        return store.find(code);
    }

    /** An active category by its code. */
    public Optional<CaseCategory> activeByCode(String code) {
        return store.find(code).filter(CaseCategory::active);
    }
}

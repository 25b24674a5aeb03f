package org.redwhistle.api.cases;

import java.util.List;

/**
 * A category of the managed catalogue (环境卫生, 邻里纠纷, …): what residents pick when they blow the
 * whistle, with an emoji icon, its default case type and that type's escalation chain, and how
 * Open311 offers it ({@code keywords}, {@code open311Group}; the service code is the category code).
 */
public record CaseCategory(String code, String name, String icon, String description, String caseType, String caseTypeName,
        List<ChainLevel> chain, boolean active, int sort, String keywords, String open311Group) {

    /** One step of the escalation chain with the unit's name in Chinese. */
    public record ChainLevel(CaseLevel level, String label) {
    }
}

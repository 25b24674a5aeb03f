package org.redwhistle.architecture;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature modules inside command-api: each direct sub-package of {@code org.redwhistle.api} is a
 * module whose top package is its API and whose sub-packages are internal; no cycles between them.
 */
class FeatureModulesTest {

    static final ApplicationModules MODULES = ApplicationModules.of("org.redwhistle.api");

    @Test
    void featuresOnlyUseEachOthersApiAndFormNoCycles() {
        MODULES.verify();
    }
}

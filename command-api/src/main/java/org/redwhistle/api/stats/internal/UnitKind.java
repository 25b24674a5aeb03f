package org.redwhistle.api.stats.internal;

/** The kinds of unit the per-unit statistics compare, each ranked among its own kind. */
public enum UnitKind {
    /** A street (街道): the cases of its communities. */
    STREET("街道"),
    /** A community (社区). */
    COMMUNITY("社区"),
    /** A district department (区职能部门): the cases assigned to it. */
    DEPARTMENT("部门");

    private final String label;

    UnitKind(String label) {
        this.label = label;
    }

    /** The kind in zh-CN. */
    public String label() {
        return label;
    }
}

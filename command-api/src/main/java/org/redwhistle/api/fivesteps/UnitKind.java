package org.redwhistle.api.fivesteps;

/** Whom a 联动办事 task goes to. {@link #OTHER} is a body outside the platform (the property company, 物业), reported for by the community. */
public enum UnitKind {
    COMMUNITY("社区"),
    STREET("街道"),
    DEPARTMENT("职能部门"),
    OTHER("其他单位");

    private final String label;

    UnitKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package org.redwhistle.api.security;

/** User roles of the contract. Every role but ADMIN is scoped to an area. */
public enum Role {
    ADMIN("系统管理员", "administrators of the platform"),
    OPERATOR("指挥中心值班员", "operators of a community's or street's command center"),
    LEADER("区领导", "the district's leaders"),
    DEPARTMENT("职能部门", "district and street departments"),
    GRID_WORKER("网格员", "grid workers"),
    PATROL("平安联盟队员", "patrol members of the safety alliance (平安联盟)"),
    POLICE("社区民警", "community police"),
    POLICE_LEADER("派出所领导", "the police station's leaders: they lead the safety alliance (平安联盟) with its police, and approve its rewards"),
    INTEGRATOR("设备集成商", "device integrators"),
    COMMITTEE("村（居）委会", "the village's or community's committees (村“两委”, 社区“两委”): the households' registry, meetings and resolutions, the village compact"),
    MEDIATOR("调解员", "the village's mediation team (小调解): 代办员, mediators, 和事佬 and legal advisers"),
    RESIDENT("居民", "residents");

    private final String label;
    private final String who;

    Role(String label, String who) {
        this.label = label;
        this.who = who;
    }

    /** The role's name as users read it (Chinese). */
    public String label() {
        return label;
    }

    /** Who holds the role, in English, for the documentation. */
    public String who() {
        return who;
    }
}

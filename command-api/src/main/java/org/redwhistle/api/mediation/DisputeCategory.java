package org.redwhistle.api.mediation;

/** What a dispute is about, as the village's mediation ledger sorts them. */
public enum DisputeCategory {
    NEIGHBOURS("邻里纠纷"),
    MARRIAGE_FAMILY("婚姻家庭"),
    SUPPORT("赡养抚养"),
    HOMESTEAD_LAND("宅基地与土地"),
    BUILDING_ADJACENCY("房屋建设与相邻关系"),
    CONTRACT_DEBT("合同债务"),
    DAMAGES("损害赔偿"),
    OTHER("其他");

    private final String label;

    DisputeCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

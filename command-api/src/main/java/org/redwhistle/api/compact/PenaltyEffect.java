package org.redwhistle.api.compact;

/**
 * What a penalty article does to the household, as data: {@link #WELFARE_SUSPENDED} is what the payers
 * of welfare see in their list of suspensions; {@link #MEASURE} is a measure described in the article's
 * {@code measure} words (赔偿损失, 恢复原状, …).
 */
public enum PenaltyEffect {
    WELFARE_SUSPENDED("停发一切福利待遇"),
    HONOURS_EXCLUDED("取消评先评优资格"),
    MEASURE("其他处理措施");

    private final String label;

    PenaltyEffect(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

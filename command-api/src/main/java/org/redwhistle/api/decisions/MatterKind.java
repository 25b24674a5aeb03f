package org.redwhistle.api.decisions;

import java.math.BigDecimal;

/**
 * A kind of matter on the configurable list (土地, 拆迁安置, 集体资产处置, 大额开支, 村规民约, …). {@code major}:
 * on the list of major matters (重大事项), which cannot be carried out without a passed, published
 * resolution; with {@code thresholdYuan}, only from that amount on.
 */
public record MatterKind(String code, String name, String description, boolean major, BigDecimal thresholdYuan, int sort, boolean active) {

    /** The kind whose threshold makes any matter of at least that amount major. */
    public static final String LARGE_SPENDING = "LARGE_SPENDING";

    /** Whether a matter of this kind and amount is major, given the large-spending threshold ({@code spendingThreshold}, may be null). */
    public boolean isMajor(BigDecimal amount, BigDecimal spendingThreshold) {
        boolean byKind = major && (thresholdYuan == null || (amount != null && amount.compareTo(thresholdYuan) >= 0));
        boolean bySum = spendingThreshold != null && amount != null && amount.compareTo(spendingThreshold) >= 0;
        return byKind || bySum;
    }
}

package org.redwhistle.api.fivesteps.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.redwhistle.api.fivesteps.ProposalView;

/** An option's cost in figures and words: the compound's yearly total of a monthly price, or a one-off total. */
final class Costs {

    private Costs() {
    }

    static ProposalView.ProposalOption option(long id, String label, String description, BigDecimal amount, String unit, BigDecimal quantity,
            String quantityUnit, int perYear) {
        BigDecimal total = total(amount, quantity, perYear);
        String q = plain(quantity) + (quantityUnit == null ? "" : " " + quantityUnit);
        String text = plain(amount) + " " + unit + " × " + q + (perYear > 0 ? " × " + perYear + " 个月 = 每年 " : " = 合计 ") + plain(total) + " 元";
        return new ProposalView.ProposalOption(id, label, description, amount, unit, quantity, quantityUnit, perYear, total, text);
    }

    /** amount × quantity × perYear (a one-off cost, perYear 0, counts once), to the fen. */
    static BigDecimal total(BigDecimal amount, BigDecimal quantity, int perYear) {
        return amount.multiply(quantity).multiply(BigDecimal.valueOf(Math.max(perYear, 1))).setScale(2, RoundingMode.HALF_UP);
    }

    static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}

package org.redwhistle.api.leads.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import org.redwhistle.api.errors.ApiException;

/** Amounts of money in yuan: read from requests (more than 0, at most fen), written as users read them (¥1,200.00). */
public final class Yuan {

    private Yuan() {
    }

    /** ¥1,200.00 */
    public static String format(BigDecimal yuan) {
        return String.format(Locale.ROOT, "¥%,.2f", yuan.setScale(2, RoundingMode.HALF_UP));
    }

    /** A positive amount with at most two decimals, at most {@code max}; refused naming the field otherwise. */
    public static BigDecimal positive(String field, BigDecimal v, BigDecimal max) {
        if (v == null || v.signum() <= 0) {
            throw ApiException.badField(field, "is required: an amount in yuan more than 0");
        }
        if (v.stripTrailingZeros().scale() > 2) {
            throw ApiException.badField(field, "has more than two decimals (yuan and fen)");
        }
        if (v.compareTo(max) > 0) {
            throw ApiException.badField(field, "is more than " + format(max));
        }
        return v.setScale(2, RoundingMode.UNNECESSARY);
    }
}

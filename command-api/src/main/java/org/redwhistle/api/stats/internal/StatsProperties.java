package org.redwhistle.api.stats.internal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the case statistics weigh their parts (REFERENCE-NOTES §3: no primary source fixes them).
 *
 * @param basicallySatisfiedWeight how much a "basically satisfied" counts in the satisfaction rate, against 1 for satisfied
 * @param weights                  the composite's weights of the response, resolution and satisfaction rates, in that order
 * @param notEvaluated             how a case closed without an evaluation (逾期未评价，系统自动办结) counts in the resolution and
 *                                 satisfaction rates: EXCLUDED (not at all, the default), or as one resolved evaluation that was
 *                                 SATISFIED or BASICALLY_SATISFIED (默认满意)
 */
@ConfigurationProperties("redwhistle.stats")
public record StatsProperties(@DefaultValue("1.0") double basicallySatisfiedWeight, @DefaultValue({"0.10", "0.45", "0.45"}) List<Double> weights,
        @DefaultValue("EXCLUDED") NotEvaluated notEvaluated) {

    /** How cases closed without an evaluation count in the rates. */
    public enum NotEvaluated {
        /** Not in the resolution and satisfaction rates' denominators. */
        EXCLUDED,
        /** Each counts as an evaluation saying resolved and satisfied. */
        SATISFIED,
        /** Each counts as an evaluation saying resolved and basically satisfied. */
        BASICALLY_SATISFIED
    }

    public StatsProperties {
        if (weights.size() != 3) {
            throw new IllegalArgumentException("redwhistle.stats.weights: give three weights (response, resolution, satisfaction), not " + weights);
        }
        weights = List.copyOf(weights);
    }

    public double responseWeight() {
        return weights.get(0);
    }

    public double resolutionWeight() {
        return weights.get(1);
    }

    public double satisfactionWeight() {
        return weights.get(2);
    }
}

package org.redwhistle.api.stats.internal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the case statistics weigh their parts (REFERENCE-NOTES §3: no primary source fixes them).
 *
 * @param basicallySatisfiedWeight how much a "basically satisfied" counts in the satisfaction rate, against 1 for satisfied
 * @param weights                  the composite's weights of the response, resolution and satisfaction rates, in that order
 */
@ConfigurationProperties("redwhistle.stats")
public record StatsProperties(@DefaultValue("1.0") double basicallySatisfiedWeight, @DefaultValue({"0.10", "0.45", "0.45"}) List<Double> weights) {

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

package org.redwhistle.geo.area;

/**
 * Why an import was refused: the feature (its index in the FeatureCollection and, when it has one,
 * its code) and the problem.
 */
public record ImportProblem(int feature, String code, String problem) {

    @Override
    public String toString() {
        return "feature " + feature + (code == null ? "" : " (" + code + ")") + ": " + problem;
    }
}

package org.redwhistle.api.stats.internal;

/** The counts and rates of a period; a rate is null when there is nothing to count. */
public record Figures(long accepted, long closed, long open, long overdue, long complex, long rated, Double responseRate, Double resolutionRate,
        Double satisfactionRate, Double composite, long notEvaluated, long withdrawn, long rejected, long merged) {
}

package org.redwhistle.api.stats.internal;

/** What each rate means, with the configured weights, and how cases closed without an evaluation count. */
public record Definitions(String responseRate, String resolutionRate, String satisfactionRate, String composite, String notEvaluated) {
}

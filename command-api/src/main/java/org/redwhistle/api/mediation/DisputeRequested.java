package org.redwhistle.api.mediation;

import java.time.Instant;
import java.util.List;

/**
 * Another feature asks the village's mediation team to take up a dispute (an appeal against a compact
 * penalty, say): {@code origin} names what it came from (e.g. {@code compact-violation:42}) and comes
 * back in {@link DisputeSettled}; {@code householdIds} are the parties' households, {@code by} who asked.
 */
public record DisputeRequested(String origin, long areaId, String title, String summary, List<Long> householdIds, String by, Instant at) {
}

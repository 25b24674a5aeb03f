package org.redwhistle.api.mediation;

import java.time.Instant;

/**
 * A dispute's end: settled by an agreement ({@code resolved}) at a level, or referred out of the village
 * ({@code resolved} false), with the outcome in words; {@code origin} as the request gave it (null for
 * disputes raised in mediation itself).
 */
public record DisputeSettled(long disputeId, String origin, boolean resolved, String level, String outcome, Instant at) {
}

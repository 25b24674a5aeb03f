package org.redwhistle.api.decisions;

import java.time.Instant;

/**
 * A village's 四议两公开 matter rejected: a quorate meeting of one of the four steps did not pass it
 * ({@code step} the meeting). What it was about ({@code subjectKind}/{@code subjectRef}) as on the matter,
 * so that the feature that asked for the decision can let its subject go (a compact version, say).
 * Published in the transaction that records the meeting.
 */
public record MatterRejected(long matterId, long areaId, String subjectKind, String subjectRef, Step step, Instant at) {
}

package org.redwhistle.api.decisions;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A village's 四议两公开 resolution made public (决议公开): what it was about ({@code subjectKind} and
 * {@code subjectRef}, e.g. {@code compact-version} and the version's id, when another feature asked
 * for the decision), whether the representatives' meeting passed it, and when.
 */
public record ResolutionPublished(long matterId, long areaId, String subjectKind, String subjectRef, String title, boolean passed,
        LocalDate resolvedOn, Instant publishedAt) {
}

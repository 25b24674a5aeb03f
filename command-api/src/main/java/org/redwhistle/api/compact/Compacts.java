package org.redwhistle.api.compact;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The compact for other modules (the demo): read a village's versions, draft one, and record what
 * happens to a violation as a named actor at a given moment. Who may do it is checked by the routes,
 * not here; every change is audited.
 */
public interface Compacts {

    /** The version in force in a village, if any. */
    Optional<CompactVersion> inForce(long areaId);

    /** A village's versions, newest first. */
    List<CompactVersion> versions(long areaId);

    /** A new draft: a copy of the version in force, or empty. Refused (409) while a draft or proposal exists. */
    CompactVersion draft(String actor, long areaId, String title, Instant at);

    /** Replaces a draft's title and articles (checked: numbers, categories, references). */
    CompactVersion saveDraft(String actor, long versionId, String title, List<Article> articles, Instant at);

    /** The draft to 四议两公开: creates its matter (subject compact-version "<area>:<N>") and freezes the draft; 409 unless a draft with articles. */
    CompactVersion propose(String actor, long versionId, Instant at);

    /** What a report says: the household, the article breached, what happened, where and when. */
    record Report(long householdId, int articleNo, String description, String place, LocalDate occurredOn) {
    }

    Violation report(String actor, long areaId, Report report, Instant at);

    /** Adds an evidence picture (already normalized) to a violation. */
    long addPhoto(String actor, long violationId, byte[] jpeg, int width, int height, Instant at);

    Violation confirm(String actor, long violationId, int penaltyArticle, String note, LocalDate effectiveFrom, Instant at);

    Violation dismiss(String actor, long violationId, String reason, Instant at);

    Violation restore(String actor, long violationId, int restorationArticle, String evidence, String checkedBy, LocalDate from, Instant at);

    Violation appeal(String actor, long violationId, String reason, Instant at);

    /** The violations of a household, newest first. */
    List<Violation> ofHousehold(long householdId);
}

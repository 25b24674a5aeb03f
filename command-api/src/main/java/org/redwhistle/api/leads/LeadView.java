package org.redwhistle.api.leads;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A lead as police, the command center and the member who sent it read it. {@code member} is the sender's
 * name; {@code next} the review steps it may take now; {@code caseId} and {@code alarmId} what it became;
 * the outcome ({@code suspectsCaught}, the property recovered and its value in yuan) once recorded.
 */
public record LeadView(long id, long memberId, String member, String affiliation, String text, String photoUrl, double lon, double lat,
        List<Long> areaPath, LeadStatus status, String statusLabel, Instant createdAt, String reviewNote, String reviewedBy, Instant reviewedAt,
        Long caseId, Long alarmId, int suspectsCaught, String propertyDescription, BigDecimal propertyValueYuan, String outcomeNote,
        Instant outcomeAt, List<LeadStatus> next) {
}

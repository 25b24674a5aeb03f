package org.redwhistle.api.compact;

import java.time.LocalDate;

/** A version of a village's compact came into force (published inside the transaction that adopted it). */
public record CompactVersionAdopted(long versionId, long areaId, int number, LocalDate inForceFrom) {
}

/**
 * Decisions of villages and communities: meetings that vote under rules kept as data
 * ({@link org.redwhistle.api.decisions.VoteRule}, counted by {@link org.redwhistle.api.decisions.Tally}),
 * the villages' 四议两公开 (four deliberations, two disclosures) with the major matters that need a passed
 * resolution, and each village's public board. The stores and controllers are {@code internal}.
 */
package org.redwhistle.api.decisions;

/**
 * The village's mediation chain (小调解): rosters, disputes that go from a household's 代办员 to the
 * mediators and 和事佬 and then the legal advisers, each level with its own time limit, sessions,
 * agreements, and disputes referred out of the village. Other features ask for a mediation with
 * {@link org.redwhistle.api.mediation.DisputeRequested} and hear its end with
 * {@link org.redwhistle.api.mediation.DisputeSettled}; the rest is {@code internal}.
 */
package org.redwhistle.api.mediation;

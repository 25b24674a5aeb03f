package org.redwhistle.api.cases;

import java.time.Duration;
import java.time.Instant;

/**
 * The cases' jobs driven by time, run at a moment the caller chooses: 督办 (the supervision sweep:
 * warnings, orders and the escalations they cause) and the auto-close of handled cases nobody
 * evaluated. The scheduler runs them at the clock's time; a replay of the past (the demo's history)
 * runs them at each simulated moment, {@link #exclusively} so that no scheduled run interleaves.
 */
public interface CaseJobs {

    /** Issues the warnings and orders due at {@code now} and escalates the cases whose orders say so; returns how many orders. */
    int sweep(Instant now);

    /** Closes the handled cases whose evaluation window ended by {@code now}; returns how many. */
    int autoClose(Instant now);

    /** How long before a deadline the sweep warns the holding unit. */
    Duration warnBefore();

    /**
     * Runs {@code work} while this instance holds the cluster locks of the sweep and the auto-close, so
     * that neither runs on the clock's time in the meantime, on any instance; returns false without
     * running it when another instance holds one of them.
     */
    boolean exclusively(Runnable work);
}

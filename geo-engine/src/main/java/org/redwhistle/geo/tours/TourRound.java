package org.redwhistle.geo.tours;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The report of one round: per checkpoint, in route order, whether it was scanned on time, late or
 * not at all (or is still pending while the round runs), how (a scan or GPS proximity) and by whom;
 * and whether the checkpoints were visited in route order.
 */
public final class TourRound {

    private TourRound() {
    }

    /** A checkpoint of the route. */
    public record Checkpoint(int seq, String code, String name, double lon, double lat) {
    }

    /** Evidence that a checkpoint was visited. */
    public record Visit(int seq, Instant at, String method, String subject) {
    }

    public enum Status {
        ON_TIME,
        LATE,
        MISSED,
        PENDING
    }

    /** One checkpoint's line in the report. */
    public record Line(int seq, String code, String name, Status status, Instant at, String method, String subject) {
    }

    /** The whole round. {@code complete}: every checkpoint on time. */
    public record Report(Instant start, Instant due, boolean finished, boolean complete, boolean inOrder, List<Line> lines) {

        public List<Line> missed() {
            return lines.stream().filter(l -> l.status() == Status.MISSED).toList();
        }

        public List<Line> late() {
            return lines.stream().filter(l -> l.status() == Status.LATE).toList();
        }
    }

    /** Evaluates a round at {@code now}: the first on-time visit of each checkpoint counts, else the first late one. */
    public static Report evaluate(TourSchedule.Round round, List<Checkpoint> route, List<Visit> visits, Instant now) {
        boolean finished = !now.isBefore(round.due());
        List<Visit> known = visits.stream().filter(v -> !v.at().isAfter(now)).toList();
        List<Line> lines = new ArrayList<>();
        for (Checkpoint c : route) {
            Visit onTime = known.stream().filter(v -> v.seq() == c.seq() && round.onTime(v.at())).min(Comparator.comparing(Visit::at)).orElse(null);
            Visit late = onTime != null ? null
                    : known.stream().filter(v -> v.seq() == c.seq() && round.late(v.at())).min(Comparator.comparing(Visit::at)).orElse(null);
            Visit v = onTime != null ? onTime : late;
            Status s = onTime != null ? Status.ON_TIME : late != null ? Status.LATE : finished ? Status.MISSED : Status.PENDING;
            lines.add(new Line(c.seq(), c.code(), c.name(), s, v == null ? null : v.at(), v == null ? null : v.method(), v == null ? null : v.subject()));
        }
        boolean inOrder = true;
        Instant previous = null;
        for (Line l : lines) {
            if (l.at() != null) {
                if (previous != null && l.at().isBefore(previous)) {
                    inOrder = false;
                }
                previous = l.at();
            }
        }
        boolean complete = lines.stream().allMatch(l -> l.status() == Status.ON_TIME);
        return new Report(round.start(), round.due(), finished, complete, inOrder, lines);
    }
}

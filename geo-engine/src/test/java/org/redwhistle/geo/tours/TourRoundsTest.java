package org.redwhistle.geo.tours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TourRoundsTest {

    /** 夜间巡更: a round every two hours from 22:00 to 06:00, each within 60 minutes. */
    private final TourSchedule night = new TourSchedule(LocalTime.of(22, 0), LocalTime.of(6, 0), Duration.ofHours(2), Duration.ofMinutes(60), Set.of());

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(TourSchedule.CHINA).toInstant();
    }

    private final List<TourRound.Checkpoint> route = List.of(
            new TourRound.Checkpoint(1, "CP-N", "北门", 119.1245, 36.7088),
            new TourRound.Checkpoint(2, "CP-E", "东墙", 119.1318, 36.7060),
            new TourRound.Checkpoint(3, "CP-S", "南门", 119.1275, 36.7002));

    @Test
    void roundsRunAcrossMidnightEveryTwoHours() {
        List<TourSchedule.Round> rounds = night.roundsStartingBetween(at("2026-11-26T12:00:00"), at("2026-11-27T12:00:00"));
        assertThat(rounds).extracting(TourSchedule.Round::start)
                .containsExactly(at("2026-11-26T22:00:00"), at("2026-11-27T00:00:00"), at("2026-11-27T02:00:00"), at("2026-11-27T04:00:00"));
        assertThat(rounds.get(1).due()).isEqualTo(at("2026-11-27T01:00:00"));
        // the 04:00 round of the window that began the evening before
        assertThat(night.roundFor(at("2026-11-27T04:30:00")).orElseThrow().start()).isEqualTo(at("2026-11-27T04:00:00"));
        assertThat(night.roundFor(at("2026-11-27T05:30:00")).orElseThrow().late(at("2026-11-27T05:30:00"))).isTrue();
        assertThat(night.roundFor(at("2026-11-27T12:00:00"))).as("daytime: no round").isEmpty();
    }

    @Test
    void daysNameTheEveningAWindowStarts() {
        TourSchedule fridays = new TourSchedule(LocalTime.of(22, 0), LocalTime.of(6, 0), Duration.ofHours(2), Duration.ofMinutes(60), Set.of(DayOfWeek.FRIDAY));
        List<TourSchedule.Round> rounds = fridays.roundsStartingBetween(at("2026-11-26T00:00:00"), at("2026-11-29T23:59:59"));
        assertThat(rounds).extracting(TourSchedule.Round::start).first().isEqualTo(at("2026-11-27T22:00:00"));
        assertThat(rounds).extracting(TourSchedule.Round::start).last().isEqualTo(at("2026-11-28T04:00:00")); // Saturday morning
        assertThat(rounds).hasSize(4);
    }

    @Test
    void aRoundReportsOnTimeLateMissedAndOrder() {
        TourSchedule.Round r = night.roundFor(at("2026-11-27T00:10:00")).orElseThrow();
        List<TourRound.Visit> visits = List.of(
                new TourRound.Visit(1, at("2026-11-27T00:05:00"), "SCAN", "member:1"),
                new TourRound.Visit(1, at("2026-11-27T00:50:00"), "GPS", "member:1"),   // a second visit does not matter
                new TourRound.Visit(2, at("2026-11-27T01:20:00"), "GPS", "member:1"),   // after 01:00: late
                new TourRound.Visit(3, at("2026-11-26T23:59:00"), "SCAN", "member:1")); // the previous round's
        TourRound.Report during = TourRound.evaluate(r, route, visits, at("2026-11-27T00:30:00"));
        assertThat(during.finished()).isFalse();
        assertThat(during.lines()).extracting(TourRound.Line::status)
                .containsExactly(TourRound.Status.ON_TIME, TourRound.Status.PENDING, TourRound.Status.PENDING);

        TourRound.Report after = TourRound.evaluate(r, route, visits, at("2026-11-27T01:30:00"));
        assertThat(after.finished()).isTrue();
        assertThat(after.lines()).extracting(TourRound.Line::status)
                .containsExactly(TourRound.Status.ON_TIME, TourRound.Status.LATE, TourRound.Status.MISSED);
        assertThat(after.lines().get(0).at()).isEqualTo(at("2026-11-27T00:05:00"));
        assertThat(after.missed()).extracting(TourRound.Line::code).containsExactly("CP-S");
        assertThat(after.late()).extracting(TourRound.Line::code).containsExactly("CP-E");
        assertThat(after.complete()).isFalse();
        assertThat(after.inOrder()).isTrue();

        TourRound.Report outOfOrder = TourRound.evaluate(r, route, List.of(
                new TourRound.Visit(2, at("2026-11-27T00:10:00"), "SCAN", "m"), new TourRound.Visit(1, at("2026-11-27T00:20:00"), "SCAN", "m"),
                new TourRound.Visit(3, at("2026-11-27T00:30:00"), "SCAN", "m")), at("2026-11-27T01:30:00"));
        assertThat(outOfOrder.complete()).isTrue();
        assertThat(outOfOrder.inOrder()).isFalse();
    }

    @Test
    void aRoundLongerThanItsIntervalIsRefused() {
        assertThatThrownBy(() -> new TourSchedule(LocalTime.of(22, 0), LocalTime.of(6, 0), Duration.ofMinutes(30), Duration.ofMinutes(60), Set.of()))
                .hasMessageContaining("cannot be longer than the interval");
    }
}

package org.redwhistle.api.recordings.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The gaps a search reports: the parts of the window no recorded span covers, jitter under 1.5 s ignored. */
class RecordingSearchGapsTest {

    private static final Instant T = Instant.parse("2026-12-05T02:00:00Z");

    private static RecordingSearch.Interval at(int from, int to) {
        return new RecordingSearch.Interval(T.plusSeconds(from), T.plusSeconds(to));
    }

    @Test
    void aWindowWithoutFootageIsOneGap() {
        assertThat(RecordingSearch.gaps(List.of(), T, T.plusSeconds(60))).containsExactly(at(0, 60));
    }

    @Test
    void gapsLieBeforeBetweenAndAfterTheSpans() {
        assertThat(RecordingSearch.gaps(List.of(at(10, 20), at(30, 40)), T, T.plusSeconds(60)))
                .containsExactly(at(0, 10), at(20, 30), at(40, 60));
    }

    @Test
    void spansReachingOverTheWindowLeaveNoGapAndJitterIsNoGap() {
        assertThat(RecordingSearch.gaps(List.of(at(-5, 20), at(21, 70)), T, T.plusSeconds(60))).isEmpty();
    }
}

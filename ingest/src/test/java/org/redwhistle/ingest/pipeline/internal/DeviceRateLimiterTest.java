package org.redwhistle.ingest.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.ingest.pipeline.RateLimitProperties;
import org.redwhistle.ingest.pipeline.internal.DeviceRateLimiter.Admission;

/**
 * Token buckets per device: bursts, refill, windows of excess kept, counted and summarised, bounded
 * memory, and the broker's backlog after the platform was away.
 */
class DeviceRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final Instant T0 = Instant.parse("2026-11-26T18:00:00Z");
    private static final String WALL = "cc/v1/devices/wall-01/events";
    /** The defaults, as Spring binds them. */
    private final RateLimitProperties defaults = new RateLimitProperties(5, 20, 5, 20, 2, 10, 5, 30, Duration.ofMinutes(1), 5,
            Duration.ofMinutes(10));

    private static Instant at(long nanos) {
        return T0.plusNanos(nanos);
    }

    private List<Admission> send(DeviceRateLimiter limiter, String device, DeviceKind kind, int n, long atNanos) {
        List<Admission> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(limiter.admit(device, kind, WALL, atNanos, at(atNanos)));
        }
        return out;
    }

    @Test
    void aWallAlarmGetsItsBurstThenItsRate() {
        DeviceRateLimiter limiter = new DeviceRateLimiter(defaults, 0);
        List<Admission> flood = send(limiter, "wall-01", DeviceKind.PERIMETER_ALARM, 2_000, 0);
        assertThat(flood.stream().filter(a -> a == Admission.ADMITTED)).as("the burst").hasSize(10);
        assertThat(flood.stream().filter(a -> a == Admission.EXCESS_KEPT)).as("kept in full").hasSize(5);
        assertThat(flood.stream().filter(a -> a == Admission.EXCESS_DROPPED)).hasSize(1_985);
        assertThat(flood.subList(0, 16)).containsExactly(Admission.ADMITTED, Admission.ADMITTED, Admission.ADMITTED, Admission.ADMITTED,
                Admission.ADMITTED, Admission.ADMITTED, Admission.ADMITTED, Admission.ADMITTED, Admission.ADMITTED, Admission.ADMITTED,
                Admission.EXCESS_KEPT, Admission.EXCESS_KEPT, Admission.EXCESS_KEPT, Admission.EXCESS_KEPT, Admission.EXCESS_KEPT,
                Admission.EXCESS_DROPPED);
        // 1.5 s later the bucket holds 3 tokens (2/s)
        List<Admission> later = send(limiter, "wall-01", DeviceKind.PERIMETER_ALARM, 5, 3 * SECOND / 2);
        assertThat(later).containsExactly(Admission.ADMITTED, Admission.ADMITTED, Admission.ADMITTED, Admission.EXCESS_DROPPED,
                Admission.EXCESS_DROPPED);
    }

    @Test
    void devicesAndKindsHaveBucketsOfTheirOwn() {
        DeviceRateLimiter limiter = new DeviceRateLimiter(defaults, 0);
        send(limiter, "wall-01", DeviceKind.PERIMETER_ALARM, 100, 0);
        assertThat(send(limiter, "wall-02", DeviceKind.PERIMETER_ALARM, 10, 0)).containsOnly(Admission.ADMITTED);
        assertThat(send(limiter, "patrol-01", DeviceKind.PATROL_TERMINAL, 31, 0)).as("burst 30").endsWith(Admission.EXCESS_KEPT)
                .filteredOn(a -> a == Admission.ADMITTED).hasSize(30);
    }

    @Test
    void aPatrolTerminalAtOneFixASecondIsNeverLimited() {
        DeviceRateLimiter limiter = new DeviceRateLimiter(defaults, 0);
        for (long s = 0; s < 3_600; s++) {
            assertThat(limiter.admit("patrol-01", DeviceKind.PATROL_TERMINAL, WALL, s * SECOND, at(s * SECOND))).isEqualTo(Admission.ADMITTED);
        }
    }

    @Test
    void aClosedWindowSaysHowManyWereDroppedOnceAndANewWindowOpensWithTheNextExcess() {
        DeviceRateLimiter limiter = new DeviceRateLimiter(defaults, 0);
        send(limiter, "wall-01", DeviceKind.PERIMETER_ALARM, 2_000, 0);
        assertThat(limiter.hasClosedWindows(59 * SECOND)).isFalse();
        assertThat(limiter.closedWindows(59 * SECOND, at(59 * SECOND))).isEmpty();
        assertThat(limiter.hasClosedWindows(60 * SECOND)).isTrue();
        List<DeviceRateLimiter.Overflow> closed = limiter.closedWindows(60 * SECOND, at(60 * SECOND));
        assertThat(closed).containsExactly(new DeviceRateLimiter.Overflow("wall-01", DeviceKind.PERIMETER_ALARM, WALL, 1_985, T0, T0.plusSeconds(60)));
        assertThat(limiter.overflowReason(closed.get(0)))
                .isEqualTo("1985 more messages over the rate limit of 2/s (bursts of 10) for perimeter_alarm devices dropped in the 60 s from 2026-11-26T18:00:00Z");
        assertThat(limiter.excessReason(DeviceKind.PERIMETER_ALARM))
                .isEqualTo("over the rate limit of 2/s (bursts of 10) for perimeter_alarm devices: not processed");
        assertThat(limiter.closedWindows(61 * SECOND, at(61 * SECOND))).as("reported once").isEmpty();
        // the bucket is full again after 5 s: a new flood opens a new window, with its first five kept again
        List<Admission> again = send(limiter, "wall-01", DeviceKind.PERIMETER_ALARM, 20, 70 * SECOND);
        assertThat(again.stream().filter(a -> a == Admission.EXCESS_KEPT)).hasSize(5);
        assertThat(limiter.closedWindows(130 * SECOND, at(130 * SECOND))).extracting(DeviceRateLimiter.Overflow::dropped).containsExactly(5L);
    }

    @Test
    void aWindowWithNothingDroppedClosesSilently() {
        DeviceRateLimiter limiter = new DeviceRateLimiter(defaults, 0);
        send(limiter, "wall-01", DeviceKind.PERIMETER_ALARM, 13, 0);
        assertThat(limiter.closedWindows(60 * SECOND, at(60 * SECOND))).isEmpty();
        assertThat(limiter.hasClosedWindows(61 * SECOND)).isFalse();
    }

    @Test
    void devicesThatWentQuietAreForgotten() {
        DeviceRateLimiter limiter = new DeviceRateLimiter(defaults, 0);
        for (int i = 0; i < 1_000; i++) {
            limiter.admit("cam-" + i, DeviceKind.CAMERA, WALL, 0, T0);
        }
        send(limiter, "wall-01", DeviceKind.PERIMETER_ALARM, 100, 30 * SECOND);
        assertThat(limiter.tracked()).isEqualTo(1_001);
        limiter.closedWindows(60 * SECOND, at(60 * SECOND));
        assertThat(limiter.tracked()).as("the cameras' buckets refilled; the wall's window is open").isEqualTo(1);
    }

    @Test
    void afterThePlatformWasAwayEachDeviceMaySendOnceWhatItsRateAllowedMeanwhile() {
        DeviceRateLimiter limiter = new DeviceRateLimiter(defaults, 0);
        send(limiter, "wall-01", DeviceKind.PERIMETER_ALARM, 10, 0);
        // away for a minute (the database stalled): the backlog arrives at once at 100 s
        limiter.catchUp(Duration.ofSeconds(60), 100 * SECOND);
        List<Admission> backlog = send(limiter, "wall-01", DeviceKind.PERIMETER_ALARM, 200, 100 * SECOND);
        assertThat(backlog.stream().filter(a -> a == Admission.ADMITTED)).as("its burst and a minute at 2/s").hasSize(10 + 120);
        assertThat(send(limiter, "wall-02", DeviceKind.PERIMETER_ALARM, 200, 101 * SECOND).stream().filter(a -> a == Admission.ADMITTED))
                .as("a device first heard during the catch-up").hasSize(130);
        // once: later in the catch-up the bucket refills at the rate again
        assertThat(send(limiter, "wall-01", DeviceKind.PERIMETER_ALARM, 20, 110 * SECOND).stream().filter(a -> a == Admission.ADMITTED))
                .hasSize(20);
        // after the catch-up (its minute and one more), the bucket holds its burst again, no more
        assertThat(send(limiter, "wall-01", DeviceKind.PERIMETER_ALARM, 200, 400 * SECOND).stream().filter(a -> a == Admission.ADMITTED))
                .hasSize(10);
    }

    @Test
    void theCatchUpAllowanceIsCappedAndAtStartUpIsTheCap() {
        DeviceRateLimiter limiter = new DeviceRateLimiter(defaults, 0);
        limiter.catchUp(Duration.ofHours(6), 0);
        assertThat(limiter.catchUpSeconds(0)).isEqualTo(600.0);
        assertThat(send(limiter, "patrol-01", DeviceKind.PATROL_TERMINAL, 5_000, SECOND).stream().filter(a -> a == Admission.ADMITTED))
                .as("a terminal's burst and ten minutes at 5/s").hasSize(30 + 3_000);
        assertThat(limiter.catchUpSeconds(11 * 60 * SECOND + 1)).isZero();
    }
}

package org.redwhistle.geo.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ArmingScheduleTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ArmingSchedule schedule(String windows) {
        return new ArmingSchedule(ArmingSchedule.Mode.SCHEDULE, ArmingSchedule.parseWindows(JSON.readTree(windows)));
    }

    /** A local time in China. */
    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ArmingSchedule.CHINA).toInstant();
    }

    @Test
    void aNightWindowCrossesMidnightInChinaTime() {
        ArmingSchedule night = schedule("[{\"from\":\"20:00\",\"to\":\"06:00\"}]");
        assertThat(night.isArmed(at("2026-11-26T19:59:59"))).isFalse();
        assertThat(night.isArmed(at("2026-11-26T20:00:00"))).isTrue();
        assertThat(night.isArmed(at("2026-11-26T23:59:59"))).isTrue();
        assertThat(night.isArmed(at("2026-11-27T00:00:00"))).isTrue();
        assertThat(night.isArmed(at("2026-11-27T05:59:59"))).isTrue();
        assertThat(night.isArmed(at("2026-11-27T06:00:00"))).isFalse();
        assertThat(night.isArmed(at("2026-11-27T12:00:00"))).isFalse();
        // 20:00 China time is 12:00 UTC: the schedule is read in Asia/Shanghai, not in the server's zone
        assertThat(night.isArmed(Instant.parse("2026-11-26T12:30:00Z"))).isTrue();
        assertThat(night.isArmed(Instant.parse("2026-11-26T11:30:00Z"))).isFalse();
    }

    @Test
    void daysNameTheDayAWindowStartsSoFridayNightRunsIntoSaturdayMorning() {
        ArmingSchedule fridayNight = schedule("[{\"days\":[5],\"from\":\"22:00\",\"to\":\"06:00\"}]");
        // 2026-11-27 is a Friday
        assertThat(fridayNight.isArmed(at("2026-11-27T23:00:00"))).isTrue();
        assertThat(fridayNight.isArmed(at("2026-11-28T05:00:00"))).as("Saturday morning, from Friday's window").isTrue();
        assertThat(fridayNight.isArmed(at("2026-11-28T23:00:00"))).as("Saturday night").isFalse();
        assertThat(fridayNight.isArmed(at("2026-11-27T05:00:00"))).as("Friday morning belongs to Thursday's window").isFalse();
    }

    @Test
    void dayWindowsModesAndAlways() {
        ArmingSchedule office = schedule("[{\"days\":[1,2,3,4,5],\"from\":\"08:30\",\"to\":\"17:30\"}]");
        assertThat(office.isArmed(at("2026-11-26T09:00:00"))).isTrue();   // Thursday
        assertThat(office.isArmed(at("2026-11-29T09:00:00"))).isFalse();  // Sunday
        assertThat(schedule("[]").isArmed(at("2026-11-26T09:00:00"))).as("no windows: always armed").isTrue();
        assertThat(schedule("[{\"from\":\"00:00\",\"to\":\"00:00\"}]").isArmed(at("2026-11-26T13:00:00"))).as("from = to: all day").isTrue();
        assertThat(new ArmingSchedule(ArmingSchedule.Mode.DISARMED, List.of()).isArmed(Instant.now())).isFalse();
        assertThat(new ArmingSchedule(ArmingSchedule.Mode.ARMED, office.windows()).isArmed(at("2026-11-29T09:00:00"))).isTrue();
    }

    @Test
    void badWindowsAreNamed() {
        assertThatThrownBy(() -> schedule("[{\"from\":\"8pm\",\"to\":\"06:00\"}]")).hasMessage("schedule[0].from must be a time like 20:00");
        assertThatThrownBy(() -> schedule("[{\"from\":\"20:00\",\"to\":\"06:00\"},{\"days\":[0],\"from\":\"20:00\",\"to\":\"06:00\"}]"))
                .hasMessage("schedule[1].days must hold numbers 1 (Monday) to 7 (Sunday)");
    }
}

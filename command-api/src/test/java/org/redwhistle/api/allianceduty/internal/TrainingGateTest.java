package org.redwhistle.api.allianceduty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;

import org.junit.jupiter.api.Test;

/** The gate's switch and the words of its refusals, without a database. */
class TrainingGateTest {

    @Test
    void withTrainingNotRequiredNobodyIsRefused() {
        TrainingGate gate = new TrainingGate(null, null, new AllianceDutyProperties(false), Clock.systemUTC());
        assertThat(gate.refusal(42)).isEmpty();
    }

    @Test
    void aPassExpiresOnTheDayItsValidityRunsOutAndTheDayIsWrittenInChinese() {
        TrainingStore.Course course = new TrainingStore.Course("PRE_DUTY", "岗前培训", true, 12, true);
        LocalDate expires = course.expiresOn(LocalDate.of(2025, Month.MARCH, 1));
        assertThat(expires).isEqualTo(LocalDate.of(2026, Month.MARCH, 1));
        assertThat(TrainingService.chinese(expires)).isEqualTo("2026年3月1日");
        assertThat(new TrainingStore.Course("FIRST_AID", "急救常识", false, null, true).expiresOn(LocalDate.of(2025, 3, 1))).isNull();
    }
}

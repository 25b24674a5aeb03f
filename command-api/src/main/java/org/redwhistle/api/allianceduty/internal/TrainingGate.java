package org.redwhistle.api.allianceduty.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.members.DutyGate;
import org.redwhistle.api.members.Members;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A PATROL member goes on duty only with a pass of every required course (岗前培训) that has not expired on
 * today's date in Asia/Shanghai (by the application's clock). Grid workers and police are not asked; with
 * {@code redwhistle.alliance.training-required=false} nobody is.
 */
@Component
@Order(2) // asked after the membership gate (AllianceDutyGate, order 1)
class TrainingGate implements DutyGate {

    private final TrainingService training;
    private final Members members;
    private final AllianceDutyProperties props;
    private final Clock clock;

    TrainingGate(TrainingService training, Members members, AllianceDutyProperties props, Clock clock) {
        this.training = training;
        this.members = members;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public Optional<String> refusal(long memberId) {
        if (!props.trainingRequired()) {
            return Optional.empty();
        }
        boolean patrol = members.byId(memberId).map(m -> "PATROL".equals(m.role())).orElse(false);
        return patrol ? training.missing(memberId, LocalDate.ofInstant(clock.instant(), WorkingCalendar.CHINA)) : Optional.empty();
    }
}

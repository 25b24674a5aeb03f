package org.redwhistle.api.alliance.internal;

import java.util.Optional;

import org.redwhistle.api.members.DutyGate;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * An alliance member goes on duty only while in the register (在册): a suspended, departed or not (yet) vetted
 * membership keeps them off duty, with the reason. Responders who are no alliance members (grid workers, the
 * police) are not this gate's business.
 */
@Component
@Order(1) // asked first: a member who left or is suspended is told that, not that their training lapsed
class AllianceDutyGate implements DutyGate {

    private final AllianceStore store;

    AllianceDutyGate(AllianceStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> refusal(long memberId) {
        return store.byMember(memberId).flatMap(m -> switch (m.status()) {
            case ACTIVE -> Optional.empty();
            case SUSPENDED -> Optional.of("平安联盟队员资格已暂停，不能上岗" + (m.statusReason() == null ? "" : "（原因：" + m.statusReason() + "）"));
            case LEFT -> Optional.of("您已退出平安联盟，不能上岗");
            case APPLIED -> Optional.of("入盟申请尚未审核通过，不能上岗");
            case REJECTED -> Optional.of("入盟申请未通过，不能上岗");
        });
    }
}

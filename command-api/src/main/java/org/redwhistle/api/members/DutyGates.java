package org.redwhistle.api.members;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.members.internal.MemberStore;
import org.redwhistle.geo.responders.ResponderState;
import org.springframework.stereotype.Component;

/**
 * The one rule of who may be on duty, asked everywhere a member would become AVAILABLE: every {@link DutyGate}
 * (the alliance's membership, the pre-duty training) in their order. A member's own request to go on duty that a
 * gate refuses is a 409 with the gate's reason ({@link #refusal}); a member freed without asking — their
 * dispatch ended because the alarm closed, or they declined it — goes AVAILABLE, or OFF_DUTY when a gate refuses
 * ({@link #free}). So a member suspended or gone from the alliance while on a task, or whose training expired
 * meanwhile, is off duty when the task ends. A named dispatch of a refused member is refused too (alarms'
 * Dispatcher asks {@link #refusal}). The gates are per-member queries: asked for the few members a step touches,
 * never on the position path.
 */
@Component
public class DutyGates {

    private final List<DutyGate> gates;
    private final MemberStore store;
    private final AuditLog audit;
    private final Members members;

    public DutyGates(List<DutyGate> gates, MemberStore store, AuditLog audit, Members members) {
        this.gates = gates;
        this.store = store;
        this.audit = audit;
        this.members = members;
    }

    /** Why the member may not be on duty now (the first gate's refusal, in Chinese); empty when they may. */
    public Optional<String> refusal(long memberId) {
        for (DutyGate gate : gates) {
            Optional<String> why = gate.refusal(memberId);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    /** A member freed by {@link #free}: the state they went to, and the gate's refusal when that is OFF_DUTY. */
    public record Freed(long memberId, ResponderState state, String refusal) {
    }

    /**
     * Frees these members, in the caller's transaction: each one still BUSY goes AVAILABLE, or OFF_DUTY when a gate
     * refuses them; each change audited ({@code member.state}, by {@code actor}, for {@code why} or the gate's
     * reason). Others (already off duty, on duty) stay as they are. Tell the live index with {@link #committed}
     * once the transaction committed.
     */
    public List<Freed> free(Collection<Long> memberIds, String actor, String why) {
        List<Freed> out = new ArrayList<>();
        for (Long id : memberIds) {
            Optional<String> refused = refusal(id);
            ResponderState to = refused.isPresent() ? ResponderState.OFF_DUTY : ResponderState.AVAILABLE;
            if (store.freeIfBusy(id, to)) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("from", ResponderState.BUSY.name());
                detail.put("to", to.name());
                audit.record(actor, "member.state", "member", String.valueOf(id), refused.map(r -> why + "；" + r).orElse(why), detail);
                out.add(new Freed(id, to, refused.orElse(null)));
            }
        }
        return out;
    }

    /** The live index learns the freed members' states (after the transaction of {@link #free} committed). */
    public void committed(List<Freed> freed) {
        freed.forEach(f -> members.stateCommitted(f.memberId(), f.state()));
    }
}

package org.redwhistle.api.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.cases.internal.CaseType;
import org.redwhistle.api.errors.ApiException;
import org.springframework.http.HttpStatus;

/** The case states as types: the transition table, the open and terminal sets as SQL, the levels' chain rule. */
class CaseTransitionsTest {

    @Test
    void aClosedCaseAllowsNoActionAndEveryOpenOneCanReachClosed() {
        for (CaseStatus end : CaseStatus.terminal()) {
            assertThat(end.actions()).as(end.name()).isEmpty();
        }
        for (CaseStatus s : CaseStatus.open()) {
            Set<CaseStatus> reached = EnumSet.of(s);
            boolean grew = true;
            while (grew) {
                grew = false;
                for (CaseStatus from : EnumSet.copyOf(reached)) {
                    for (CaseStatus to : CaseStatus.values()) {
                        grew |= from.canMoveTo(to) && reached.add(to);
                    }
                }
            }
            assertThat(reached).as("from " + s).contains(CaseStatus.CLOSED);
        }
    }

    @Test
    void theTableAllowsOnlyTheWorkflowsMoves() {
        assertThat(CaseStatus.DISPATCHED.actions()).containsExactly(CaseAction.TAKE, CaseAction.ESCALATE, CaseAction.COMPLEX,
                CaseAction.WITHDRAW, CaseAction.REJECT, CaseAction.MERGE, CaseAction.REMIND, CaseAction.INSTRUCT);
        assertThat(CaseStatus.ASSIGNED.actions()).contains(CaseAction.SEND_BACK, CaseAction.REPORT, CaseAction.INSTRUCT);
        assertThat(CaseAction.SEND_BACK.leadsTo(CaseStatus.ASSIGNED, CaseStatus.TAKEN)).as("every department sent it back").isTrue();
        assertThat(CaseAction.REPORT.leadsTo(CaseStatus.ASSIGNED, CaseStatus.ASSIGNED)).as("a co-handler reports first").isTrue();
        assertThat(CaseStatus.TAKEN.actions()).doesNotContain(CaseAction.WITHDRAW).contains(CaseAction.REJECT, CaseAction.MERGE, CaseAction.REMIND);
        assertThat(CaseStatus.HANDLED.actions()).containsExactly(CaseAction.EVALUATE, CaseAction.INSTRUCT, CaseAction.AUTO_CLOSE);
        assertThat(CaseAction.REMIND.leadsTo(CaseStatus.ASSIGNED, CaseStatus.ASSIGNED)).as("a reminder keeps the status").isTrue();
        assertThat(CaseAction.AUTO_CLOSE.wire()).isEqualTo("auto-close");
        assertThat(CaseStatus.HANDLED.canMoveTo(CaseStatus.ASSIGNED)).as("rework").isTrue();
        assertThat(CaseStatus.DISPATCHED.canMoveTo(CaseStatus.HANDLED)).isFalse();
        assertThat(CaseAction.COMPLEX.leadsTo(CaseStatus.TAKEN, CaseStatus.TAKEN)).as("complex keeps the status").isTrue();
        assertThat(CaseAction.COMPLEX.leadsTo(CaseStatus.TAKEN, CaseStatus.ASSIGNED)).isFalse();
    }

    @Test
    void anIllegalMoveIsAConflictNamingTheStatus() {
        assertThatThrownBy(() -> CaseAction.EVALUATE.requireAllowedFrom(CaseStatus.CLOSED)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(e.getMessage()).isEqualTo("the case is CLOSED; this action needs HANDLED");
            assertThat(e.errors()).containsExactly(new ApiException.FieldError("status", "CLOSED"));
        });
        assertThatThrownBy(() -> CaseAction.ESCALATE.requireAllowedFrom(CaseStatus.HANDLED))
                .hasMessage("the case is HANDLED; this action needs DISPATCHED or TAKEN or ASSIGNED");
    }

    @Test
    void theOpenAndTerminalSetsAreWrittenOnceAndRenderedAsSql() {
        assertThat(CaseStatus.terminal()).containsExactly(CaseStatus.CLOSED, CaseStatus.WITHDRAWN, CaseStatus.REJECTED, CaseStatus.MERGED);
        assertThat(CaseStatus.sqlList(CaseStatus.open())).isEqualTo("'DISPATCHED', 'TAKEN', 'ASSIGNED', 'HANDLED'");
        assertThat(CaseStatus.sqlList(CaseStatus.terminal())).isEqualTo("'CLOSED', 'WITHDRAWN', 'REJECTED', 'MERGED'");
        assertThat(CaseStatus.HANDLED.awaitsResolution()).as("reported: only the evaluation is pending").isFalse();
    }

    @Test
    void aChainNeverReturnsFromTheDistrictToTheCommunity() {
        assertThat(CaseType.parseChain(List.of("COMMUNITY", "STREET", "DISTRICT_CENTER"))).containsExactly(CaseLevel.COMMUNITY, CaseLevel.STREET,
                CaseLevel.DISTRICT_CENTER);
        assertThatThrownBy(() -> CaseType.parseChain(List.of("STREET", "MEDIATORS"))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors().get(0).field()).isEqualTo("chain[1]"));
        // the street's unit is the community's parent on the case's path; the district's the root
        assertThat(CaseLevel.STREET.holderArea(30L, List.of(10L, 20L, 30L, 40L))).isEqualTo(20L);
        assertThat(CaseLevel.DISTRICT_CENTER.holderArea(30L, List.of(10L, 20L, 30L, 40L))).isEqualTo(10L);
        assertThat(CaseLevel.COMMUNITY.holderArea(30L, List.of(10L, 20L, 30L, 40L))).isEqualTo(30L);
        assertThat(CaseType.parseChain(List.of("COMMUNITY", "DISTRICT_CENTER", "LEADERS")))
                .containsExactly(CaseLevel.COMMUNITY, CaseLevel.DISTRICT_CENTER, CaseLevel.LEADERS);
        assertThatThrownBy(() -> CaseType.parseChain(List.of("DISTRICT_CENTER", "COMMUNITY"))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors().get(0).field()).isEqualTo("chain[1]"));
        assertThatThrownBy(() -> CaseType.parseChain(List.of("COMMUNITY", "VILLAGE"))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors().get(0).field()).isEqualTo("chain[1]"));
        assertThatThrownBy(() -> CaseType.parseChain(List.of("COMMUNITY", "COMMUNITY"))).hasMessage("chain: a level appears twice");
        CaseType general = new CaseType("GENERAL", "x", List.of(CaseLevel.COMMUNITY, CaseLevel.DISTRICT_CENTER));
        assertThat(general.after(CaseLevel.COMMUNITY)).contains(CaseLevel.DISTRICT_CENTER);
        assertThat(general.after(CaseLevel.DISTRICT_CENTER)).isEmpty();
        assertThat(CaseLevel.DEPARTMENTS.holderArea(7L, List.of(1L, 4L, 7L))).as("the district holds it").isEqualTo(1L);
        assertThat(CaseLevel.COMMUNITY.holderArea(7L, List.of(1L, 4L, 7L))).isEqualTo(7L);
    }
}

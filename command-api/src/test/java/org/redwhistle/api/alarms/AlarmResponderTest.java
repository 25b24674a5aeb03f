package org.redwhistle.api.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** How a responder is named in a dispatch note and how their state reads. */
class AlarmResponderTest {

    @Test
    void aDispatchNoteNamesTheMemberWithWhatTheNameDoesNotSayAlready() {
        assertThat(AlarmResponder.described("社区民警 吴", "POLICE", "广文街道派出所")).isEqualTo("社区民警 吴（广文街道派出所）");
        assertThat(AlarmResponder.described("平安联盟 孙（物业保安）", "PATROL", "物业保安")).isEqualTo("平安联盟 孙（物业保安）");
        assertThat(AlarmResponder.described("刘", "GRID_WORKER", null)).isEqualTo("刘（网格员）");
    }

    @Test
    void aResolvedAlarmReadsAsHandledForThoseOnItAndADeclineGivesItsReason() {
        assertThat(AlarmResponder.stateLabel("OFFERED", null, null)).isEqualTo("已派出");
        assertThat(AlarmResponder.stateLabel("DECLINED", null, "在另一现场")).isEqualTo("已拒绝（在另一现场）");
        assertThat(AlarmResponder.stateLabel("DECLINED", null, " ")).isEqualTo("已拒绝");
        assertThat(AlarmResponder.stateLabel("ARRIVED", Instant.EPOCH, null)).isEqualTo("已处置");
    }
}

package org.redwhistle.api.alarms.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.alarms.AlarmSeverity;
import org.redwhistle.api.images.TestPictures;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.devices.contract.EventType;
import org.redwhistle.ingest.pipeline.StoredEvent;
import org.redwhistle.ingest.snapshots.SnapshotStore;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A device's snapshot of an event and the alarm the event raises are committed by two threads (the snapshot
 * worker, the alarm worker): whichever commits first, the snapshot ends up linked to the alarm, so the board
 * shows the picture (a face gate's watchlist hit). Each round starts both at once; before the event's lock
 * (EventSnapshots#lockEvent) some rounds lost the link: the raise's statement began before the snapshot was
 * committed, and the snapshot's link looked for the alarm before the raise was committed.
 */
class EventSnapshotLinkRaceTest extends IntegrationTest {

    @Autowired
    AlarmService alarms;

    @Autowired
    SnapshotStore snapshots;

    @Test
    void theSnapshotIsLinkedToItsEventsAlarmWhicheverIsCommittedFirst() throws Exception {
        String camera = "cam-race" + Events.newMsgId().substring(0, 8);
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                values (?, 'camera', ?, '竞态测试摄像机', (select id from area where code = '370705001003'), st_setsrid(st_makepoint(119.1262, 36.7152), 4326), 'ACTIVE')""")
                .params(camera, "SN-" + camera).update();
        byte[] jpeg = TestPictures.jpeg(320, 240);
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<String> unlinked = new ArrayList<>();
        try {
            for (int round = 0; round < 200; round++) {
                String msg = Events.newMsgId();
                StoredEvent event = new StoredEvent(camera, DeviceKind.CAMERA, msg, EventType.CAMERA_TAMPER, OffsetDateTime.now(ZoneOffset.ofHours(8)),
                        119.1262, 36.7152, Optional.empty(), JSON.createObjectNode(), Optional.empty());
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Long> alarm = two.submit(() -> {
                    start.await();
                    return alarms.raise(new AlarmRules.Candidate("camera.tamper", AlarmSeverity.MEDIUM, "摄像机被遮挡（竞态测试）", event, null)).id();
                });
                Future<Long> snapshot = two.submit(() -> {
                    start.await();
                    return snapshots.store(camera, jpeg, new SnapshotStore.Metadata(msg, null, null), Instant.now()).orElseThrow().id();
                });
                long alarmId = alarm.get();
                long linked = jdbc.sql("select coalesce(alarm_id, 0) from snapshot where id = ?").param(snapshot.get()).query(Long.class).single();
                if (linked != alarmId) {
                    unlinked.add("round " + round + ": snapshot linked to " + (linked == 0 ? "no alarm" : "alarm " + linked) + ", the event's alarm is " + alarmId);
                }
            }
        } finally {
            two.shutdownNow();
        }
        assertThat(unlinked).isEmpty();
    }
}

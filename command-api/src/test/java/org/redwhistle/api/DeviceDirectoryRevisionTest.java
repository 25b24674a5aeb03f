package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.redwhistle.ingest.registry.DeviceDirectory;
import org.redwhistle.ingest.registry.DeviceState;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Ingestion's device cache follows a change another instance committed (written straight to the
 * database here, as another instance's API writes it: its own eviction is local), and the liveness
 * writes that happen all the time do not empty it.
 */
class DeviceDirectoryRevisionTest extends IntegrationTest {

    @Autowired
    private DeviceDirectory directory;

    @Test
    void aDeviceDisabledElsewhereIsSeenDisabledHereWithinTheRefreshInterval() {
        String id = "cam-07";
        String before = jdbc.sql("select state from device where id = ?").param(id).query(String.class).single();
        assertThat(directory.find(id).orElseThrow().state().name()).isEqualTo(before);
        try {
            long revision = revision();
            jdbc.sql("update device set last_seen = now(), online = true where id = ?").param(id).update();
            assertThat(revision()).as("liveness writes leave the revision alone").isEqualTo(revision);

            jdbc.sql("update device set state = 'DISABLED' where id = ?").param(id).update();
            assertThat(revision()).isGreaterThan(revision);
            await().atMost(Duration.ofSeconds(5)).until(() -> directory.find(id).orElseThrow().state() == DeviceState.DISABLED);
        } finally {
            jdbc.sql("update device set state = ? where id = ?").params(before, id).update();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> directory.find(id).orElseThrow().state().name().equals(before));
    }

    private long revision() {
        return jdbc.sql("select revision from geo_revision where name = 'device'").query(Long.class).single();
    }
}

package org.redwhistle.api.push.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class RepeatConflationTest {

    private static final java.util.concurrent.ScheduledExecutorService TIMER = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();


    @Test
    void theFirstChangeGoesAtOnceRepeatsWithinTheIntervalAreHeldAndOnlyTheNewestFollows() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        try (RepeatConflation<String> c = new RepeatConflation<>(Duration.ofMillis(300), TIMER, sent::add)) {
            c.changed(1, "raised", false);
            for (int i = 1; i <= 100; i++) {
                c.changed(1, "count " + i, true);
            }
            assertThat(sent).containsExactly("raised");
            await().atMost(Duration.ofSeconds(2)).until(() -> sent.size() == 2);
            Thread.sleep(400);
            assertThat(sent).containsExactly("raised", "count 100");
        }
    }

    @Test
    void aChangeThatIsNotARepeatGoesAtOnceAndReplacesWhatWasHeld() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        try (RepeatConflation<String> c = new RepeatConflation<>(Duration.ofMillis(300), TIMER, sent::add)) {
            c.changed(7, "raised", false);
            c.changed(7, "count 2", true);
            c.changed(7, "acknowledged", false);
            assertThat(sent).containsExactly("raised", "acknowledged");
            Thread.sleep(500);
            assertThat(sent).as("the held repeat is older than what went out").containsExactly("raised", "acknowledged");
            c.changed(8, "another alarm", true);
            assertThat(sent).as("alarms are conflated each on its own").endsWith("another alarm");
        }
    }
}

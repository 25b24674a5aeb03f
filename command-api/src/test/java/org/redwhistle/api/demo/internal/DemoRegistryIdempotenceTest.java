package org.redwhistle.api.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Seeding the registry's demo again (a restart) adds and changes nothing, and costs little. */
class DemoRegistryIdempotenceTest extends IntegrationTest {

    @Autowired
    DemoRegistry demo;

    @Test
    void seedingAgainChangesNothing() {
        List<Long> before = counts();
        long started = System.nanoTime();
        demo.seed();
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("demo registry seeded again in " + ms + " ms");
        assertThat(counts()).isEqualTo(before);
    }

    private List<Long> counts() {
        return List.of(jdbc.sql("select count(*) from household where code ~ '^(DD|SHY|KWM)-'").query(Long.class).single(),
                jdbc.sql("select count(*) from person").query(Long.class).single(),
                jdbc.sql("select count(*) from person_role").query(Long.class).single(),
                jdbc.sql("select count(*) from person where user_id is not null").query(Long.class).single(),
                jdbc.sql("select count(*) from household where agent_id is not null").query(Long.class).single());
    }
}

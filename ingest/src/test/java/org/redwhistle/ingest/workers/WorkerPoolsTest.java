package org.redwhistle.ingest.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class WorkerPoolsTest {

    private final WorkerPools pools = new WorkerPools();

    @Test
    void singleThreadRunsOnADaemonThreadNamedAsAsked() throws Exception {
        ExecutorService pool = pools.singleThread("mqtt-ingest-control");
        Thread t = pool.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
        assertThat(t.getName()).isEqualTo("mqtt-ingest-control");
        assertThat(t.isDaemon()).isTrue();
        assertThat(t.getUncaughtExceptionHandler()).isNotSameAs(t.getThreadGroup());
        pools.destroy();
    }

    @Test
    void boundedPoolsNumberTheirThreadsAndRunOverflowOnTheCaller() throws Exception {
        ThreadPoolExecutor pool = pools.bounded("snapshot-analysis", 2, 1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> names = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch busy = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                names.add(Thread.currentThread().getName());
                busy.countDown();
                await(release);
            });
        }
        assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
        pool.execute(() -> { });                                     // fills the queue of one
        pool.execute(() -> names.add(Thread.currentThread().getName())); // queue full: runs here
        release.countDown();
        assertThat(names).containsExactlyInAnyOrder("snapshot-analysis-1", "snapshot-analysis-2", Thread.currentThread().getName());
        pools.destroy();
    }

    @Test
    void everyPoolIsShutDownWithTheContext() {
        ExecutorService single = pools.singleThread("a");
        ScheduledExecutorService scheduler = pools.scheduler("b");
        ThreadPoolExecutor bounded = pools.bounded("c", 1, 10);
        pools.destroy();
        assertThat(List.of(single, scheduler, bounded)).allMatch(ExecutorService::isShutdown);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

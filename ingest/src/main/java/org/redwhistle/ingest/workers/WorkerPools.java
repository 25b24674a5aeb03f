package org.redwhistle.ingest.workers;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one way to make a worker pool: named daemon threads (a pool never keeps the JVM alive), what a
 * task throws is logged with the thread's name instead of vanishing, and every pool made here is
 * shut down when the application context closes. An owner that must drain its pool first (finish
 * the snapshots in hand, say) shuts it down itself, in its own stop; this is the backstop, and it
 * runs after the owners', since they depend on this bean.
 */
@Component
public class WorkerPools implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WorkerPools.class);

    private final List<ExecutorService> made = new CopyOnWriteArrayList<>();

    /** One thread named {@code name}, an unbounded queue: for control work done in order (connects, retries). */
    public ExecutorService singleThread(String name) {
        return track(new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threads(name, false)));
    }

    /** One thread named {@code name} that runs tasks after a delay (retries, timers). */
    public ScheduledExecutorService scheduler(String name) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, threads(name, false));
        pool.setRemoveOnCancelPolicy(true);
        return track(pool);
    }

    /**
     * {@code threads} threads ({@code name}, or {@code name-1}, {@code name-2}… when more than one) and
     * a queue of {@code capacity}; when the queue is full the submitting thread runs the task itself,
     * which is back-pressure on whoever feeds the pool, never a dropped task.
     */
    public ThreadPoolExecutor bounded(String name, int threads, int capacity) {
        return track(new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(Math.max(1, capacity)),
                threads(name, threads > 1), new ThreadPoolExecutor.CallerRunsPolicy()));
    }

    private <E extends ExecutorService> E track(E pool) {
        made.add(pool);
        return pool;
    }

    private static ThreadFactory threads(String name, boolean numbered) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, numbered ? name + "-" + n.incrementAndGet() : name);
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> log.error("worker thread {} died: {}", thread.getName(), e.toString(), e));
            return t;
        };
    }

    @Override
    public void destroy() {
        made.forEach(ExecutorService::shutdownNow);
    }
}

package org.redwhistle.api;

import java.util.concurrent.Callable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs blocking JPA/JDBC work off the Netty event loop, on a scheduler bounded by the connection
 * pool (more threads would only wait for connections).
 */
@Component
public class Blocking implements DisposableBean {

    private final Scheduler scheduler;

    public Blocking(DataSource dataSource) {
        int pool = dataSource instanceof HikariDataSource h ? h.getMaximumPoolSize() : 10;
        this.scheduler = Schedulers.newBoundedElastic(pool, 10_000, "jpa");
    }

    public <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(scheduler);
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}

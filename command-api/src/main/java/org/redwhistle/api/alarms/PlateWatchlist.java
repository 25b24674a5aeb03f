package org.redwhistle.api.alarms;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Plates to watch at the gates (布控): a gate.passage with a watched plate raises {@code gate.watchlist}.
 * Held in memory for the rules (they run on the ingest thread), reloaded on change and every 30 s
 * for changes made on other instances. Plates compare without spaces, upper case.
 */
@Component
public class PlateWatchlist {

    private final JdbcClient jdbc;
    private volatile Map<String, String> plates = Map.of();

    public PlateWatchlist(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String normalise(String plate) {
        return plate.replace(" ", "").replace("·", "").toUpperCase(Locale.ROOT);
    }

    @EventListener(ApplicationReadyEvent.class)
    // per instance, no cluster lock: this instance's in-memory watchlist (docs/jobs.md)
    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "PT30S")
    public void reload() {
        Map<String, String> m = new java.util.HashMap<>();
        jdbc.sql("select plate, reason from plate_watchlist").query(rs -> {
            m.put(normalise(rs.getString(1)), rs.getString(2));
        });
        plates = Map.copyOf(m);
    }

    public Optional<String> watched(String plate) {
        return Optional.ofNullable(plates.get(normalise(plate)));
    }

    /** The watchlist for police and the command center. */
    @RestController
    @RequestMapping("/api/v1/watchlist")
    static class Api {
        private final PlateWatchlist list;
        private final JdbcClient jdbc;
        private final AuditLog audit;
        private final Blocking blocking;

        Api(PlateWatchlist list, JdbcClient jdbc, AuditLog audit, Blocking blocking) {
            this.list = list;
            this.jdbc = jdbc;
            this.audit = audit;
            this.blocking = blocking;
        }

        public record Entry(String plate, String reason) {
        }

        @GetMapping
        public Mono<Map<String, Object>> all(Caller caller) {
            return blocking.call(() -> Map.of("items", jdbc.sql("select plate, reason from plate_watchlist order by plate")
                    .query((rs, i) -> new Entry(rs.getString(1), rs.getString(2))).list()));
        }

        @PostMapping
        public Mono<Entry> add(Caller caller, @RequestBody Entry e) {
            CurrentUser user = caller.user();
            if (e.plate() == null || e.plate().isBlank() || e.plate().length() > 16) {
                throw ApiException.badField("plate", "is required, at most 16 characters");
            }
            if (e.reason() == null || e.reason().isBlank()) {
                throw ApiException.badField("reason", "is required");
            }
            String plate = normalise(e.plate());
            return blocking.call(() -> {
                jdbc.sql("insert into plate_watchlist (plate, reason, created_by) values (?, ?, ?) on conflict (plate) do update set reason = excluded.reason")
                        .params(plate, e.reason(), user.username()).update();
                audit.record(user.username(), "watchlist.added", "plate", plate, e.reason(), Map.of());
                list.reload();
                return new Entry(plate, e.reason());
            });
        }

        @DeleteMapping("/{plate}")
        public Mono<Map<String, Object>> remove(Caller caller, @PathVariable String plate) {
            CurrentUser user = caller.user();
            return blocking.call(() -> {
                int n = jdbc.sql("delete from plate_watchlist where plate = ?").param(normalise(plate)).update();
                if (n == 0) {
                    throw ApiException.notFound("plate " + plate + " on the watchlist");
                }
                audit.record(user.username(), "watchlist.removed", "plate", normalise(plate), null, Map.of());
                list.reload();
                return Map.<String, Object>of("removed", normalise(plate));
            });
        }
    }

    List<String> plates() {
        return List.copyOf(plates.keySet());
    }
}

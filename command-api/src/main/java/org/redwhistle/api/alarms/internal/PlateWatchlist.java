package org.redwhistle.api.alarms.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

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

    /** A watched plate and why. */
    public record WatchedPlate(String plate, String reason) {
    }

    /** Every watched plate, in order. */
    List<WatchedPlate> entries() {
        return jdbc.sql("select plate, reason from plate_watchlist order by plate").query((rs, i) -> new WatchedPlate(rs.getString(1), rs.getString(2)))
                .list();
    }

    /** Watches the plate (or changes why), on every instance within 30 s, on this one at once. */
    WatchedPlate put(String plate, String reason, String by) {
        String p = normalise(plate);
        jdbc.sql("insert into plate_watchlist (plate, reason, created_by) values (?, ?, ?) on conflict (plate) do update set reason = excluded.reason")
                .params(p, reason, by).update();
        reload();
        return new WatchedPlate(p, reason);
    }

    /** Stops watching the plate; false if it was not watched. */
    boolean remove(String plate) {
        int n = jdbc.sql("delete from plate_watchlist where plate = ?").param(normalise(plate)).update();
        reload();
        return n > 0;
    }

    List<String> plates() {
        return List.copyOf(plates.keySet());
    }
}

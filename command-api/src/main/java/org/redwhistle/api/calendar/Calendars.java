package org.redwhistle.api.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The loaded official calendars. The years shipped with the application (2025, 2026) are stored at
 * start when missing; an administrator loads further years. Every instance reads them from the
 * database, so a year loaded on one instance counts on all of them within a minute.
 */
@Service
public class Calendars {

    private static final Logger log = LoggerFactory.getLogger(Calendars.class);
    static final int[] SHIPPED = {2025, 2026};
    // this class is the one owner of working_calendar
    private static final String STORE_SHIPPED = "insert into working_calendar (year, data, loaded_by) values (?, cast(? as jsonb), 'shipped') on conflict do nothing";
    private static final String ALL = "select year, data::text from working_calendar order by year";
    private static final String LOAD = """
            insert into working_calendar (year, data, loaded_by) values (?, cast(? as jsonb), ?)
            on conflict (year) do update set data = excluded.data, loaded_by = excluded.loaded_by, loaded_at = now()""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private volatile WorkingCalendar current = new WorkingCalendar(List.of());

    public Calendars(JdbcClient jdbc, JsonMapper json, AuditLog audit, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.tx = tx;
        for (int year : SHIPPED) {
            JsonNode data = shipped(year);
            OfficialCalendar.parse(year, data); // a broken shipped year fails the start, loudly
            int n = jdbc.sql(STORE_SHIPPED).params(year, data.toString()).update();
            if (n == 1) {
                log.info("official calendar {} stored from the shipped data", year);
            }
        }
        reload();
    }

    private JsonNode shipped(int year) {
        try (InputStream in = Calendars.class.getResourceAsStream("/calendar/" + year + ".json")) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // per instance, no cluster lock: this instance's in-memory calendar (docs/jobs.md)
    @org.springframework.scheduling.annotation.Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
    public void reload() {
        List<OfficialCalendar> years = new ArrayList<>();
        jdbc.sql(ALL).query(rs -> {
            years.add(OfficialCalendar.parse(rs.getInt(1), json.readTree(rs.getString(2))));
        });
        current = new WorkingCalendar(years);
    }

    public WorkingCalendar calendar() {
        return current;
    }

    /** Loads (or replaces) a year; validated first, audited. */
    public OfficialCalendar load(int year, JsonNode data, String actor) {
        OfficialCalendar c = OfficialCalendar.parse(year, data);
        tx.executeWithoutResult(s -> {
            jdbc.sql(LOAD).params(year, data.toString(), actor).update();
            audit.record(actor, "calendar.loaded", "working_calendar", String.valueOf(year), null,
                    Map.of("holidays", c.holidays().size(), "workdays", c.workdays().size(), "source", c.source()));
        });
        reload();
        return c;
    }
}

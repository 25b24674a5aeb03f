package org.redwhistle.api.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.redwhistle.api.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The loaded official calendars. The years shipped with the application ({@link #SHIPPED}) are
 * stored at start when missing; an administrator loads further years. Every instance reads them from
 * the database, so a year loaded on one instance counts on all of them within a minute. A year not
 * loaded is counted provisionally ({@link StatutoryHolidays}); loading it publishes
 * {@link CalendarYearLoaded} so what was counted provisionally is counted again.
 */
@Service
public class Calendars {

    private static final Logger log = LoggerFactory.getLogger(Calendars.class);
    static final int[] SHIPPED = {2025, 2026};
    // this class is the one owner of working_calendar
    private static final String STORE_SHIPPED = "insert into working_calendar (year, data, loaded_by) values (?, cast(? as jsonb), 'shipped') on conflict do nothing";
    private static final String ALL = "select year, data::text from working_calendar order by year";
    private static final String LOADED = "select year, data->>'source', loaded_by, loaded_at from working_calendar order by year";
    /** How far ahead the overview looks for years still to be loaded. */
    public static final int LOOK_AHEAD_DAYS = 60;
    private static final String LOAD = """
            insert into working_calendar (year, data, loaded_by) values (?, cast(? as jsonb), ?)
            on conflict (year) do update set data = excluded.data, loaded_by = excluded.loaded_by, loaded_at = now()""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<CalendarUse> uses;
    private volatile WorkingCalendar current = new WorkingCalendar(List.of());

    public Calendars(JdbcClient jdbc, JsonMapper json, AuditLog audit, TransactionTemplate tx, ApplicationEventPublisher events,
            ObjectProvider<CalendarUse> uses) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.tx = tx;
        this.events = events;
        this.uses = uses;
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

    /**
     * Loads (or replaces) a year; validated first, audited. Once this instance counts on it,
     * {@link CalendarYearLoaded} is published (its listeners run before this returns).
     */
    public OfficialCalendar load(int year, JsonNode data, String actor) {
        OfficialCalendar c = OfficialCalendar.parse(year, data);
        tx.executeWithoutResult(s -> {
            jdbc.sql(LOAD).params(year, data.toString(), actor).update();
            audit.record(actor, "calendar.loaded", "working_calendar", String.valueOf(year), null,
                    Map.of("holidays", c.holidays().size(), "workdays", c.workdays().size(), "source", c.source()));
        });
        reload();
        events.publishEvent(new CalendarYearLoaded(year, actor));
        return c;
    }

    /**
     * The loaded years, and the years counted provisionally now: by open deadlines (every
     * {@link CalendarUse}) or within {@link #LOOK_AHEAD_DAYS} days of {@code now}.
     */
    public CalendarOverview overview(Instant now) {
        List<CalendarOverview.LoadedYear> official = jdbc.sql(LOADED).query((rs, i) -> new CalendarOverview.LoadedYear(rs.getInt(1), rs.getString(2),
                rs.getString(3), rs.getObject(4, java.time.OffsetDateTime.class).toInstant())).list();
        WorkingCalendar cal = current;
        TreeMap<Integer, Long> counted = new TreeMap<>();
        uses.orderedStream().forEach(u -> u.provisionalYearsInUse().forEach((y, n) -> counted.merge(y, n, Long::sum)));
        counted.keySet().removeIf(cal::isOfficial);
        LocalDate today = now.atZone(WorkingCalendar.CHINA).toLocalDate();
        List<Integer> ahead = new ArrayList<>();
        for (int y = today.getYear(); y <= today.plusDays(LOOK_AHEAD_DAYS).getYear(); y++) {
            if (!cal.isOfficial(y)) {
                ahead.add(y);
                counted.putIfAbsent(y, 0L);
            }
        }
        List<CalendarOverview.ProvisionalYear> provisional = counted.entrySet().stream()
                .map(e -> new CalendarOverview.ProvisionalYear(e.getKey(), e.getValue(), ahead.contains(e.getKey()), warning(e.getKey())))
                .toList();
        return new CalendarOverview(official, provisional, LOOK_AHEAD_DAYS, StatutoryHolidays.SOURCE);
    }

    /** The banner administrators are shown while a year is provisional. */
    public static String warning(int year) {
        return year + "年官方节假日安排尚未加载：相关时限按法定节假日暂定计算，加载后自动重算。";
    }
}

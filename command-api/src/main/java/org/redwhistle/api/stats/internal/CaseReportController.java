package org.redwhistle.api.stats.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.errors.Params;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/stats/cases/report?month=2026-11&format=xlsx|csv} (or {@code from} and
 * {@code to} instead of the month; neither: the current month): the per-unit statistics of
 * {@code /api/v1/stats/cases/units} as a file to download, {@code 诉求统计-2026-11.xlsx}.
 */
@RestController
@RequestMapping("/api/v1/stats")
public class CaseReportController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(WorkingCalendar.CHINA);

    private final UnitStatistics units;
    private final CaseStatsStore store;
    private final StatsParams params;
    private final Rates rates;
    private final Blocking blocking;
    private final Clock clock;

    public CaseReportController(UnitStatistics units, CaseStatsStore store, StatsParams params, Rates rates, Blocking blocking, Clock clock) {
        this.units = units;
        this.store = store;
        this.params = params;
        this.rates = rates;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** The report's file formats. */
    public enum Format {
        XLSX, CSV
    }

    @ApiResponse(responseCode = "200", description = "the report, as an attachment named 诉求统计-<month>.<format>", content = {
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary"))})
    @GetMapping("/cases/report")
    public Mono<ResponseEntity<byte[]>> report(Caller caller, @RequestParam(required = false) String month, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) Long areaId, @RequestParam(required = false) String format) {
        Format f = format == null ? Format.XLSX : Params.enumValue(Format.class, "format", format);
        StatsParams.Period p = params.monthOr(month, from, to);
        return blocking.call(() -> {
            Long area = params.area(caller.user(), areaId);
            String areaName = area == null ? "全部辖区" : store.areaName(area).orElse("辖区 " + area);
            UnitReport report = new UnitReport(UnitReport.title(areaName, p.from(), p.to(), clock.instant()), units.rows(area, p.from(), p.to()),
                    rates.glossary());
            byte[] body = f == Format.XLSX ? XlsxReport.write(report) : CsvReport.write(report);
            String name = "诉求统计-" + (p.month() != null ? p.month().toString() : DAY.format(p.from()) + "至" + DAY.format(p.to().minusNanos(1)))
                    + "." + f.name().toLowerCase(java.util.Locale.ROOT);
            return ResponseEntity.ok().contentType(f == Format.XLSX ? XLSX : CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                    .body(body);
        });
    }
}

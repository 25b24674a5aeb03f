package org.redwhistle.api.open311;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 GeoReport v2 at {@code /open311/v2/}, every resource in {@code .json} and {@code .xml},
 * mapped onto cases: a POSTed request is a case (accepted and dispatched like any other), its
 * {@code expected_datetime} the case's resolution deadline, {@code status} open or closed with our
 * finer state in {@code status_notes}, {@code agency_responsible} the unit holding it. Errors use
 * the spec's shape and statuses (404 missing, 403 bad api_key, 400 otherwise).
 *
 * <p>Deliberate deviation for residents' privacy: the spec lets anyone read requests; here reading
 * them needs an {@code api_key} too, and a key sees only the requests it filed. Discovery and
 * services are public.
 */
@RestController
@RequestMapping("/open311/v2")
public class Open311Controller {

    static final int MAX_RESULTS = 1000;

    private final JdbcClient jdbc;
    private final Cases cases;
    private final Open311Keys keys;
    private final Blocking blocking;
    private final JsonMapper json;

    public Open311Controller(JdbcClient jdbc, Cases cases, Open311Keys keys, Blocking blocking, JsonMapper json) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.keys = keys;
        this.blocking = blocking;
        this.json = json;
    }

    /** An error the spec's way. */
    static final class Open311Error extends RuntimeException {
        final int status;

        Open311Error(int status, String description) {
            super(description, null, false, false);
            this.status = status;
        }
    }

    private record Service(String code, String name, String description, String group, String keywords, String caseType, String category) {
    }

    private List<Service> services() {
        return jdbc.sql("select code, name, description, grp, keywords, case_type, category from open311_service order by code")
                .query((rs, i) -> new Service(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7))).list();
    }

    // ---- endpoints ----

    @GetMapping("/discovery.{fmt}")
    public Mono<ResponseEntity<String>> discovery(@PathVariable String fmt) {
        // relative: built from the request's Host header it would hand out links to whatever host a client claimed
        String base = "/open311/v2/";
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("changeset", "2026-11-26T00:00:00+08:00");
        d.put("contact", "区社会治理服务中心");
        d.put("key_service", "An administrator issues keys: POST /api/v1/open311-keys");
        d.put("endpoints", List.of(Map.of("specification", "http://wiki.open311.org/GeoReport_v2", "url", base, "changeset",
                "2026-11-26T00:00:00+08:00", "type", "production", "formats", List.of("application/json", "text/xml"))));
        return render(fmt, () -> d, "discovery", null);
    }

    @GetMapping("/services.{fmt}")
    public Mono<ResponseEntity<String>> services(@PathVariable String fmt) {
        return render(fmt, () -> services().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_code", s.code());
            m.put("service_name", s.name());
            m.put("description", s.description());
            m.put("metadata", false);
            m.put("type", "realtime");
            m.put("keywords", s.keywords());
            m.put("group", s.group());
            return m;
        }).toList(), "services", "service");
    }

    @GetMapping("/services/{code}.{fmt}")
    public Mono<ResponseEntity<String>> service(@PathVariable String code, @PathVariable String fmt) {
        return render(fmt, () -> {
            services().stream().filter(s -> s.code().equals(code)).findFirst()
                    .orElseThrow(() -> new Open311Error(404, "service_code " + code + " not found"));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_code", code);
            m.put("attributes", List.of());
            return m;
        }, "service_definition", null);
    }

    /** Form-encoded, as the spec says (WebFlux reads forms from the exchange, not as a request body). */
    @PostMapping(path = "/requests.{fmt}")
    public Mono<ResponseEntity<String>> post(@PathVariable String fmt, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> file(fmt, form));
    }

    private Mono<ResponseEntity<String>> file(String fmt, MultiValueMap<String, String> form) {
        return render(fmt, () -> {
            form.forEach((name, values) -> values.stream().filter(v -> v != null && v.indexOf('\0') >= 0).findFirst().ifPresent(v -> {
                throw new Open311Error(400, name + " contains a NUL character (\\u0000), which cannot be stored");
            }));
            Open311Keys.Client client = keys.verify(form.getFirst("api_key")).orElseThrow(() -> new Open311Error(403, "api_key is missing or invalid"));
            String code = form.getFirst("service_code");
            if (code == null || code.isBlank()) {
                throw new Open311Error(400, "service_code is required");
            }
            Service service = services().stream().filter(s -> s.code().equals(code)).findFirst()
                    .orElseThrow(() -> new Open311Error(400, "service_code " + code + " is not offered (see services." + fmt + ")"));
            double lat = number(form.getFirst("lat"), "lat", -90, 90);
            double lon = number(form.getFirst("long"), "long", -180, 180);
            String description = form.getFirst("description");
            if (description == null || description.isBlank()) {
                throw new Open311Error(400, "description is required here: it is what the community acts on");
            }
            if (description.length() > 4000) {
                throw new Open311Error(400, "description is longer than 4000 characters");
            }
            String media = form.getFirst("media_url");
            CaseView c;
            try {
                c = cases.submit(client.user(), new Cases.NewCase(service.caseType(), service.category(), description,
                        media == null ? List.of() : List.of(media), lon, lat, "OPEN311"), Instant.now());
            } catch (ApiException e) {
                throw new Open311Error(400, e.getMessage());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_request_id", c.ref());
            m.put("service_notice", "已受理并派单至所在社区，办结时限 " + local(c.resolveDue()));
            m.put("account_id", client.user().username());
            return List.of(m);
        }, "service_requests", "request");
    }

    @GetMapping("/requests.{fmt}")
    public Mono<ResponseEntity<String>> list(@PathVariable String fmt, @RequestParam(required = false) String api_key,
            @RequestParam(required = false) String service_request_id, @RequestParam(required = false) String service_code,
            @RequestParam(required = false) String start_date, @RequestParam(required = false) String end_date,
            @RequestParam(required = false) String status) {
        return render(fmt, () -> {
            Open311Keys.Client client = keys.verify(api_key).orElseThrow(() -> new Open311Error(403, "api_key is missing or invalid"));
            List<CaseView> all = cases.list(client.user(), null, MAX_RESULTS);
            List<Service> offered = services();
            List<CaseView> picked = new ArrayList<>();
            if (service_request_id != null && !service_request_id.isBlank()) {
                List<String> ids = List.of(service_request_id.split(","));
                all.stream().filter(c -> ids.contains(c.ref())).forEach(picked::add);
            } else {
                Instant end = end_date == null ? Instant.now() : date(end_date, "end_date");
                Instant start = start_date == null ? end.minus(Duration.ofDays(90)) : date(start_date, "start_date");
                if (status != null && !List.of("open", "closed").containsAll(List.of(status.split(",")))) {
                    throw new Open311Error(400, "status must be open, closed or both");
                }
                for (CaseView c : all) {
                    boolean closed = "CLOSED".equals(c.status());
                    if (c.submittedAt().isBefore(start) || c.submittedAt().isAfter(end)
                            || (service_code != null && !service_code.equals(serviceCode(c, offered)))
                            || (status != null && !List.of(status.split(",")).contains(closed ? "closed" : "open"))) {
                        continue;
                    }
                    picked.add(c);
                }
            }
            return picked.stream().map(c -> request(c, offered)).toList();
        }, "service_requests", "request");
    }

    @GetMapping("/requests/{id}.{fmt}")
    public Mono<ResponseEntity<String>> one(@PathVariable String id, @PathVariable String fmt, @RequestParam(required = false) String api_key) {
        return render(fmt, () -> {
            Open311Keys.Client client = keys.verify(api_key).orElseThrow(() -> new Open311Error(403, "api_key is missing or invalid"));
            CaseView c = cases.list(client.user(), null, MAX_RESULTS).stream().filter(x -> x.ref().equals(id)).findFirst()
                    .orElseThrow(() -> new Open311Error(404, "service_request_id " + id + " not found"));
            return List.of(request(cases.find(c.id(), true).orElseThrow(), services()));
        }, "service_requests", "request");
    }

    /** Requests are answered at once with their id, so a token is the id itself. */
    @GetMapping("/tokens/{token}.{fmt}")
    public Mono<ResponseEntity<String>> token(@PathVariable String token, @PathVariable String fmt, @RequestParam(required = false) String api_key) {
        return render(fmt, () -> {
            Open311Keys.Client client = keys.verify(api_key).orElseThrow(() -> new Open311Error(403, "api_key is missing or invalid"));
            cases.list(client.user(), null, MAX_RESULTS).stream().filter(x -> x.ref().equals(token)).findFirst()
                    .orElseThrow(() -> new Open311Error(404, "token " + token + " not found"));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_request_id", token);
            m.put("token", token);
            return List.of(m);
        }, "service_requests", "request");
    }

    // ---- mapping ----

    private static String serviceCode(CaseView c, List<Service> offered) {
        return offered.stream().filter(s -> s.category().equals(c.category()) && s.caseType().equals(c.type())).map(Service::code)
                .findFirst().orElse(null);
    }

    private Map<String, Object> request(CaseView c, List<Service> offered) {
        boolean closed = "CLOSED".equals(c.status());
        String code = serviceCode(c, offered);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", c.ref());
        m.put("status", closed ? "closed" : "open");
        m.put("status_notes", notes(c));
        m.put("service_name", c.category());
        m.put("service_code", code);
        m.put("description", c.description());
        m.put("agency_responsible", agency(c));
        m.put("service_notice", null);
        m.put("requested_datetime", local(c.submittedAt()));
        m.put("updated_datetime", local(closed ? c.closedAt() : latest(c)));
        m.put("expected_datetime", local(c.resolveDue()));
        m.put("address", c.gridName());
        m.put("address_id", null);
        m.put("zipcode", null);
        m.put("lat", c.lat());
        m.put("long", c.lon());
        m.put("media_url", null);
        return m;
    }

    private static Instant latest(CaseView c) {
        Instant t = c.submittedAt();
        for (Instant x : new Instant[] {c.takenAt(), c.handledAt(), c.closedAt()}) {
            if (x != null && x.isAfter(t)) {
                t = x;
            }
        }
        return t;
    }

    private static String notes(CaseView c) {
        String state = switch (c.status()) {
            case "DISPATCHED" -> "已派单";
            case "TAKEN" -> "已接单";
            case "ASSIGNED" -> "处置中";
            case "HANDLED" -> "已处置，待评价";
            case "CLOSED" -> "已办结";
            default -> c.status();
        };
        return state + "（" + c.level() + (c.overdue() ? "，已超时" : "") + (c.complex() ? "，复杂疑难" : "") + "）";
    }

    private String agency(CaseView c) {
        return switch (c.level()) {
            case "DISTRICT_CENTER" -> "区社会治理服务中心";
            case "DEPARTMENTS" -> c.departments().isEmpty() ? "区职能部门" : String.join("、", c.departments());
            case "LEADERS" -> "区领导";
            default -> c.communityId() == null ? null
                    : jdbc.sql("select name from area where id = ?").param(c.communityId()).query(String.class).optional().orElse(null);
        };
    }

    private static String local(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneId.of("Asia/Shanghai")).toString();
    }

    private static double number(String v, String field, double min, double max) {
        if (v == null || v.isBlank()) {
            throw new Open311Error(400, field + " is required (this endpoint locates requests by lat and long, WGS-84)");
        }
        try {
            double d = Double.parseDouble(v);
            if (!(d >= min && d <= max)) {
                throw new Open311Error(400, field + " " + v + " is outside [" + min + ", " + max + "]");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new Open311Error(400, field + " must be a number");
        }
    }

    private static Instant date(String v, String field) {
        Instant t;
        try {
            t = OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new Open311Error(400, field + " must be ISO 8601 with a time zone offset");
        }
        if (!org.redwhistle.api.errors.Params.isSane(t)) {
            throw new Open311Error(400, field + " must be a time between the years 1900 and 9999");
        }
        return t;
    }

    // ---- rendering: JSON or XML, errors included ----

    private Mono<ResponseEntity<String>> render(String fmt, java.util.concurrent.Callable<Object> body, String root, String item) {
        if (!"json".equals(fmt) && !"xml".equals(fmt)) {
            return Mono.just(error("json", new Open311Error(404, "format ." + fmt + " is not offered: use .json or .xml")));
        }
        return blocking.call(() -> {
            try {
                Object value = body.call();
                return ResponseEntity.ok().contentType("json".equals(fmt) ? MediaType.APPLICATION_JSON : MediaType.TEXT_XML)
                        .body("json".equals(fmt) ? json.writeValueAsString(value) : Xml.document(root, item, value));
            } catch (Open311Error e) {
                return error(fmt, e);
            }
        });
    }

    private ResponseEntity<String> error(String fmt, Open311Error e) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("code", e.status);
        one.put("description", e.getMessage());
        List<Map<String, Object>> errors = List.of(one);
        return ResponseEntity.status(HttpStatus.valueOf(e.status)).contentType("xml".equals(fmt) ? MediaType.TEXT_XML : MediaType.APPLICATION_JSON)
                .body("xml".equals(fmt) ? Xml.document("errors", "error", errors) : json.writeValueAsString(errors));
    }

    /** Open311 keys for clients (ADMIN): the key is shown once. */
    @RestController
    @RequestMapping("/api/v1/open311-keys")
    static class KeyController {
        private final Open311Keys keys;
        private final Blocking blocking;

        KeyController(Open311Keys keys, Blocking blocking) {
            this.keys = keys;
            this.blocking = blocking;
        }

        public record NewKey(String name, Long areaId) {
        }

        @PostMapping
        public Mono<Open311Keys.Issued> issue(Caller caller, @RequestBody NewKey body) {
            CurrentUser user = caller.user();
            if (body.name() == null || body.name().isBlank()) {
                throw ApiException.badField("name", "is required");
            }
            if (body.areaId() == null) {
                throw ApiException.badField("areaId", "is required");
            }
            return blocking.call(() -> keys.issue(body.name(), body.areaId(), user.username()));
        }
    }
}

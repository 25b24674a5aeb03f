package org.redwhistle.api.open311.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.cases.CasePhotos;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.CaseQuery;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 GeoReport v2 at {@code /open311/v2/}, every resource in {@code .json} and {@code .xml},
 * mapped onto cases: a POSTed request is a case (accepted and dispatched like any other), read back
 * through {@link RequestMapper}. Errors use the spec's shape and statuses (404 missing, 403 bad
 * api_key, 400 otherwise).
 *
 * <p>Deliberate deviation for residents' privacy: the spec lets anyone read requests; here reading
 * them needs an {@code api_key} too, and a key sees only the requests it filed. Discovery and
 * services are public.
 */
@RestController
@RequestMapping("/open311/v2")
public class Open311Controller {

    static final int MAX_RESULTS = 1000;
    private static final String CHANGESET = "2026-11-26T00:00:00+08:00";

    private final Cases cases;
    private final Open311Keys keys;
    private final ServiceCatalog catalog;
    private final RequestMapper mapper;
    private final Open311Responses responses;
    private final Clock clock;
    private final CasePhotos photos;
    private final Blocking blocking;
    private final JsonMapper json;

    Open311Controller(Cases cases, Open311Keys keys, ServiceCatalog catalog, RequestMapper mapper, Open311Responses responses, Clock clock,
            CasePhotos photos, Blocking blocking, JsonMapper json) {
        this.photos = photos;
        this.blocking = blocking;
        this.json = json;
        this.clock = clock;
        this.cases = cases;
        this.keys = keys;
        this.catalog = catalog;
        this.mapper = mapper;
        this.responses = responses;
    }

    @GetMapping("/discovery.{fmt}")
    public Mono<ResponseEntity<String>> discovery(@PathVariable String fmt) {
        // relative: built from the request's Host header it would hand out links to whatever host a client claimed
        Open311Wire.Discovery d = new Open311Wire.Discovery(CHANGESET, "区社会治理服务中心", "An administrator issues keys: POST /api/v1/open311-keys",
                List.of(new Open311Wire.Endpoint("http://wiki.open311.org/GeoReport_v2", "/open311/v2/", CHANGESET, "production",
                        List.of("application/json", "text/xml"))));
        return responses.render(fmt, () -> d, "discovery", null);
    }

    @GetMapping("/services.{fmt}")
    public Mono<ResponseEntity<String>> services(@PathVariable String fmt) {
        return responses.render(fmt, () -> catalog.all().stream()
                .map(s -> new Open311Wire.Service(s.code(), s.name(), s.description(), false, "realtime", s.keywords(), s.group())).toList(),
                "services", "service");
    }

    @GetMapping("/services/{code}.{fmt}")
    public Mono<ResponseEntity<String>> service(@PathVariable String code, @PathVariable String fmt) {
        return responses.render(fmt, () -> {
            ServiceCatalog.byCode(catalog.all(), code).orElseThrow(() -> new Open311Error(404, "service_code " + code + " not found"));
            return new Open311Wire.ServiceDefinition(code, List.of());
        }, "service_definition", null);
    }

    /** Form-encoded, as the spec says (WebFlux reads forms from the exchange, not as a request body). */
    @PostMapping(path = "/requests.{fmt}")
    public Mono<ResponseEntity<String>> post(@PathVariable String fmt, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> file(fmt, form));
    }

    private Mono<ResponseEntity<String>> file(String fmt, MultiValueMap<String, String> form) {
        return responses.render(fmt, () -> {
            form.forEach((name, values) -> values.stream().filter(v -> v != null && v.indexOf('\0') >= 0).findFirst().ifPresent(v -> {
                throw new Open311Error(400, name + " contains a NUL character (\\u0000), which cannot be stored");
            }));
            Open311Keys.Client client = client(form.getFirst("api_key"));
            String code = form.getFirst("service_code");
            if (code == null || code.isBlank()) {
                throw new Open311Error(400, "service_code is required");
            }
            ServiceCatalog.Offered service = ServiceCatalog.byCode(catalog.all(), code)
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
            if (media != null && media.isBlank()) {
                media = null;
            }
            if (media != null && !(media.length() <= 2000 && media.matches("(?i)https?://[^\\s/?#]+[^\\s]*"))) {
                // a link kept as it is and shown to residents and operators: an absolute web address, nothing else
                throw new Open311Error(400, "media_url must be an absolute http:// or https:// address of at most 2000 characters");
            }
            CaseView c;
            try {
                c = cases.submit(client.user(), new Cases.NewCase(service.caseType(), service.category(), description,
                        media == null ? List.of() : List.of(media), lon, lat, "OPEN311"), clock.instant());
            } catch (ApiException e) {
                throw new Open311Error(400, e.getMessage());
            }
            return List.of(new Open311Wire.Filed(c.ref(), "已受理并派单至所在社区，办结时限 " + RequestMapper.local(c.resolveDue()), client.user().username()));
        }, "service_requests", "request");
    }

    @GetMapping("/requests.{fmt}")
    public Mono<ResponseEntity<String>> list(@PathVariable String fmt, @RequestParam(required = false) String api_key,
            @RequestParam(required = false) String service_request_id, @RequestParam(required = false) String service_code,
            @RequestParam(required = false) String start_date, @RequestParam(required = false) String end_date,
            @RequestParam(required = false) String status) {
        return responses.render(fmt, () -> {
            Open311Keys.Client client = client(api_key);
            List<CaseView> all = cases.list(client.user(), CaseQuery.newest(MAX_RESULTS), clock.instant()).items();
            List<CaseView> picked;
            if (service_request_id != null && !service_request_id.isBlank()) {
                List<String> ids = List.of(service_request_id.split(","));
                picked = all.stream().filter(c -> ids.contains(c.ref())).toList();
            } else {
                Instant end = end_date == null ? clock.instant() : date(end_date, "end_date");
                Instant start = start_date == null ? end.minus(Duration.ofDays(90)) : date(start_date, "start_date");
                if (status != null && !List.of("open", "closed").containsAll(List.of(status.split(",")))) {
                    throw new Open311Error(400, "status must be open, closed or both");
                }
                picked = all.stream().filter(c -> !c.submittedAt().isBefore(start) && !c.submittedAt().isAfter(end)
                        && (service_code == null || service_code.equals(ServiceCatalog.codeOf(c)))
                        && (status == null || List.of(status.split(",")).contains(c.status().isOpen() ? "open" : "closed"))).toList();
            }
            return picked.stream().map(mapper::request).toList();
        }, "service_requests", "request");
    }

    @GetMapping("/requests/{id}.{fmt}")
    public Mono<ResponseEntity<String>> one(@PathVariable String id, @PathVariable String fmt, @RequestParam(required = false) String api_key) {
        return responses.render(fmt, () -> {
            CaseView c = filedBy(client(api_key), id).orElseThrow(() -> new Open311Error(404, "service_request_id " + id + " not found"));
            return List.of(mapper.request(cases.find(c.id(), true).orElseThrow()));
        }, "service_requests", "request");
    }

    /**
     * A photo of a request this key filed (its {@code media_url}), as the stored JPEG. Not in the spec,
     * which only names the link: a key sees nothing of other clients' or residents' requests.
     */
    @GetMapping("/media/{photoId}")
    public Mono<ResponseEntity<byte[]>> media(@PathVariable long photoId, @RequestParam(required = false) String api_key) {
        return blocking.call(() -> {
            Optional<Open311Keys.Client> client = keys.verify(api_key);
            if (client.isEmpty()) {
                return problem(403, "api_key is missing or invalid");
            }
            return photos.fetchAttached(client.get().user(), photoId)
                    .map(p -> ResponseEntity.ok().contentType(MediaType.parseMediaType(p.contentType()))
                            .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate()).body(p.data()))
                    .orElseGet(() -> problem(404, "media " + photoId + " not found"));
        });
    }

    private ResponseEntity<byte[]> problem(int status, String description) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsBytes(List.of(new Open311Wire.Problem(status, description))));
    }

    /** Requests are answered at once with their id, so a token is the id itself. */
    @GetMapping("/tokens/{token}.{fmt}")
    public Mono<ResponseEntity<String>> token(@PathVariable String token, @PathVariable String fmt, @RequestParam(required = false) String api_key) {
        return responses.render(fmt, () -> {
            filedBy(client(api_key), token).orElseThrow(() -> new Open311Error(404, "token " + token + " not found"));
            return List.of(new Open311Wire.Token(token, token));
        }, "service_requests", "request");
    }

    private Open311Keys.Client client(String apiKey) {
        return keys.verify(apiKey).orElseThrow(() -> new Open311Error(403, "api_key is missing or invalid"));
    }

    private java.util.Optional<CaseView> filedBy(Open311Keys.Client client, String ref) {
        return cases.list(client.user(), CaseQuery.newest(MAX_RESULTS), clock.instant()).items().stream().filter(x -> x.ref().equals(ref)).findFirst();
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
        if (!Params.isSane(t)) {
            throw new Open311Error(400, field + " must be a time between the years 1900 and 9999");
        }
        return t;
    }
}

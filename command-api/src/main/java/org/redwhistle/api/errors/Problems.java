package org.redwhistle.api.errors;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.redwhistle.api.errors.internal.ProblemHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Builds RFC 9457 problem documents with the contract's {@code errors[]} of bad fields. */
@Component
public class Problems {

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail of(HttpStatus status, String title, String detail, List<ApiException.FieldError> errors) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("https://redwhistle.org/problems/" + status.value()));
        p.setProperty("errors", errors);
        return p;
    }

    /** For filters that answer before any controller (security). */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
        return write(exchange, of(status, title, detail, List.of()));
    }

    /** A 400 naming the bad field, for filters. */
    public Mono<Void> writeBadField(ServerWebExchange exchange, String field, String message) {
        return write(exchange, of(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + message,
                List.of(new ApiException.FieldError(field, message))));
    }

    private Mono<Void> write(ServerWebExchange exchange, ProblemDetail p) {
        HttpStatus status = HttpStatus.valueOf(p.getStatus());
        ProblemHandler.logRefusal(exchange, status, p.getDetail());
        var res = exchange.getResponse();
        res.setStatusCode(status);
        res.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        p.setInstance(URI.create(exchange.getRequest().getPath().value()));
        byte[] body = json.writeValueAsString(p).getBytes(StandardCharsets.UTF_8);
        return res.writeWith(Mono.just(res.bufferFactory().wrap(body)));
    }
}

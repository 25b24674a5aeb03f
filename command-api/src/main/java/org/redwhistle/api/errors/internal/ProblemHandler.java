package org.redwhistle.api.errors.internal;

import java.util.List;

import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Problems;
import org.redwhistle.geo.area.AreaImportException;
import org.redwhistle.ingest.broker.BrokerAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;


/**
 * Every refusal as a problem document naming the bad fields; never a stack trace, never the
 * server's class names. A client's mistake is logged as one WARN line; only the server's own
 * failures get a stack trace. Ordered before Boot's generic problem-details handler, which has no
 * {@code errors[]}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** One WARN line for a request the server refused because of the request (4xx), without a stack trace. */
    public static void logRefusal(ServerWebExchange exchange, HttpStatus status, String detail) {
        if (status.is4xxClientError()) {
            var r = exchange.getRequest();
            log.warn("refused {} {} → {}: {}", r.getMethod(), r.getPath().value(), status.value(), detail);
        }
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, ServerWebExchange exchange) {
        logRefusal(exchange, e.status(), e.getMessage());
        var answer = ResponseEntity.status(e.status());
        if (e.retryAfterSeconds() != null) {
            answer.header(org.springframework.http.HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        return answer.body(Problems.of(e.status(), e.title(), e.getMessage(), e.errors()));
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> binding(WebExchangeBindException e, ServerWebExchange exchange) {
        List<ApiException.FieldError> errors = e.getFieldErrors().stream()
                .map(f -> new ApiException.FieldError(f.getField(), f.getDefaultMessage())).toList();
        return bad(exchange, "one or more fields are invalid", errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> parameters(HandlerMethodValidationException e, ServerWebExchange exchange) {
        List<ApiException.FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new ApiException.FieldError(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return bad(exchange, "one or more parameters are invalid", errors);
    }

    @ExceptionHandler(MissingRequestValueException.class)
    ResponseEntity<ProblemDetail> missing(MissingRequestValueException e, ServerWebExchange exchange) {
        return bad(exchange, e.getName() + " is required", List.of(new ApiException.FieldError(e.getName(), "is required")));
    }

    /**
     * A body or parameter that could not be read: the field it was in (from Jackson's path) and
     * what was wrong in words, never Jackson's or Java's type names.
     */
    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> input(ServerWebInputException e, ServerWebExchange exchange) {
        var param = e.getMethodParameter();
        String name = param == null ? "body" : param.getParameterName();
        String why;
        tools.jackson.databind.DatabindException databind = causeOf(e, tools.jackson.databind.DatabindException.class);
        tools.jackson.core.JacksonException jackson = causeOf(e, tools.jackson.core.JacksonException.class);
        if (databind != null) {
            name = JsonPaths.of(databind.getPath());
            why = JsonPaths.why(databind);
        } else if (jackson != null) {
            name = "body";
            why = "is not valid JSON: " + JsonPaths.firstLine(jackson.getOriginalMessage());
        } else if (causeOf(e, org.springframework.beans.TypeMismatchException.class) != null) {
            why = "has the wrong type" + JsonPaths.expected(causeOf(e, org.springframework.beans.TypeMismatchException.class).getRequiredType());
        } else {
            why = e.getReason() == null ? "is malformed" : e.getReason();
        }
        return bad(exchange, name + ": " + why, List.of(new ApiException.FieldError(name, why)));
    }

    /**
     * 404, 405, 406, 415…: Spring's own detail (e.g. "Content-Type 'text/plain' is not supported."),
     * not its reason, which names the body's Java type; its headers (Allow, Accept) kept.
     */
    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(ResponseStatusException e, ServerWebExchange exchange) {
        HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
        String detail = e.getBody().getDetail() == null ? status.getReasonPhrase() : e.getBody().getDetail();
        logRefusal(exchange, status, detail);
        return ResponseEntity.status(status).headers(e.getHeaders()).body(Problems.of(status, status.getReasonPhrase(), detail, List.of()));
    }

    /**
     * A value PostgreSQL refused as data (SQLSTATE class 22: a character it cannot store, a date out
     * of its range…) that no earlier check caught: the request's fault, so a 400, not a 500.
     */
    @ExceptionHandler(org.springframework.dao.DataAccessException.class)
    ResponseEntity<ProblemDetail> data(org.springframework.dao.DataAccessException e, ServerWebExchange exchange) {
        java.sql.SQLException sql = causeOf(e, java.sql.SQLException.class);
        if (sql == null || sql.getSQLState() == null || !sql.getSQLState().startsWith("22")) {
            return unexpected(e);
        }
        return bad(exchange, "a value could not be stored: " + JsonPaths.firstLine(sql.getMessage()), List.of());
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @ExceptionHandler(AreaImportException.class)
    ResponseEntity<ProblemDetail> areaImport(AreaImportException e, ServerWebExchange exchange) {
        List<ApiException.FieldError> errors = e.problems().stream()
                .map(p -> new ApiException.FieldError(p.feature() < 0 ? "body" : "features[" + p.feature() + "]",
                        (p.code() == null ? "" : p.code() + ": ") + p.problem()))
                .toList();
        logRefusal(exchange, HttpStatus.UNPROCESSABLE_CONTENT, "import refused: " + errors.size() + " problem(s)");
        return ResponseEntity.unprocessableContent().body(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Import refused",
                "nothing was imported: " + errors.size() + " problem(s), first " + errors.get(0).field() + ": " + errors.get(0).message(), errors));
    }

    @ExceptionHandler(BrokerAccessException.class)
    ResponseEntity<ProblemDetail> broker(BrokerAccessException e) {
        log.error("broker access failed: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Problems.of(HttpStatus.BAD_GATEWAY, "Broker refused",
                "the MQTT broker refused or did not answer: " + e.getMessage(), List.of()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unhandled error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error", "the server failed to handle the request; it has been logged", List.of()));
    }

    private static ResponseEntity<ProblemDetail> bad(ServerWebExchange exchange, String detail, List<ApiException.FieldError> errors) {
        logRefusal(exchange, HttpStatus.BAD_REQUEST, detail);
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors));
    }
}

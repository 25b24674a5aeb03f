package org.redwhistle.api.errors;

import java.util.List;

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
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * Every refusal as a problem document naming the bad fields; never a stack trace. Ordered before
 * Boot's generic problem-details handler, which has no {@code errors[]}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        return ResponseEntity.status(e.status()).body(Problems.of(e.status(), e.title(), e.getMessage(), e.errors()));
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> binding(WebExchangeBindException e) {
        List<ApiException.FieldError> errors = e.getFieldErrors().stream()
                .map(f -> new ApiException.FieldError(f.getField(), f.getDefaultMessage())).toList();
        return bad("one or more fields are invalid", errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> parameters(HandlerMethodValidationException e) {
        List<ApiException.FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new ApiException.FieldError(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return bad("one or more parameters are invalid", errors);
    }

    @ExceptionHandler(MissingRequestValueException.class)
    ResponseEntity<ProblemDetail> missing(MissingRequestValueException e) {
        return bad(e.getName() + " is required", List.of(new ApiException.FieldError(e.getName(), "is required")));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> input(ServerWebInputException e) {
        var param = e.getMethodParameter();
        String name = param == null ? "body" : param.getParameterName();
        String why = e.getReason() == null ? "is malformed" : e.getReason();
        return bad(name + ": " + why, List.of(new ApiException.FieldError(name, why)));
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(ResponseStatusException e) {
        HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
        String detail = e.getReason() == null ? status.getReasonPhrase() : e.getReason();
        return ResponseEntity.status(status).body(Problems.of(status, status.getReasonPhrase(), detail, List.of()));
    }

    @ExceptionHandler(AreaImportException.class)
    ResponseEntity<ProblemDetail> areaImport(AreaImportException e) {
        List<ApiException.FieldError> errors = e.problems().stream()
                .map(p -> new ApiException.FieldError(p.feature() < 0 ? "body" : "features[" + p.feature() + "]",
                        (p.code() == null ? "" : p.code() + ": ") + p.problem()))
                .toList();
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

    private static ResponseEntity<ProblemDetail> bad(String detail, List<ApiException.FieldError> errors) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors));
    }
}

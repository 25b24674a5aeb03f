package org.redwhistle.api.errors;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A request the API refuses, with what was wrong; rendered as an RFC 9457 problem document. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldError> errors;
    private final java.time.Duration retryAfter;

    public ApiException(HttpStatus status, String title, String detail, List<FieldError> errors) {
        this(status, title, detail, errors, null);
    }

    private ApiException(HttpStatus status, String title, String detail, List<FieldError> errors, java.time.Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** 429: try again after {@code wait} (sent as Retry-After, in whole seconds, at least 1). */
    public static ApiException tooManyRequests(String detail, java.time.Duration wait) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts", detail, List.of(), wait);
    }

    /** Seconds for the Retry-After header; null when the refusal has none. */
    public Long retryAfterSeconds() {
        return retryAfter == null ? null : Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " does not exist or is outside your area", List.of());
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail, List.of());
    }

    public static ApiException badField(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + message, List.of(new FieldError(field, message)));
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One bad field and why. */
    public record FieldError(String field, String message) {
    }
}

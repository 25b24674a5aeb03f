package org.redwhistle.api.open311.internal;

import java.util.List;
import java.util.concurrent.Callable;

import org.redwhistle.api.Blocking;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a document as {@code .json} or {@code .xml}, as the request's extension asks, off the
 * event loop; an {@link Open311Error} thrown while building it becomes the spec's error list in the
 * same format. An unknown extension is a 404 in JSON.
 */
@Component
class Open311Responses {

    private final Blocking blocking;
    private final JsonMapper json;

    Open311Responses(Blocking blocking, JsonMapper json) {
        this.blocking = blocking;
        this.json = json;
    }

    /** {@code root} names the XML document, {@code item} each element of a list. */
    Mono<ResponseEntity<String>> render(String fmt, Callable<Object> body, String root, String item) {
        if (!"json".equals(fmt) && !"xml".equals(fmt)) {
            return Mono.just(error("json", new Open311Error(404, "format ." + fmt + " is not offered: use .json or .xml")));
        }
        return blocking.call(() -> {
            try {
                Object value = body.call();
                return ResponseEntity.ok().contentType("json".equals(fmt) ? MediaType.APPLICATION_JSON : MediaType.TEXT_XML)
                        .body("json".equals(fmt) ? json.writeValueAsString(value) : Xml.document(root, item, json.valueToTree(value)));
            } catch (Open311Error e) {
                return error(fmt, e);
            }
        });
    }

    private ResponseEntity<String> error(String fmt, Open311Error e) {
        List<Open311Wire.Problem> errors = List.of(new Open311Wire.Problem(e.status, e.getMessage()));
        return ResponseEntity.status(HttpStatus.valueOf(e.status)).contentType("xml".equals(fmt) ? MediaType.TEXT_XML : MediaType.APPLICATION_JSON)
                .body("xml".equals(fmt) ? Xml.document("errors", "error", json.valueToTree(errors)) : json.writeValueAsString(errors));
    }
}

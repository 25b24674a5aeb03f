package org.redwhistle.api;

import java.util.function.Supplier;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;

import reactor.core.publisher.Mono;

/** An uploaded file or picture sent as the request's body: read whole, up to a limit, and its name for the audit log. */
public final class Uploads {

    private Uploads() {
    }

    /**
     * The body's bytes (empty if there is none); the caller's "too large" error when the declared length or the
     * bytes received pass {@code max}, so an oversized upload is refused before or while it arrives, never held whole.
     */
    public static Mono<byte[]> body(ServerHttpRequest request, int max, Supplier<? extends RuntimeException> tooLarge) {
        if (request.getHeaders().getContentLength() > max) {
            return Mono.error(tooLarge.get());
        }
        return DataBufferUtils.join(request.getBody(), max)
                .map(buf -> {
                    byte[] bytes = new byte[buf.readableByteCount()];
                    buf.read(bytes);
                    DataBufferUtils.release(buf);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge.get());
    }

    /** The file name the client gave (the {@code fileName} parameter): trimmed, at most 120 characters; null if blank. */
    public static String fileName(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String name = given.strip();
        return name.substring(0, Math.min(name.length(), 120));
    }
}

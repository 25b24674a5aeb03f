package org.redwhistle.api.cases.internal;

import java.time.Duration;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.Uploads;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.cases.CasePhotos;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Refuses;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

/**
 * Photos for requests: the picture is the raw request body (not JSON, not multipart), read up to the
 * configured limit without WebFlux's codecs (whose in-memory limit is 256 KiB), then checked and
 * normalized by {@link CasePhotos}.
 */
@RestController
@RequestMapping("/api/v1/case-photos")
public class CasePhotoController {

    private final CasePhotos photos;
    private final Blocking blocking;

    public CasePhotoController(CasePhotos photos, Blocking blocking) {
        this.photos = photos;
        this.blocking = blocking;
    }

    /**
     * Uploads a picture (Content-Type image/jpeg, image/png or image/webp; at most 10 MiB by default).
     * It is stored resized (longest side 1,600 px) as a JPEG without EXIF; list the returned url in a
     * new request's or a report's {@code photos}.
     */
    @Refuses(status = 413, when = "photo: the body is larger than the configured limit (10 MiB by default)")
    @Refuses(status = 415, when = "Content-Type: not image/jpeg, image/png or image/webp")
    @Refuses(status = 422, when = "photo: the bytes are not the declared type, cannot be decoded, or the picture has too many pixels")
    @Operation(requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "the picture's bytes",
            content = {@Content(mediaType = MediaType.IMAGE_JPEG_VALUE, schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = MediaType.IMAGE_PNG_VALUE, schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary"))}))
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<CasePhotos.CasePhotoRef> upload(Caller caller, ServerHttpRequest request) {
        String type = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        return Uploads.body(request, photos.maxBytes(), photos::tooLarge)
                .flatMap(bytes -> photos.upload(caller.user(), type, bytes));
    }

    /** The stored picture: for its uploader until it is attached, then for whoever may see the request. */
    @ApiResponse(responseCode = "200", description = "the stored JPEG",
            content = @Content(mediaType = MediaType.IMAGE_JPEG_VALUE, schema = @Schema(type = "string", format = "binary")))
    @GetMapping("/{id}")
    public Mono<ResponseEntity<byte[]>> get(Caller caller, @PathVariable long id) {
        return blocking.call(() -> photos.fetch(caller.user(), id)
                .map(p -> ResponseEntity.ok().contentType(MediaType.parseMediaType(p.contentType()))
                        .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate()).body(p.data()))
                .orElseThrow(() -> ApiException.notFound("photo " + id)));
    }
}

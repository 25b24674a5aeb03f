package org.redwhistle.api.devices.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.Uploads;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.errors.Refuses;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

/**
 * The camera catalogue in GB/T 28181 {@code Catalog} form (docs/gb28181.md): export of the caller's
 * area's cameras, and import of a catalogue file (its raw bytes as the request body) with a dry run.
 */
@RestController
public class CatalogController {

    private final CatalogExport exports;
    private final CatalogImport imports;
    private final Gb28181Properties props;
    private final Blocking blocking;

    CatalogController(CatalogExport exports, CatalogImport imports, Gb28181Properties props, Blocking blocking) {
        this.exports = exports;
        this.imports = imports;
        this.props = props;
        this.blocking = blocking;
    }

    @Operation(summary = "The cameras of the caller's area that have a national code, as a GB/T 28181 Catalog response (XML in the "
            + "configured charset, GB2312 by default, declared in the prolog); the header X-Uncoded-Cameras counts those left out")
    @ApiResponse(responseCode = "200", description = "the catalogue, as an attachment",
            content = @Content(mediaType = "application/xml", schema = @Schema(type = "string", format = "binary")))
    @GetMapping("/api/v1/cameras/catalog.xml")
    public Mono<ResponseEntity<byte[]>> export(Caller caller) {
        return blocking.call(() -> {
            CatalogExport.Exported e = exports.export(caller);
            return ResponseEntity.ok().contentType(new MediaType("application", "xml", java.nio.charset.Charset.forName(e.charset())))
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename("国标目录-" + props.platformCode() + ".xml", StandardCharsets.UTF_8).build().toString())
                    .header("X-Uncoded-Cameras", String.valueOf(e.uncoded()))
                    .body(e.body());
        });
    }

    @Operation(summary = "Imports cameras from a GB/T 28181 Catalog (XML in GB2312, GBK, GB18030 or UTF-8): keyed by national code, "
            + "new codes create cameras, known ones update name, place and catalogue metadata; each bad item is refused with its "
            + "DeviceID and the reason while the good ones are written; dryRun=true checks and writes nothing",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "the file's bytes",
                    content = {@Content(mediaType = "application/xml", schema = @Schema(type = "string", format = "binary")),
                        @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))}))
    @Refuses(status = 400, when = "file: not a readable Catalog document (the parser's reason with line and column), or a DOCTYPE")
    @Refuses(status = 413, when = "file: larger than redwhistle.gb28181.max-import-bytes")
    @PostMapping("/api/v1/cameras/catalog")
    public Mono<CatalogImport.ImportResult> importCatalog(Caller caller, ServerHttpRequest request,
            @Parameter(description = "true: check and count only, write nothing") @RequestParam(required = false) String dryRun,
            @Parameter(description = "the file's name, for the audit log") @RequestParam(required = false) String fileName) {
        boolean dry = dryRun != null && Params.bool("dryRun", dryRun);
        int max = props.maxImportBytes();
        String name = Uploads.fileName(fileName);
        return Uploads.body(request, max, () -> tooLarge(max))
                .flatMap(bytes -> blocking.call(() -> {
                    try {
                        return imports.run(caller, bytes, name, dry);
                    } catch (CatalogXml.Unreadable e) {
                        throw new ApiException(HttpStatus.BAD_REQUEST, "Unreadable catalogue", "file: " + e.where(),
                                List.of(new ApiException.FieldError("file", e.where())));
                    }
                }));
    }

    private static ApiException tooLarge(int max) {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "File too large", "文件超过 " + max / 1024 / 1024 + " MB：请分成几个文件导入",
                List.of(new ApiException.FieldError("file", "文件过大")));
    }
}

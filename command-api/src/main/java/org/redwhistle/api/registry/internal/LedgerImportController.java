package org.redwhistle.api.registry.internal;

import java.nio.charset.StandardCharsets;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.Uploads;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.sheets.SheetReader;
import org.redwhistle.api.registry.internal.LedgerImport.ImportResult;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.transaction.support.TransactionTemplate;
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
 * Importing a village's ledger from CSV or XLSX (the file is the raw request body; its kind is told
 * by its bytes, not its name), and the template to fill in.
 */
@RestController
public class LedgerImportController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final LedgerImport imports;
    private final RegistryAccess access;
    private final Blocking blocking;
    private final TransactionTemplate tx;

    public LedgerImportController(LedgerImport imports, RegistryAccess access, Blocking blocking, TransactionTemplate tx) {
        this.imports = imports;
        this.access = access;
        this.blocking = blocking;
        this.tx = tx;
    }

    @Operation(summary = "Imports the ledger of a village or community: one row per person with the household's columns; rows without an error "
            + "are written, the others reported per row; idempotent by 户号 and 身份证号; dryRun=true only checks",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "the file's bytes (CSV UTF-8/GBK or XLSX)",
                    content = {@Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
                        @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                schema = @Schema(type = "string", format = "binary")),
                        @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))}))
    @Refuses(status = 413, when = "file: larger than 5 MB")
    @Refuses(status = 415, when = "file: not a CSV or XLSX file (an old .xls, a picture, an unknown encoding)")
    @PostMapping("/api/v1/registry/import")
    public Mono<ImportResult> importLedger(Caller caller, ServerHttpRequest request,
            @Parameter(description = "the village or community; default the caller's") @RequestParam(required = false) Long areaId,
            @Parameter(description = "true: check and count only, write nothing") @RequestParam(required = false) String dryRun,
            @Parameter(description = "the file's name, for the audit log") @RequestParam(required = false) String fileName) {
        boolean dry = dryRun != null && Params.bool("dryRun", dryRun);
        String name = Uploads.fileName(fileName);
        return Uploads.body(request, SheetReader.MAX_BYTES, SheetReader::tooLarge)
                .flatMap(bytes -> blocking.call(() -> {
                    AreaRef village = access.village(caller, areaId);
                    return tx.execute(s -> imports.run(caller.user().username(), village, bytes, name, dry));
                }));
    }

    @Operation(summary = "The import template: the columns' header (CSV), or the header with text-formatted columns and a sheet explaining them (XLSX)")
    @ApiResponse(responseCode = "200", description = "the template, as an attachment named 户籍台账导入模板.<format>", content = {
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary"))})
    @GetMapping("/api/v1/registry/import-template")
    public Mono<ResponseEntity<byte[]>> template(Caller caller, @Parameter(description = "xlsx (default) or csv") @RequestParam(required = false) String format,
            @Parameter(description = "the village or community whose grids the XLSX lists; default the caller's") @RequestParam(required = false) Long areaId) {
        boolean csv = format != null && Params.enumValue(Format.class, "format", format) == Format.CSV;
        return blocking.call(() -> {
            byte[] body;
            if (csv) {
                body = LedgerTemplate.csv();
            } else {
                AreaRef village = access.village(caller, areaId);
                body = LedgerTemplate.xlsx(village.name(), access.grids(village.id()).stream().map(AreaRef::name).toList());
            }
            return ResponseEntity.ok().contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8) : XLSX)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename("户籍台账导入模板." + (csv ? "csv" : "xlsx"), StandardCharsets.UTF_8).build().toString())
                    .body(body);
        });
    }

    /** The template's formats. */
    public enum Format {
        XLSX, CSV
    }
}

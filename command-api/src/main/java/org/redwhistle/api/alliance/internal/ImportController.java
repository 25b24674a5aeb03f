package org.redwhistle.api.alliance.internal;

import java.nio.charset.StandardCharsets;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.Uploads;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.alliance.internal.MemberImport.AllianceImportResult;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.sheets.SheetReader;
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
 * Importing alliance members from XLSX or CSV (the file is the raw request body, as the registry's import: its
 * kind is told by its bytes, not its name), and the template to fill in.
 */
@RestController
public class ImportController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final MemberImport imports;
    private final AllianceAccess access;
    private final TeamStore teams;
    private final Blocking blocking;
    private final TransactionTemplate tx;

    public ImportController(MemberImport imports, AllianceAccess access, TeamStore teams, Blocking blocking, TransactionTemplate tx) {
        this.imports = imports;
        this.access = access;
        this.teams = teams;
        this.blocking = blocking;
        this.tx = tx;
    }

    @Operation(summary = "Imports alliance members: one row per person; rows without an error are written, the others reported per row; "
            + "idempotent by ID number; dryRun=true only checks",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "the file's bytes (XLSX or CSV UTF-8/GBK)",
                    content = {@Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            schema = @Schema(type = "string", format = "binary")),
                        @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
                        @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))}))
    @Refuses(status = 413, when = "file: larger than 5 MB")
    @Refuses(status = 415, when = "file: not a CSV or XLSX file (an old .xls, a picture, an unknown encoding)")
    @PostMapping("/api/v1/alliance/members/import")
    public Mono<AllianceImportResult> importMembers(Caller caller, ServerHttpRequest request,
            @Parameter(description = "the area of members without a team; default the caller's") @RequestParam(required = false) Long areaId,
            @Parameter(description = "true: check and count only, write nothing") @RequestParam(required = false) String dryRun,
            @Parameter(description = "the file's name, for the audit log") @RequestParam(required = false) String fileName) {
        boolean dry = dryRun != null && Params.bool("dryRun", dryRun);
        String name = Uploads.fileName(fileName);
        return Uploads.body(request, SheetReader.MAX_BYTES, SheetReader::tooLarge)
                .flatMap(bytes -> blocking.call(() -> {
                    AreaRef area = access.area(caller, areaId);
                    return tx.execute(s -> imports.run(caller, area, bytes, name, dry));
                }));
    }

    @Operation(summary = "The import template (XLSX): the header with text-formatted columns and a sheet explaining them, with the caller's teams")
    @ApiResponse(responseCode = "200", description = "the template, as an attachment named 平安联盟队员导入模板.xlsx", content = {
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @Schema(type = "string", format = "binary"))})
    @GetMapping("/api/v1/alliance/members/import-template")
    public Mono<ResponseEntity<byte[]>> template(Caller caller) {
        return blocking.call(() -> {
            AllianceAccess.Reach r = access.reach(caller);
            byte[] body = ImportTemplate.xlsx(teams.list(r.scope()).stream().filter(TeamStore.Team::active).map(TeamStore.Team::name).toList());
            return ResponseEntity.ok().contentType(XLSX)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename("平安联盟队员导入模板.xlsx", StandardCharsets.UTF_8).build().toString())
                    .body(body);
        });
    }
}

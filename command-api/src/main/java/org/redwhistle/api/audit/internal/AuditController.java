package org.redwhistle.api.audit.internal;

import java.util.HexFormat;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.errors.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Verifies the audit log's hash chain (audit.verify: administrators): every link recomputed from its row, the first broken
 * link with its reason, the head to keep elsewhere, and optionally whether a head kept earlier
 * ({@code anchorSeq}, {@code anchorHash}) is still in the chain.
 */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    private final AuditChainVerifier verifier;
    private final Blocking blocking;

    public AuditController(AuditChainVerifier verifier, Blocking blocking) {
        this.verifier = verifier;
        this.blocking = blocking;
    }

    @GetMapping("/verify")
    public Mono<ChainVerification> verify(Caller caller, @RequestParam(required = false) Long anchorSeq,
            @RequestParam(required = false) String anchorHash) {
        AuditChainVerifier.Anchor anchor = anchor(anchorSeq, anchorHash);
        return blocking.call(() -> verifier.verify(anchor));
    }

    private static AuditChainVerifier.Anchor anchor(Long seq, String hash) {
        if (seq == null && hash == null) {
            return null;
        }
        if (seq == null || seq < 1) {
            throw ApiException.badField("anchorSeq", "must be a link's position (1 or more), given together with anchorHash");
        }
        if (hash == null || !hash.matches("[0-9a-fA-F]{64}")) {
            throw ApiException.badField("anchorHash", "must be the link's SHA-256 as 64 hex digits, given together with anchorSeq");
        }
        return new AuditChainVerifier.Anchor(seq, HexFormat.of().parseHex(hash));
    }
}

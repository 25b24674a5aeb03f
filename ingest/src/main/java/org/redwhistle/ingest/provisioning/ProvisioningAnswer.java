package org.redwhistle.ingest.provisioning;

/**
 * The answer to a provisioning request, as sent on its response topic ({@code json}), and how it came
 * about. {@code deviceId} is set on SUCCESS only.
 */
public record ProvisioningAnswer(Source source, boolean success, String detail, String deviceId, byte[] json) {

    /** Where the answer comes from. */
    public enum Source {
        /** Decided now, and stored under the nonce (a success or a refusal). */
        DECIDED,
        /** The stored answer to the same request under the same nonce, sent again; nothing was decided. */
        REPEATED,
        /** Refused: the nonce already answered another request (or the same fields with another secret); nothing stored. */
        NONCE_TAKEN,
        /** A failure a retry may overcome (the broker, a concurrent request for the serial), or a request not read; not stored. */
        NOT_STORED
    }
}

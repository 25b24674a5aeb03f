package org.redwhistle.api.audit.internal;

/**
 * What the audit chain's verification found.
 *
 * @param ok          no broken link, no unchained audit row, and the anchor (if one was given) still in the chain
 * @param rowsChecked links recomputed
 * @param head        the last link, or null for an empty chain
 * @param firstBreak  the first problem in chain order (unchained rows after all links), or null
 * @param breaks      links with a problem, plus audit rows without a link
 * @param anchor      the outside copy of a link the caller asked about, or null
 */
public record ChainVerification(boolean ok, long rowsChecked, Link head, Break firstBreak, long breaks, AnchorCheck anchor) {

    /** A link of the chain: its position and its hash (hex). */
    public record Link(long seq, String hash) {
    }

    /**
     * A broken link.
     *
     * @param seq     the link's position (for {@link Problem#LINK_MISSING} of an unchained row: the
     *                position it should have had after the head)
     * @param auditId the audit row concerned, if known
     */
    public record Break(long seq, Long auditId, Problem problem, String detail) {
    }

    /** An anchor (a head logged earlier and kept elsewhere) and whether the chain still has it. */
    public record AnchorCheck(long seq, String hash, boolean matches) {
    }

    public enum Problem {
        /** The audit row's content no longer gives the link's hash: it was changed after it was chained. */
        ROW_CHANGED,
        /** The link names an audit row that is gone: it was deleted. */
        ROW_MISSING,
        /** Links are missing from the sequence, or an audit row was written without a link. */
        LINK_MISSING,
        /** The link's previous hash is not the hash of the link before it: the chain was rewritten there. */
        LINK_BROKEN
    }
}

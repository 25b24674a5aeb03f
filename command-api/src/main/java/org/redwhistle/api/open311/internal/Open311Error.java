package org.redwhistle.api.open311.internal;

/** An error the spec's way: its HTTP status and a description, rendered as the spec's error list. */
final class Open311Error extends RuntimeException {

    final int status;

    Open311Error(int status, String description) {
        super(description, null, false, false);
        this.status = status;
    }
}

package org.redwhistle.api.audit.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link UnsafeDatabaseRoleException} into Spring Boot's start-up report, without a stack trace. */
public class UnsafeDatabaseRoleFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeDatabaseRoleException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeDatabaseRoleException cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Run migrations as the owner role (RW_DB_OWNER_USER, RW_DB_OWNER_PASSWORD) and connect the application as a role "
                        + "that owns nothing (RW_DB_USER, RW_DB_PASSWORD); scripts/run.sh creates both. See docs/audit.md.",
                cause);
    }
}

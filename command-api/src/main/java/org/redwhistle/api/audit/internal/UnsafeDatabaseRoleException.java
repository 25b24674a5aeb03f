package org.redwhistle.api.audit.internal;

import java.util.List;

/** The application's database role could change the audit log; see {@link DatabaseRoleGuard}. */
public class UnsafeDatabaseRoleException extends IllegalStateException {

    private final String role;
    private final List<String> problems;

    public UnsafeDatabaseRoleException(String role, List<String> problems) {
        super("the database role \"" + role + "\" that the application connects as could change the audit log: it "
                + String.join("; it ", problems));
        this.role = role;
        this.problems = List.copyOf(problems);
    }

    public String role() {
        return role;
    }

    public List<String> problems() {
        return problems;
    }
}

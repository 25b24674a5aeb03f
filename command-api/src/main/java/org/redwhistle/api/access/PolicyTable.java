package org.redwhistle.api.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.redwhistle.api.security.Role;

/**
 * {@link AccessPolicy} rendered as Markdown: README's "Security model" (one row per role) and
 * docs/security.md's route and destination tables. A test keeps both documents equal to the code.
 */
public final class PolicyTable {

    private PolicyTable() {
    }

    /** One row per role: what it may do, grouped by how far it reaches. */
    public static String roles() {
        StringBuilder md = new StringBuilder("| role | who | may |\n|---|---|---|\n");
        for (Role role : Role.values()) {
            Map<Scope, List<String>> byScope = new LinkedHashMap<>();
            for (Scope s : Scope.values()) {
                byScope.put(s, new ArrayList<>());
            }
            for (Permission p : Permission.values()) {
                if (p.open()) {
                    continue;
                }
                AccessPolicy.scope(role, p).ifPresent(s -> byScope.get(s).add(s == Scope.OWN && p.own() != null
                        ? p.does() + " (" + p.own() + ")" : p.does()));
            }
            String may = byScope.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                    .map(e -> "**" + e.getKey().english() + ":** " + String.join("; ", e.getValue()))
                    .collect(Collectors.joining("<br>"));
            md.append("| `").append(role).append("` ").append(role.label()).append(" | ").append(role.who()).append(" | ").append(may)
                    .append(" |\n");
        }
        return md.toString();
    }

    /** Every REST route with the permission it needs and who holds it. */
    public static String routes() {
        StringBuilder md = new StringBuilder("| route | permission | who (scope) |\n|---|---|---|\n");
        for (AccessPolicy.Route r : AccessPolicy.routes()) {
            md.append("| `").append(r.key()).append("` | ").append(r.permission().key()).append(" | ").append(holders(r.permission()))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** Every STOMP destination with the permission it needs and who holds it. */
    public static String destinations() {
        StringBuilder md = new StringBuilder("| destination | permission | who (scope) |\n|---|---|---|\n");
        AccessPolicy.destinations().forEach((d, p) -> md.append("| `").append(d).append("` | ").append(p.key()).append(" | ")
                .append(holders(p)).append(" |\n"));
        return md.toString();
    }

    private static String holders(Permission p) {
        if (p.open()) {
            return "anyone, no login";
        }
        return AccessPolicy.holders(p).entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().english() + ")")
                .collect(Collectors.joining(", "));
    }
}

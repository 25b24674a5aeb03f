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

    /** One row per role: what it may do, grouped by how far it reaches; administrators by difference. */
    public static String roles() {
        StringBuilder md = new StringBuilder("| role | who | may |\n|---|---|---|\n");
        md.append("| `ADMIN` ").append(Role.ADMIN.label()).append(" | ").append(Role.ADMIN.who()).append(" | ").append(admin()).append(" |\n");
        for (Role role : Role.values()) {
            if (role == Role.ADMIN) {
                continue;
            }
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

    /** What the other roles hold that administrators do not, and what only administrators hold. */
    private static String admin() {
        List<String> lacks = new ArrayList<>();
        List<String> alone = new ArrayList<>();
        for (Permission p : Permission.values()) {
            if (p.open()) {
                continue;
            }
            boolean admin = AccessPolicy.scope(Role.ADMIN, p).isPresent();
            boolean others = AccessPolicy.holders(p).keySet().stream().anyMatch(r -> r != Role.ADMIN);
            if (!admin && others) {
                lacks.add(p.does());
            } else if (admin && !others) {
                alone.add(p.does());
            }
        }
        return "**everywhere:** what the other roles may do, without an area limit, except: " + String.join("; ", lacks)
                + "<br>**theirs alone:** " + String.join("; ", alone);
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

package org.redwhistle.api.cases.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.redwhistle.api.cases.CaseLevel;
import org.redwhistle.api.errors.ApiException;

/** A case type and its escalation chain: the holder levels in the order a case climbs them. */
public record CaseType(String code, String name, List<CaseLevel> chain) {

    /** The level a case starts at. */
    public CaseLevel first() {
        return chain.get(0);
    }

    /** The level after {@code level} on this chain; empty at the top (or off the chain). */
    public Optional<CaseLevel> after(CaseLevel level) {
        int at = chain.indexOf(level);
        return at < 0 || at + 1 >= chain.size() ? Optional.empty() : Optional.of(chain.get(at + 1));
    }

    /**
     * Reads a chain as an administrator writes it: known levels, the community's before the street's before the district's,
     * each once; a 400 naming the element otherwise.
     */
    public static List<CaseLevel> parseChain(List<String> chain) {
        if (chain == null || chain.isEmpty()) {
            throw ApiException.badField("chain", "list the holder levels in escalation order");
        }
        List<CaseLevel> out = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            String field = "chain[" + i + "]";
            CaseLevel level = parse(chain.get(i)).orElseThrow(() -> ApiException.badField(field,
                    "must be one of " + java.util.Arrays.toString(CaseLevel.values())));
            if (out.stream().anyMatch(l -> !level.mayFollow(l))) {
                throw ApiException.badField(field, level + " cannot follow a level of a higher tier (community → street → district)");
            }
            out.add(level);
        }
        Set<CaseLevel> distinct = new HashSet<>(out);
        if (distinct.size() != out.size()) {
            throw ApiException.badField("chain", "a level appears twice");
        }
        return List.copyOf(out);
    }

    private static Optional<CaseLevel> parse(String name) {
        for (CaseLevel l : CaseLevel.values()) {
            if (l.name().equals(name)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}

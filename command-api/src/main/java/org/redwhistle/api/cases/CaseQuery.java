package org.redwhistle.api.cases;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.redwhistle.api.errors.ApiException;

/**
 * Which cases a list wants, within what the caller may see ({@link Cases#list}). Every filter is
 * optional (an empty set or null: any): {@code statuses}, {@code levels}, {@code overdue} by
 * {@link Overdue} at the time of the request, {@code areaId} an area on the case's path (street,
 * community or grid), submitted in [{@code from}, {@code to}), {@code category} a catalogue code,
 * {@code text} a part of the ref or the description. Newest first by (submitted_at, id), {@code limit}
 * rows a page, {@code after} the cursor where the previous page ended.
 */
public record CaseQuery(Set<CaseStatus> statuses, Set<CaseLevel> levels, Boolean overdue, Long areaId, Instant from, Instant to,
        String category, String department, String text, Cursor after, int limit) {

    public CaseQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        levels = levels == null ? Set.of() : Set.copyOf(levels);
    }

    /** The first {@code limit} cases the caller may see, newest first, nothing filtered. */
    public static CaseQuery newest(int limit) {
        return new CaseQuery(Set.of(), Set.of(), null, null, null, null, null, null, null, null, limit);
    }

    /**
     * Where a page ended: the last case's submission and id. On the wire an opaque string (base64url),
     * returned as {@code nextCursor} and sent back as {@code cursor}.
     */
    public record Cursor(Instant submittedAt, long id) {

        public String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((submittedAt + "," + id).getBytes(StandardCharsets.UTF_8));
        }

        /** A cursor this API returned; anything else is refused with a 400 naming {@code field}. */
        public static Cursor parse(String field, String raw) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8).split(",", -1);
                if (parts.length == 2) {
                    return new Cursor(Instant.parse(parts[0]), Long.parseLong(parts[1]));
                }
            } catch (IllegalArgumentException | DateTimeException e) {
                // refused below
            }
            throw ApiException.badField(field, "is not a cursor this list returned (nextCursor); leave it out to start from the newest");
        }
    }
}

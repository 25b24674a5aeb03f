package org.redwhistle.api.cases.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.redwhistle.api.cases.PhotoStage;
import org.redwhistle.api.images.PhotoNormalizer;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * The {@code photos} of a new case or of a report: urls of uploads ({@code /api/v1/case-photos/{id}})
 * become photos of the case at a stage; any other link (an Open311 client's {@code media_url}) is
 * kept as it is. Each upload must be the user's own and not yet attached, or the whole request is
 * refused with a 422 naming {@code photos[i]}.
 */
@Component
public class CasePhotoAttachments {

    /** How many photos one request or one report may carry. */
    public static final int MAX = 9;

    private static final Pattern UPLOAD = Pattern.compile("^(?:https?://[^/]+)?/api/v1/case-photos/(\\d{1,18})$");

    private final CasePhotoStore store;

    public CasePhotoAttachments(CasePhotoStore store) {
        this.store = store;
    }

    /** An upload listed at {@code index} of {@code photos}. */
    public record Listed(int index, long id) {
    }

    /** The photos of a request, split: uploads to attach, links to keep. */
    public record Split(List<Listed> uploads, List<String> links) {
    }

    public static Split split(List<String> photos) {
        List<Listed> uploads = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            String p = photos.get(i);
            Matcher m = p == null ? null : UPLOAD.matcher(p.trim());
            if (m != null && m.matches()) {
                uploads.add(new Listed(i, Long.parseLong(m.group(1))));
            } else if (p != null && !p.isBlank()) {
                links.add(p.trim());
            }
        }
        return new Split(uploads, links);
    }

    /** 422 unless every entry is the url of an upload (REST clients send uploads, never links). */
    public static List<Listed> uploadsOnly(String field, List<String> photos) {
        if (photos.size() > MAX) {
            throw PhotoNormalizer.refused(field, "at most " + MAX + " photos");
        }
        List<Listed> out = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            String p = photos.get(i);
            Matcher m = p == null ? null : UPLOAD.matcher(p.trim());
            if (m == null || !m.matches()) {
                throw PhotoNormalizer.refused(field + "[" + i + "]",
                        "is not the url of an upload: send the picture to POST /api/v1/case-photos first and list the url it returns");
            }
            out.add(new Listed(i, Long.parseLong(m.group(1))));
        }
        return out;
    }

    /** Attaches the user's uploads to the case at {@code stage}, all or none (the caller's transaction rolls back on a refusal). */
    public void attach(String field, CurrentUser user, List<Listed> uploads, long caseId, PhotoStage stage) {
        if (uploads.isEmpty()) {
            return;
        }
        Set<Long> seen = new HashSet<>();
        for (Listed u : uploads) {
            if (!seen.add(u.id())) {
                throw PhotoNormalizer.refused(field + "[" + u.index() + "]", "lists the same photo twice");
            }
        }
        List<Long> attached = store.attach(uploads.stream().map(Listed::id).toList(), user.id(), caseId, stage);
        for (Listed u : uploads) {
            if (!attached.contains(u.id())) {
                throw PhotoNormalizer.refused(field + "[" + u.index() + "]",
                        "is not an upload of yours waiting to be attached (someone else's, already attached to a request, or expired)");
            }
        }
    }
}

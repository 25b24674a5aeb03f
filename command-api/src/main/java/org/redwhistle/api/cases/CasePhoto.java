package org.redwhistle.api.cases;

import java.time.Instant;

/**
 * A photo of a case. {@code url} fetches it: {@code /api/v1/case-photos/{id}} for an uploaded
 * photo (with a bearer token), or the link an Open311 client gave as {@code media_url}, which
 * has {@code id} 0 and stage SUBMITTED. {@code stage} is a {@link PhotoStage} name, {@code stageLabel}
 * its words; {@code uploadedBy} a username.
 */
public record CasePhoto(long id, String url, String stage, String stageLabel, String uploadedBy, Instant at) {

    /** Where an uploaded photo is fetched. */
    public static String urlOf(long id) {
        return "/api/v1/case-photos/" + id;
    }

    /** A link given by an Open311 client, kept as it was. */
    public static CasePhoto external(String url, String reporter, Instant at) {
        return new CasePhoto(0, url, PhotoStage.SUBMITTED.name(), PhotoStage.SUBMITTED.label(), reporter, at);
    }

    public boolean uploaded() {
        return id > 0;
    }
}

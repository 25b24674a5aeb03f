package org.redwhistle.api.open311.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Open311 GeoReport v2.
 *
 * @param publicUrl where clients reach the platform (e.g. {@code https://whistle.example.gov.cn}), put in front of the
 *                  {@code media_url} of uploaded photos; empty: the links are relative ({@code /open311/v2/media/{id}}),
 *                  like the discovery document's, rather than built from whatever Host a request claimed
 */
@ConfigurationProperties("redwhistle.open311")
public record Open311Properties(@DefaultValue("") String publicUrl) {

    /** Where a client fetches an uploaded photo of its request (adding its api_key). */
    public String mediaUrl(long photoId) {
        String base = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
        return base + "/open311/v2/media/" + photoId;
    }
}

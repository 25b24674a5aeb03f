package org.redwhistle.api.cases.internal;

import java.time.Duration;

import org.redwhistle.api.images.PhotoNormalizer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Photos of cases (uploads by residents and grid workers).
 *
 * @param maxBytes        the largest upload accepted, as sent (a larger body is refused with 413 before it is read whole)
 * @param maxSide         the longest side of the stored picture in pixels; larger pictures are shrunk
 * @param maxPixels       pictures with more pixels than this are refused (422) from their header, before decoding
 * @param jpegQuality     the quality of the stored JPEG, 0 to 1
 * @param maxPending      how many uploads one user may have waiting to be attached to a case
 * @param decoders        how many pictures are decoded at once (bounds the memory decoding takes)
 * @param keepUnattached  how long an upload never attached to a case is kept before it is deleted
 */
@ConfigurationProperties("redwhistle.case-photos")
public record CasePhotoProperties(@DefaultValue("10MB") DataSize maxBytes, @DefaultValue("1600") int maxSide,
        @DefaultValue("40000000") long maxPixels, @DefaultValue("0.85") float jpegQuality, @DefaultValue("30") int maxPending,
        @DefaultValue("2") int decoders, @DefaultValue("24h") Duration keepUnattached) {

    public PhotoNormalizer.Limits limits() {
        return new PhotoNormalizer.Limits(maxSide, maxPixels, jpegQuality);
    }
}

package org.redwhistle.api.images;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The picture formats the platform accepts, told apart by their magic numbers. */
public enum ImageFormat {
    JPEG("image/jpeg"),
    PNG("image/png"),
    WEBP("image/webp");

    private final String mediaType;

    ImageFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format a Content-Type header names (parameters and case ignored); empty for anything else. */
    public static Optional<ImageFormat> ofMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String bare = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.mediaType.equals(bare)).findFirst();
    }

    /** What the bytes are by their signature: JPEG SOI + marker, the PNG signature, or a RIFF/WEBP container. */
    public static Optional<ImageFormat> sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == '\r' && b[5] == '\n'
                && b[6] == 0x1A && b[7] == '\n') {
            return Optional.of(PNG);
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** The accepted media types, for messages: {@code image/jpeg, image/png or image/webp}. */
    public static String names() {
        return "image/jpeg, image/png or image/webp";
    }
}

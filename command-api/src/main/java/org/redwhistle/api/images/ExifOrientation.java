package org.redwhistle.api.images;

import java.awt.geom.AffineTransform;

/**
 * The EXIF orientation (tag 0x0112) of a JPEG, read from its APP1 "Exif" segment. Phones store the
 * sensor's pixels and say in this tag how to turn them; since re-encoding drops the EXIF segment,
 * the turn is applied to the pixels first, or a portrait photo would come out lying on its side.
 */
final class ExifOrientation {

    private ExifOrientation() {
    }

    /** 1 (as stored) to 8; 1 when the JPEG has no EXIF orientation or it cannot be read. */
    static int of(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xFF) {
            int marker = jpeg[i + 1] & 0xff;
            if (marker == 0xDA || marker == 0xD9) {
                return 1; // image data starts: no more metadata segments
            }
            int length = u16(jpeg, i + 2, true);
            if (marker == 0xE1 && length >= 16 && i + 2 + length <= jpeg.length && isExif(jpeg, i + 4)) {
                return orientation(jpeg, i + 10, i + 2 + length);
            }
            i += 2 + length;
        }
        return 1;
    }

    private static boolean isExif(byte[] b, int at) {
        return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f' && b[at + 4] == 0 && b[at + 5] == 0;
    }

    /** Looks up tag 0x0112 in IFD0 of the TIFF structure at {@code tiff} (ending before {@code end}). */
    private static int orientation(byte[] b, int tiff, int end) {
        boolean bigEndian = b[tiff] == 'M' && b[tiff + 1] == 'M';
        if (!bigEndian && !(b[tiff] == 'I' && b[tiff + 1] == 'I')) {
            return 1;
        }
        long ifd = tiff + u32(b, tiff + 4, bigEndian);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, bigEndian);
        for (int e = 0; e < entries; e++) {
            int at = (int) ifd + 2 + e * 12;
            if (at + 12 > end) {
                return 1;
            }
            if (u16(b, at, bigEndian) == 0x0112) {
                int v = u16(b, at + 8, bigEndian);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    /** Width and height once turned: swapped for the orientations that turn by a quarter. */
    static boolean swapsSides(int orientation) {
        return orientation >= 5;
    }

    /** Maps the stored pixels ({@code w} × {@code h}) to the upright picture. */
    static AffineTransform transform(int orientation, int w, int h) {
        return switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);   // mirrored left-right
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);  // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);   // mirrored top-bottom
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);    // transposed
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);   // turned a quarter clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);  // transverse
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);   // turned a quarter anticlockwise
            default -> new AffineTransform();
        };
    }

    private static int u16(byte[] b, int at, boolean bigEndian) {
        return bigEndian ? (b[at] & 0xff) << 8 | (b[at + 1] & 0xff) : (b[at + 1] & 0xff) << 8 | (b[at] & 0xff);
    }

    private static long u32(byte[] b, int at, boolean bigEndian) {
        return bigEndian ? ((long) u16(b, at, true) << 16) | u16(b, at + 2, true) : ((long) u16(b, at + 2, false) << 16) | u16(b, at, false);
    }
}

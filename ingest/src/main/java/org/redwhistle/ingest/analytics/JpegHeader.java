package org.redwhistle.ingest.analytics;

/**
 * The width and height of a JPEG, read from its start-of-frame marker without decoding it, so that
 * a decompression bomb is refused before a single pixel is allocated.
 */
public final class JpegHeader {

    private JpegHeader() {
    }

    public record Size(int width, int height) {
        public long pixels() {
            return (long) width * height;
        }
    }

    /** The frame size, or an exception saying why the bytes are not a JPEG we can size. */
    public static Size size(byte[] b) throws FrameAnalyzer.Unreadable {
        if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) {
            throw new FrameAnalyzer.Unreadable("not a JPEG (it does not start with FF D8)");
        }
        int i = 2;
        while (i + 3 < b.length) {
            if ((b[i] & 0xff) != 0xFF) {
                throw new FrameAnalyzer.Unreadable("corrupt JPEG: no marker at byte " + i);
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xFF) { // fill byte
                i++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                break; // end of image or start of scan before any frame header
            }
            int len = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (i + 8 >= b.length) {
                    break;
                }
                int h = ((b[i + 5] & 0xff) << 8) | (b[i + 6] & 0xff);
                int w = ((b[i + 7] & 0xff) << 8) | (b[i + 8] & 0xff);
                if (w == 0 || h == 0) {
                    throw new FrameAnalyzer.Unreadable("corrupt JPEG: frame header says " + w + "×" + h);
                }
                return new Size(w, h);
            }
            if (len < 2) {
                throw new FrameAnalyzer.Unreadable("corrupt JPEG: segment length " + len + " at byte " + i);
            }
            i += 2 + len;
        }
        throw new FrameAnalyzer.Unreadable("corrupt or truncated JPEG: no frame header");
    }
}

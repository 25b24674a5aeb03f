package org.redwhistle.api.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/**
 * Pictures for the photo tests, made here: drawn by ImageIO, with an EXIF segment spliced in by
 * hand (a phone's GPS position and orientation), or a PNG header claiming a size it does not have.
 * WebP comes from committed files made with libwebp's cwebp (src/test/resources/photos/README.md),
 * since ImageIO cannot write it.
 */
public final class TestPictures {

    private TestPictures() {
    }

    /** A {@code w} × {@code h} scene: dark blue, an orange disc, a red square in the top-left corner. */
    public static BufferedImage scene(int w, int h, boolean alpha) {
        BufferedImage img = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(30, 60, 110));
        g.fillRect(0, 0, alpha ? w / 2 : w, h); // with alpha: the right half stays transparent
        g.setColor(Color.ORANGE);
        g.fillOval(w / 4, h / 4, w / 4, h / 2);
        g.setColor(Color.RED);
        g.fillRect(0, 0, Math.max(2, w / 10), Math.max(2, h / 10));
        g.dispose();
        return img;
    }

    public static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] jpeg(int w, int h) {
        return encode(scene(w, h, false), "jpg");
    }

    public static byte[] png(int w, int h, boolean alpha) {
        return encode(scene(w, h, alpha), "png");
    }

    public static byte[] resource(String name) {
        try (InputStream in = TestPictures.class.getResourceAsStream("/photos/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /photos/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JPEG as a phone writes it: an APP1 "Exif" segment right after SOI with IFD0 holding the
     * orientation and a GPS IFD (latitude 36° 42′ N, longitude 119° 7′ E).
     */
    public static byte[] jpegWithExif(int w, int h, int orientation) {
        byte[] plain = jpeg(w, h);
        ByteBuffer tiff = ByteBuffer.allocate(8 + 42 + 54 + 48).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        // IFD0 at 8: orientation, GPS IFD pointer
        int gpsIfd = 8 + 2 + 3 * 12 + 4;
        tiff.putShort((short) 3);
        entry(tiff, 0x0112, 3, 1, orientation);
        entry(tiff, 0x010F, 2, 4, 0x00_6F_72_50); // Make "Pro" inline
        entry(tiff, 0x8825, 4, 1, gpsIfd);
        tiff.putInt(0);
        // GPS IFD: LatitudeRef N, Latitude, LongitudeRef E, Longitude
        int rationals = gpsIfd + 2 + 4 * 12 + 4;
        tiff.putShort((short) 4);
        entry(tiff, 0x0001, 2, 2, 'N');
        entry(tiff, 0x0002, 5, 3, rationals);
        entry(tiff, 0x0003, 2, 2, 'E');
        entry(tiff, 0x0004, 5, 3, rationals + 24);
        tiff.putInt(0);
        for (int v : new int[] {36, 42, 0, 119, 7, 0}) {
            tiff.putInt(v).putInt(1);
        }
        byte[] tiffBytes = java.util.Arrays.copyOf(tiff.array(), tiff.position());
        byte[] exifHeader = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exifHeader.length + tiffBytes.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(exifHeader);
        out.writeBytes(tiffBytes);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    /** Whether the JPEG has an APP1 segment starting "Exif" (where EXIF, and GPS with it, lives). */
    public static boolean hasExifSegment(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xFF) {
            int marker = jpeg[i + 1] & 0xff;
            if (marker == 0xDA) {
                return false;
            }
            if (marker == 0xE1 && i + 8 <= jpeg.length && jpeg[i + 4] == 'E' && jpeg[i + 5] == 'x' && jpeg[i + 6] == 'i' && jpeg[i + 7] == 'f') {
                return true;
            }
            i += 2 + ((jpeg[i + 2] & 0xff) << 8 | (jpeg[i + 3] & 0xff));
        }
        return false;
    }

    /** A PNG whose header says {@code w} × {@code h} but whose data is a few bytes: a decompression bomb's shape. */
    public static byte[] pngClaiming(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}

package org.redwhistle.api.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.redwhistle.api.errors.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Turns an uploaded picture into what the platform keeps: checked by its bytes, decoded within a
 * pixel budget, turned upright (EXIF orientation), shrunk so its longest side fits, and written
 * again as a baseline JPEG with no metadata at all, so a phone's EXIF (GPS position, device,
 * time) never reaches storage or other users. Transparent pixels (PNG, WebP) are flattened on
 * white: a photo of the scene has no use for an alpha channel, and one output type keeps serving
 * simple. A refusal is a 422 naming {@code field}.
 */
public final class PhotoNormalizer {

    /** What is written: always a JPEG. */
    public static final String OUTPUT_TYPE = "image/jpeg";

    /**
     * @param maxSide     the longest side of the stored picture, in pixels
     * @param maxPixels   pictures with more pixels than this are refused before decoding
     * @param jpegQuality the JPEG quality of the stored picture, 0 to 1
     */
    public record Limits(int maxSide, long maxPixels, float jpegQuality) {
    }

    /** The stored picture: JPEG bytes and its size. */
    public record Normalized(byte[] data, String contentType, int width, int height) {
    }

    private PhotoNormalizer() {
    }

    /**
     * Fails unless ImageIO can read every accepted format and write JPEG. Looks for plugins on the
     * class path first (a packaged application's nested jars are not always scanned by default).
     */
    public static void requireCodecs() {
        ImageIO.scanForPlugins();
        for (ImageFormat f : ImageFormat.values()) {
            if (!ImageIO.getImageReadersByMIMEType(f.mediaType()).hasNext()) {
                throw new IllegalStateException("no ImageIO reader for " + f.mediaType() + " (is imageio-webp on the class path?)");
            }
        }
        if (!ImageIO.getImageWritersByMIMEType(OUTPUT_TYPE).hasNext()) {
            throw new IllegalStateException("no ImageIO writer for " + OUTPUT_TYPE);
        }
    }

    /** {@code declared}: the Content-Type the client sent, which the bytes must agree with. */
    public static Normalized normalize(String field, byte[] data, ImageFormat declared, Limits limits) {
        if (data.length == 0) {
            throw refused(field, "the body is empty: send the picture's bytes");
        }
        ImageFormat actual = ImageFormat.sniff(data)
                .orElseThrow(() -> refused(field, "the bytes are not a JPEG, PNG or WebP picture"));
        if (actual != declared) {
            throw refused(field, "the bytes are a " + actual.mediaType() + " picture, not the " + declared.mediaType() + " the Content-Type says");
        }
        BufferedImage decoded = decode(field, data, actual, limits);
        int orientation = actual == ImageFormat.JPEG ? ExifOrientation.of(data) : 1;
        BufferedImage upright = redraw(decoded, orientation, limits.maxSide());
        return new Normalized(jpeg(upright, limits.jpegQuality()), OUTPUT_TYPE, upright.getWidth(), upright.getHeight());
    }

    /** A 422 naming the field. */
    public static ApiException refused(String field, String why) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Photo refused", field + ": " + why, List.of(new ApiException.FieldError(field, why)));
    }

    /**
     * Reads the size from the header first and refuses a picture over the pixel budget without
     * decoding it; decodes the rest subsampled to at most about twice the stored size, so memory
     * stays bounded by {@code maxSide}, not by the picture. A reader's warning (a truncated or
     * damaged file it would patch with grey) is a refusal too.
     */
    private static BufferedImage decode(String field, byte[] data, ImageFormat format, Limits limits) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mediaType());
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format.mediaType());
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        int width;
        int height;
        // in memory: ImageIO's default stream would cache the upload (EXIF, GPS and all) in a temporary file
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw refused(field, "the " + format.mediaType() + " picture cannot be read (" + reason(e) + ")");
            }
            if (width <= 0 || height <= 0) {
                throw refused(field, "the picture has no pixels");
            }
            if ((long) width * height > limits.maxPixels()) {
                throw refused(field, "the picture is " + width + " × " + height + " pixels, more than the " + limits.maxPixels() / 1_000_000
                        + " megapixels accepted");
            }
            int step = Math.max(1, Math.max(width, height) / limits.maxSide());
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage image;
            try {
                image = reader.read(0, param);
            } catch (IOException | RuntimeException e) {
                throw refused(field, "the " + format.mediaType() + " picture is damaged (" + reason(e) + ")");
            }
            if (!warnings.isEmpty()) {
                throw refused(field, "the " + format.mediaType() + " picture is damaged (" + warnings.get(0) + ")");
            }
            return image;
        } catch (IOException e) {
            throw refused(field, "the picture cannot be read (" + reason(e) + ")");
        } finally {
            reader.dispose();
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Upright, at most {@code maxSide} on its longest side, opaque (transparency on white). */
    private static BufferedImage redraw(BufferedImage src, int orientation, int maxSide) {
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = ExifOrientation.swapsSides(orientation);
        int uprightW = swap ? h : w;
        int uprightH = swap ? w : h;
        double scale = Math.min(1.0, (double) maxSide / Math.max(uprightW, uprightH));
        int outW = Math.max(1, (int) Math.round(uprightW * scale));
        int outH = Math.max(1, (int) Math.round(uprightH * scale));
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, outW, outH);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            AffineTransform t = AffineTransform.getScaleInstance((double) outW / uprightW, (double) outH / uprightH);
            t.concatenate(ExifOrientation.transform(orientation, w, h));
            g.drawImage(src, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Written without metadata: the JFIF header only, no EXIF, XMP or comment. */
    private static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByMIMEType(OUTPUT_TYPE).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("writing a JPEG in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}

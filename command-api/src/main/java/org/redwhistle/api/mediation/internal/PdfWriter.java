package org.redwhistle.api.mediation.internal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A plain A4 document of headings and wrapped paragraphs in a CJK TrueType font (embedded as a subset),
 * for the agreements and files. One per document: write, then {@link #toBytes()}.
 */
final class PdfWriter implements Closeable {

    private static final float MARGIN = 60;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private final PDDocument doc = new PDDocument();
    private final TrueTypeCollection collection;
    private final TrueTypeFont ttf;
    private final PDType0Font font;
    private PDPageContentStream out;
    private float y;

    PdfWriter(File fontFile) {
        try {
            if (fontFile.getName().toLowerCase().endsWith(".ttc")) {
                collection = new TrueTypeCollection(fontFile);
                AtomicReference<TrueTypeFont> first = new AtomicReference<>();
                collection.processAllFonts(f -> first.compareAndSet(null, f));
                ttf = first.get();
            } else {
                collection = null;
                ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(fontFile));
            }
            font = PDType0Font.load(doc, ttf, true);
            newPage();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the font " + fontFile, e);
        }
    }

    void title(String text) {
        line(text, 18, true);
        y -= 8;
    }

    void heading(String text) {
        y -= 6;
        line(text, 13, false);
    }

    /** A paragraph, wrapped to the page's width; line breaks kept. */
    void paragraph(String text) {
        for (String part : (text == null || text.isBlank() ? "（无）" : text).split("\n", -1)) {
            StringBuilder lineText = new StringBuilder();
            for (int cp : part.codePoints().toArray()) {
                String next = lineText + new String(Character.toChars(cp));
                if (width(next, 11) > WIDTH && lineText.length() > 0) {
                    line(lineText.toString(), 11, false);
                    lineText.setLength(0);
                }
                lineText.appendCodePoint(cp);
            }
            line(lineText.toString(), 11, false);
        }
    }

    void gap() {
        y -= 10;
    }

    byte[] toBytes() {
        try {
            out.close();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            doc.close();
            if (collection != null) {
                collection.close();
            } else {
                ttf.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(String text, float size, boolean centered) {
        String safe = printable(text);
        float leading = size * 1.6f;
        if (y - leading < MARGIN) {
            newPage();
        }
        y -= leading;
        try {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(centered ? MARGIN + (WIDTH - width(safe, size)) / 2 : MARGIN, y);
            out.showText(safe);
            out.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with the characters the font lacks (and control characters) shown as a blank. */
    private String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(cp -> {
            String s = new String(Character.toChars(cp));
            try {
                if (Character.isISOControl(cp)) {
                    b.append(' ');
                } else {
                    font.encode(s);
                    b.append(s);
                }
            } catch (IOException | IllegalArgumentException e) {
                b.append('□');
            }
        });
        return b.toString();
    }

    private float width(String text, float size) {
        try {
            return font.getStringWidth(printable(text)) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void newPage() {
        try {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

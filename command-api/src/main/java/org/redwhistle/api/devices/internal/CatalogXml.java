package org.redwhistle.api.devices.internal;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Reads and writes the GB/T 28181 {@code Catalog} document (MANSCDP XML). Pure: bytes in, a
 * {@link Catalog} or an {@link Unreadable} with line, column and reason out; a catalog in, bytes out.
 *
 * <p>Reading: the charset is the one the prolog declares — GB2312, GBK and GB18030 are all decoded as
 * GB18030 (each is a subset of it, and files declared GB2312 often hold GBK characters), UTF-8 as
 * UTF-8, none as UTF-8; bytes that are not valid in it are refused. A DOCTYPE is refused, so no entity
 * is ever declared, expanded or fetched (XXE, "billion laughs"). Writing: the configured charset, declared
 * in the prolog; a character it cannot hold is written as a character reference, so nothing is lost.
 */
final class CatalogXml {

    /** A Catalog response (or notification): its header and its items. */
    record Catalog(String root, String sn, String deviceId, Integer sumNum, Integer listNum, List<CatalogItem> items) {
    }

    /** Not a readable Catalog document: where and why. Line and column are 1-based; 0 where unknown. */
    static final class Unreadable extends RuntimeException {
        final int line;
        final int column;

        Unreadable(int line, int column, String reason) {
            super(reason);
            this.line = line;
            this.column = column;
        }

        /** What users read: "line 3, column 7: reason" (or the reason alone when no place applies). */
        String where() {
            return line > 0 ? "line " + line + ", column " + column + ": " + getMessage() : getMessage();
        }
    }

    private static final Pattern DECLARED = Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final XMLInputFactory IN = XMLInputFactory.newFactory();
    private static final XMLOutputFactory OUT = XMLOutputFactory.newFactory();

    static {
        IN.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        IN.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        IN.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    private CatalogXml() {
    }

    // ---- reading ----

    static Catalog read(byte[] bytes) {
        String text = decode(bytes);
        XMLStreamReader r = null;
        try {
            r = IN.createXMLStreamReader(new StringReader(text));
            return readDocument(r);
        } catch (XMLStreamException e) {
            var at = e.getLocation();
            throw new Unreadable(at == null ? 0 : at.getLineNumber(), at == null ? 0 : at.getColumnNumber(), parserMessage(e));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing was held open: the source is a string
                }
            }
        }
    }

    /** The text of the file in the charset its prolog declares. */
    static String decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new Unreadable(0, 0, "the file is empty");
        }
        int skip = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        String head = new String(bytes, skip, Math.min(bytes.length - skip, 200), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED.matcher(head);
        boolean inProlog = m.find();
        String declared = inProlog ? m.group(1).toUpperCase(Locale.ROOT) : "UTF-8";
        Charset cs = switch (declared) {
            case "GB2312", "GBK", "GB18030", "CP936", "EUC-CN" -> GB18030;
            case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
            default -> throw new Unreadable(1, 1, "encoding \"" + m.group(1) + "\" is not supported: use GB2312, GBK, GB18030 or UTF-8");
        };
        if (skip == 3 && cs != StandardCharsets.UTF_8) {
            throw new Unreadable(1, 1, "the file starts with a UTF-8 byte order mark but declares " + m.group(1));
        }
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable(0, 0, "the bytes are not valid " + declared
                    + (inProlog ? ", the encoding its prolog declares" : " (no encoding declared, so UTF-8)") + ": " + e.getMessage());
        }
    }

    private static Catalog readDocument(XMLStreamReader r) throws XMLStreamException {
        String root = null;
        Map<String, String> header = new HashMap<>();
        Integer listNum = null;
        List<CatalogItem> items = new ArrayList<>();
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.DTD) {
                throw new Unreadable(r.getLocation().getLineNumber(), r.getLocation().getColumnNumber(),
                        "a DOCTYPE is not allowed (entities are refused)");
            }
            if (ev != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = r.getLocalName();
            if (root == null) {
                root = name;
                if (!"Response".equals(name) && !"Notify".equals(name)) {
                    throw at(r, "the root element is <" + name + ">, not <Response> (or <Notify>) of a Catalog");
                }
            } else if ("DeviceList".equals(name)) {
                listNum = integer(r, "DeviceList Num", r.getAttributeValue(null, "Num"));
            } else if ("Item".equals(name)) {
                items.add(readItem(r));
            } else {
                header.put(name, r.getElementText().strip());
            }
        }
        if (root == null) {
            throw new Unreadable(0, 0, "the file holds no XML element");
        }
        if (!"Catalog".equals(header.get("CmdType"))) {
            throw new Unreadable(0, 0, "CmdType is " + (header.get("CmdType") == null ? "missing" : "\"" + header.get("CmdType") + "\"")
                    + ", not Catalog");
        }
        return new Catalog(root, header.get("SN"), header.get("DeviceID"), integerOrNull(header.get("SumNum")), listNum, items);
    }

    /** An {@code <Item>}: its direct children's text (nested elements such as {@code <Info>} are skipped). */
    private static CatalogItem readItem(XMLStreamReader r) throws XMLStreamException {
        int line = r.getLocation().getLineNumber();
        Map<String, String> f = new HashMap<>();
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                String child = r.getLocalName();
                if ("Info".equals(child)) {
                    skip(r);
                } else {
                    f.put(child, r.getElementText().strip());
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return new CatalogItem(line, f.get("DeviceID"), f.get("Name"), f.get("Manufacturer"), f.get("Model"), f.get("Owner"), f.get("CivilCode"),
                f.get("Address"), f.get("Parental"), f.get("ParentID"), f.get("SafetyWay"), f.get("RegisterWay"), f.get("Secrecy"),
                f.get("Status"), f.get("Longitude"), f.get("Latitude"));
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static Integer integer(XMLStreamReader r, String what, String v) {
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw at(r, what + " \"" + v + "\" is not a whole number");
        }
    }

    private static Integer integerOrNull(String v) {
        try {
            return v == null ? null : Integer.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Unreadable at(XMLStreamReader r, String why) {
        return new Unreadable(r.getLocation().getLineNumber(), r.getLocation().getColumnNumber(), why);
    }

    /** The parser's own words without its "ParseError at [row,col]" preamble (the place is told apart). */
    private static String parserMessage(XMLStreamException e) {
        String m = e.getMessage() == null ? "unreadable XML" : e.getMessage();
        int i = m.indexOf("Message: ");
        return (i >= 0 ? m.substring(i + "Message: ".length()) : m).strip();
    }

    // ---- writing ----

    /** The Catalog response as bytes in {@code charset}, declared in its prolog; items in the given order. */
    static byte[] write(Catalog c, Charset charset) {
        StringWriter sw = new StringWriter();
        try {
            XMLStreamWriter w = OUT.createXMLStreamWriter(sw);
            sw.write("<?xml version=\"1.0\" encoding=\"" + charset.name() + "\"?>\n");
            w.writeStartElement(c.root());
            line(w, 1, "CmdType", "Catalog");
            line(w, 1, "SN", c.sn());
            line(w, 1, "DeviceID", c.deviceId());
            line(w, 1, "SumNum", String.valueOf(c.sumNum()));
            w.writeCharacters("\n  ");
            w.writeStartElement("DeviceList");
            w.writeAttribute("Num", String.valueOf(c.items().size()));
            for (CatalogItem i : c.items()) {
                w.writeCharacters("\n    ");
                w.writeStartElement("Item");
                line(w, 3, "DeviceID", i.deviceId());
                line(w, 3, "Name", i.name());
                line(w, 3, "Manufacturer", i.manufacturer());
                line(w, 3, "Model", i.model());
                line(w, 3, "Owner", i.owner());
                line(w, 3, "CivilCode", i.civilCode());
                line(w, 3, "Address", i.address());
                line(w, 3, "Parental", i.parental());
                line(w, 3, "ParentID", i.parentId());
                line(w, 3, "SafetyWay", i.safetyWay());
                line(w, 3, "RegisterWay", i.registerWay());
                line(w, 3, "Secrecy", i.secrecy());
                line(w, 3, "Status", i.status());
                line(w, 3, "Longitude", i.longitude());
                line(w, 3, "Latitude", i.latitude());
                w.writeCharacters("\n    ");
                w.writeEndElement();
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing a catalog to a string failed", e);
        }
        return encode(sw.toString(), charset);
    }

    private static void line(XMLStreamWriter w, int depth, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        w.writeCharacters("\n" + "  ".repeat(depth));
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    /**
     * The document in {@code charset}; a character it cannot hold becomes a character reference. Only
     * text and attribute values can hold such characters (the markup is ASCII), where a reference is valid.
     */
    static byte[] encode(String xml, Charset charset) {
        CharsetEncoder enc = charset.newEncoder();
        StringBuilder out = new StringBuilder(xml.length());
        xml.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (enc.canEncode(ch)) {
                out.append(ch);
            } else {
                out.append("&#x").append(Integer.toHexString(cp).toUpperCase(Locale.ROOT)).append(';');
            }
        });
        return out.toString().getBytes(charset);
    }
}

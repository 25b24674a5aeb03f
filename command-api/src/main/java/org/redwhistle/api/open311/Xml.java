package org.redwhistle.api.open311;

import java.util.List;
import java.util.Map;

/** The small XML Open311 needs: a root, repeated items of flat fields (lists nested by name), escaped. */
final class Xml {

    private Xml() {
    }

    static String document(String root, String item, Object value) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        sb.append('<').append(root).append('>');
        if (value instanceof List<?> list) {
            for (Object o : list) {
                element(sb, item, o);
            }
        } else if (value instanceof Map<?, ?> map) {
            fields(sb, map);
        }
        sb.append("</").append(root).append('>');
        return sb.toString();
    }

    private static void element(StringBuilder sb, String name, Object value) {
        if (value == null) {
            sb.append('<').append(name).append("/>");
            return;
        }
        sb.append('<').append(name).append('>');
        if (value instanceof Map<?, ?> map) {
            fields(sb, map);
        } else if (value instanceof List<?> list) {
            String child = name.endsWith("s") ? name.substring(0, name.length() - 1) : "item";
            for (Object o : list) {
                element(sb, child, o);
            }
        } else {
            escape(sb, String.valueOf(value));
        }
        sb.append("</").append(name).append('>');
    }

    private static void fields(StringBuilder sb, Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            element(sb, String.valueOf(e.getKey()), e.getValue());
        }
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
    }
}

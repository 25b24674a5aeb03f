package org.redwhistle.api.open311.internal;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The small XML Open311 needs, written from the same tree as the JSON form (so both carry the same
 * names): a root, repeated items of flat fields (lists nested by name), escaped.
 */
final class Xml {

    private Xml() {
    }

    static String document(String root, String item, JsonNode value) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        sb.append('<').append(root).append('>');
        if (value.isArray()) {
            for (JsonNode o : value) {
                element(sb, item, o);
            }
        } else if (value.isObject()) {
            fields(sb, value);
        }
        sb.append("</").append(root).append('>');
        return sb.toString();
    }

    private static void element(StringBuilder sb, String name, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            sb.append('<').append(name).append("/>");
            return;
        }
        sb.append('<').append(name).append('>');
        if (value.isObject()) {
            fields(sb, value);
        } else if (value.isArray()) {
            String child = name.endsWith("s") ? name.substring(0, name.length() - 1) : "item";
            for (JsonNode o : value) {
                element(sb, child, o);
            }
        } else {
            escape(sb, value.asString());
        }
        sb.append("</").append(name).append('>');
    }

    private static void fields(StringBuilder sb, JsonNode object) {
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            element(sb, e.getKey(), e.getValue());
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

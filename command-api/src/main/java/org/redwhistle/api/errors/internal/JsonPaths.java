package org.redwhistle.api.errors.internal;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Jackson's reading errors in the API's words: the field as a path ({@code photos[2]}) and what it should be. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(List<JacksonException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference r : path) {
            if (r.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    static String why(DatabindException e) {
        if (e instanceof InvalidFormatException f && f.getTargetType() == String.class) {
            return firstLine(f.getOriginalMessage()); // ours (InputHardening): the text of the refusal itself
        }
        if (e instanceof MismatchedInputException m) {
            return "has the wrong type" + expected(m.getTargetType());
        }
        return "is malformed";
    }

    /** What a value of the type looks like, in words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return ": must be a number";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class) {
            return ": must be a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return ": must be true or false";
        }
        if (type == String.class) {
            return ": must be text";
        }
        if (type.isEnum()) {
            return ": must be one of " + List.of(type.getEnumConstants()).toString().toLowerCase(java.util.Locale.ROOT);
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return ": must be a list";
        }
        return ": must be an object";
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        // Jackson appends where in the input it was ("[Source: …; line: 1, column: 9]"): the client knows its input
        String line = message.lines().findFirst().orElse(message).replaceAll("\\s*\\(?(start marker at )?\\[Source:.*$", "");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}

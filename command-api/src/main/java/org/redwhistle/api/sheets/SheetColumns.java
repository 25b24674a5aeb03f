package org.redwhistle.api.sheets;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.redwhistle.api.errors.ApiException;

/** Finding an import's columns in its header row, by name or alias, the same way for every import (registry, alliance). */
public final class SheetColumns {

    private SheetColumns() {
    }

    /** Where each column is in the header row; refuses a header that lacks a required column (400 on field {@code file}). */
    public static <C extends Enum<C>> Map<C, Integer> locate(List<String> header, Class<C> type, Function<C, String> name, Predicate<C> required,
            Map<String, C> aliases) {
        Map<C, Integer> at = new EnumMap<>(type);
        for (int i = 0; i < header.size(); i++) {
            String cell = normalize(header.get(i));
            for (C c : EnumSet.allOf(type)) {
                if (name.apply(c).equals(cell) && !at.containsKey(c)) {
                    at.put(c, i);
                }
            }
            C alias = aliases.get(cell);
            if (alias != null && !at.containsKey(alias)) {
                at.put(alias, i);
            }
        }
        List<String> missing = new ArrayList<>();
        for (C c : EnumSet.allOf(type)) {
            if (required.test(c) && !at.containsKey(c)) {
                missing.add(name.apply(c));
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.badField("file", "第一行应为表头，缺少列：" + String.join("、", missing) + "（请下载模板，按模板的列填写）");
        }
        return at;
    }

    /** A header cell without marks: 姓名* → 姓名, 出生日期（yyyy-mm-dd） → 出生日期. */
    public static String normalize(String cell) {
        String s = cell == null ? "" : cell.replace("\uFEFF", "").replace('\u3000', ' ').strip();
        int paren = indexOfAny(s, '（', '(');
        if (paren > 0) {
            s = s.substring(0, paren);
        }
        return s.replace("*", "").replace("＊", "").strip();
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}

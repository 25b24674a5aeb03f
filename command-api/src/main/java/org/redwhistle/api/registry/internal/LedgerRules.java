package org.redwhistle.api.registry.internal;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.redwhistle.api.registry.CivicRole;
import org.redwhistle.api.registry.IdNumbers;

/** The checks a household's or person's values pass, in the words the committees read (shared by the forms and the import). */
final class LedgerRules {

    static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-?\\d{7,8}");
    static final int MAX_CODE = 20;
    static final int MAX_ADDRESS = 100;
    static final int MAX_NAME = 30;

    /** The words for each role a ledger may use (身份 column, separated by ; ； 、 , ， / or spaces). */
    static final Map<String, CivicRole> ROLE_WORDS = new LinkedHashMap<>();

    static {
        for (CivicRole r : CivicRole.values()) {
            ROLE_WORDS.put(r.label(), r);
            ROLE_WORDS.put(r.name(), r);
        }
        ROLE_WORDS.put("中共党员", CivicRole.PARTY_MEMBER);
        ROLE_WORDS.put("预备党员", CivicRole.PARTY_MEMBER);
        ROLE_WORDS.put("村民代表", CivicRole.REPRESENTATIVE);
        ROLE_WORDS.put("居民代表", CivicRole.REPRESENTATIVE);
        ROLE_WORDS.put("村(居)民代表", CivicRole.REPRESENTATIVE);
        ROLE_WORDS.put("两委成员", CivicRole.COMMITTEE_MEMBER);
        ROLE_WORDS.put("村两委委员", CivicRole.COMMITTEE_MEMBER);
        ROLE_WORDS.put("社区两委委员", CivicRole.COMMITTEE_MEMBER);
        ROLE_WORDS.put("人民调解员", CivicRole.MEDIATOR);
    }

    private LedgerRules() {
    }

    static Optional<String> mobileProblem(String phone) {
        return phone == null || MOBILE.matcher(phone).matches() ? Optional.empty() : Optional.of("手机号应为 11 位数字、以 1 开头（如 13812345678）");
    }

    static Optional<String> phoneProblem(String phone) {
        return phone == null || MOBILE.matcher(phone).matches() || LANDLINE.matcher(phone).matches() ? Optional.empty()
                : Optional.of("联系电话应为 11 位手机号或带区号的固定电话（如 0533-4181234）");
    }

    /** Why the ID number is not a valid GB 11643 number; empty when it is. */
    static Optional<String> idProblem(String id) {
        if (id == null) {
            return Optional.empty();
        }
        if (!id.matches("\\d{17}[\\dXx]")) {
            return Optional.of("身份证号应为 18 位：前 17 位为数字，最后一位为数字或 X");
        }
        if (IdNumbers.birthDate(id).isEmpty()) {
            return Optional.of("身份证号中的出生日期（第 7–14 位）不是有效日期");
        }
        char check = IdNumbers.check(id.substring(0, 17));
        if (Character.toUpperCase(id.charAt(17)) != check) {
            return Optional.of("身份证号校验位不符（按 GB 11643 最后一位应为 " + check + "），请核对号码");
        }
        return Optional.empty();
    }

    /** MALE or FEMALE for 男/女 (or the codes); null when the word is neither. */
    static String gender(String word) {
        if (word == null) {
            return null;
        }
        return switch (word.strip().toUpperCase(Locale.ROOT)) {
            case "男", "MALE", "M" -> "MALE";
            case "女", "FEMALE", "F" -> "FEMALE";
            default -> null;
        };
    }

    /** The roles a 身份 cell names; the first unknown word in {@code unknown} (and no roles) when a word is not a role. */
    static Set<CivicRole> roles(String cell, StringBuilder unknown) {
        Set<CivicRole> out = EnumSet.noneOf(CivicRole.class);
        if (cell == null) {
            return out;
        }
        for (String word : cell.replace('（', '(').replace('）', ')').split("[;；、,，/\\s]+")) {
            if (word.isBlank()) {
                continue;
            }
            CivicRole r = ROLE_WORDS.get(word.strip());
            if (r == null) {
                unknown.append(word.strip());
                return EnumSet.noneOf(CivicRole.class);
            }
            out.add(r);
        }
        return out;
    }

    /** The role words a ledger may use, for the reasons. */
    static String knownRoles() {
        return String.join("、", java.util.Arrays.stream(CivicRole.values()).map(CivicRole::label).toList());
    }
}

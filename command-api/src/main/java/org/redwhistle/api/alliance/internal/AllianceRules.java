package org.redwhistle.api.alliance.internal;

import java.util.Optional;
import java.util.regex.Pattern;

import org.redwhistle.api.alliance.Trade;
import org.redwhistle.api.registry.IdNumbers;

/**
 * What a member's fields must be, one rule per field, each answering why not in Chinese (empty when fine): the
 * form, the police's entry and the import check the same way.
 */
final class AllianceRules {

    static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    static final int MAX_NAME = 30;
    static final int MAX_EMPLOYER = 60;

    private AllianceRules() {
    }

    static Optional<String> name(String v) {
        if (v == null || v.isBlank()) {
            return Optional.of("请填写姓名");
        }
        return v.strip().length() > MAX_NAME ? Optional.of("姓名不能超过 " + MAX_NAME + " 个字") : Optional.empty();
    }

    static Optional<String> phone(String v) {
        if (v == null || v.isBlank()) {
            return Optional.of("请填写手机号");
        }
        return MOBILE.matcher(v.strip()).matches() ? Optional.empty() : Optional.of("应为 11 位手机号，如 13812345678");
    }

    static Optional<String> idNumber(String v) {
        if (v == null || v.isBlank()) {
            return Optional.of("请填写身份证号");
        }
        String s = v.strip().toUpperCase();
        if (s.length() != 18) {
            return Optional.of("应为 18 位公民身份号码（现为 " + s.length() + " 位）");
        }
        return IdNumbers.valid(s) ? Optional.empty() : Optional.of("不是有效的公民身份号码（出生日期或校验位不对）");
    }

    static Optional<String> trade(String v) {
        if (v == null || v.isBlank()) {
            return Optional.of("请选择行业");
        }
        return Trade.parse(v).isPresent() ? Optional.empty()
                : Optional.of("应为以下之一：" + String.join("、", java.util.Arrays.stream(Trade.values()).map(Trade::label).toList()));
    }

    static Optional<String> employer(String v) {
        return v != null && v.strip().length() > MAX_EMPLOYER ? Optional.of("工作单位不能超过 " + MAX_EMPLOYER + " 个字") : Optional.empty();
    }

    /** A text as stored: trimmed, null when blank. */
    static String clean(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}

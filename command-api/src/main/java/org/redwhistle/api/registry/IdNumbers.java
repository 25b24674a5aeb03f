package org.redwhistle.api.registry;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * The citizen identity number (公民身份号码) of GB 11643-1999: 6 digits of the area of registration,
 * the birth date as yyyyMMdd, a 3-digit sequence (odd for men, even for women) and a check character
 * (ISO 7064 MOD 11-2, 0–9 or X).
 */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private IdNumbers() {
    }

    /** True for 18 characters, the first 17 digits, a real birth date and the right check character (x accepted as X). */
    public static boolean valid(String id) {
        return id != null && id.length() == 18 && id.substring(0, 17).chars().allMatch(Character::isDigit)
                && birthDate(id).isPresent() && Character.toUpperCase(id.charAt(17)) == check(id.substring(0, 17));
    }

    /** The check character for the first 17 digits. */
    public static char check(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** The birth date the number states (characters 7–14), if it is a real date. */
    public static Optional<LocalDate> birthDate(String id) {
        if (id == null || id.length() < 14) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(id.substring(6, 14), BIRTH));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** MALE or FEMALE as the sequence's last digit (character 17) states. */
    public static String gender(String id) {
        return (id.charAt(16) - '0') % 2 == 1 ? "MALE" : "FEMALE";
    }

    /** A number for an area prefix, birth date and sequence (0–999; its parity decides the gender). */
    public static String of(String area, LocalDate birth, int sequence) {
        String first17 = area + BIRTH.format(birth) + String.format("%03d", sequence);
        return first17 + check(first17);
    }

    /**
     * The number as answers, lists and the audit show it: only the last four, its length kept, e.g.
     * **************1234. Nothing else is shown, as the birth date (characters 7–14) is on the person's card and
     * the area prefix is the village's: together they would give the whole number without the audited reveal.
     */
    public static String masked(String id) {
        if (id == null) {
            return null;
        }
        if (id.length() <= 4) {
            return "*".repeat(id.length());
        }
        return "*".repeat(id.length() - 4) + id.substring(id.length() - 4);
    }
}

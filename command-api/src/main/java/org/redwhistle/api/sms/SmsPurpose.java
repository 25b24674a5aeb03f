package org.redwhistle.api.sms;

import java.util.Arrays;
import java.util.Optional;

/** What a one-time code is for; a code confirms its own purpose only. */
public enum SmsPurpose {
    /** Confirms a new resident's number. */
    SIGNUP("注册"),
    /** Confirms the number of a resident who forgot the password. */
    RESET("找回密码");

    private final String label;

    SmsPurpose(String label) {
        this.label = label;
    }

    /** As residents read it. */
    public String label() {
        return label;
    }

    public static Optional<SmsPurpose> of(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }
}

package org.redwhistle.api.sms;

import java.time.Duration;

/**
 * Sends a text message to a phone. The default sender ({@code redwhistle.sms.provider=log}) writes
 * it to the application log (logger {@code org.redwhistle.sms}); an installation with an SMS
 * provider (Aliyun SMS, Tencent Cloud SMS…) registers its own bean of this interface and sets
 * {@code redwhistle.sms.provider} to another value (docs/sms.md). A sender that cannot deliver
 * throws; the request that asked for the message is then answered 503.
 */
public interface SmsSender {

    void send(Sms sms);

    /** What a message says; providers that send by template map {@link #kind()} and {@link #purpose()} to their templates. */
    enum Kind {
        /** A one-time code ({@link Sms#code()}). */
        CODE,
        /** Sign-up was asked for a number that already has an account: no code, a hint to log in or reset instead. */
        ALREADY_REGISTERED,
        /** A password reset was asked for a number without an account: no code, a hint to sign up. */
        NOT_REGISTERED
    }

    /**
     * One message.
     *
     * @param phone    the mainland mobile number, 11 digits
     * @param kind     what it says
     * @param purpose  what the code (or the notice) is about
     * @param code     the six-digit code; null unless {@code kind} is CODE
     * @param validFor how long the code is good
     * @param signName the signature providers put in 【】 (redwhistle.sms.sign-name)
     */
    record Sms(String phone, Kind kind, SmsPurpose purpose, String code, Duration validFor, String signName) {

        /** The text as a free-text sender would send it (template providers send their own template with {@code code}). */
        public String text() {
            String sign = "【" + signName + "】";
            return switch (kind) {
                case CODE -> sign + "验证码 " + code + "，" + validFor.toMinutes() + "分钟内有效，用于" + purpose.label() + "。请勿告诉他人。";
                case ALREADY_REGISTERED -> sign + "该号码已注册，请直接登录；忘记密码可在登录页选择“忘记密码”。";
                case NOT_REGISTERED -> sign + "该号码尚未注册，请先在小红哨页面注册。";
            };
        }

        /** The number as logs and answers show it: 138****0000. */
        public String maskedPhone() {
            return mask(phone);
        }
    }

    /** 138****0000. */
    static String mask(String phone) {
        return phone == null || phone.length() < 7 ? "****" : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}

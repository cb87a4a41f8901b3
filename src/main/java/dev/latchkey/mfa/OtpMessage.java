package dev.latchkey.mfa;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One one-time-password message, rendered from an MFA method's settings (or the defaults): who gets it,
 * from whom, the subject (email) and the text with the code in it. Templates name the code
 * {@code {{code}}} (Go-template style {@code {{ .Code }}} and {@code {{ .OTP }}} work too) and its lifetime
 * {@code {{expiration}}}. {@link #toString()} leaves the code and the text out, so that a message logged
 * by mistake does not leak the code. Immutable.
 */
public record OtpMessage(String to, String from, String subject, String text, String code) {

    public static final String DEFAULT_FROM = "noreply@latchkey.local";
    public static final String DEFAULT_SUBJECT = "Your verification code";
    public static final String DEFAULT_EMAIL_TEMPLATE =
            "Your verification code is {{code}}. It expires in {{expiration}}.";
    public static final String DEFAULT_SMS_TEMPLATE = "Your verification code is {{code}}";
    public static final String DEFAULT_SMS_SOURCE = "Latchkey";

    private static final Pattern CODE = Pattern.compile("\\{\\{\\s*\\.?(?i:code|otp)\\s*}}");
    private static final Pattern EXPIRATION = Pattern.compile("\\{\\{\\s*\\.?(?i:expiration)\\s*}}");
    private static final Pattern HTML = Pattern.compile("(?is).*<\\s*(html|body|p|div|br|table|span|a)\\b.*");

    /** True when {@code template} has a place for the code. */
    public static boolean hasCodePlaceholder(String template) {
        return CODE.matcher(template).find();
    }

    /** The message of {@code method} to {@code to} carrying {@code code}. */
    public static OtpMessage render(MfaMethod method, String to, String code) {
        Duration expiration = method.otp().expiration();
        if (MfaMethod.EMAIL.equals(method.mechanism())) {
            MfaSettings.Email s = method.settings().email();
            String from = s == null || blank(s.customFrom()) ? DEFAULT_FROM : s.customFrom();
            String subject = s == null || blank(s.customMessageSubject()) ? DEFAULT_SUBJECT : s.customMessageSubject();
            String template = s == null || blank(s.customMessageTemplate()) ? DEFAULT_EMAIL_TEMPLATE
                    : s.customMessageTemplate();
            return new OtpMessage(to, from, subject, fill(template, code, expiration), code);
        }
        MfaSettings.Sms s = method.settings().sms();
        String from = s == null || blank(s.customSource()) ? DEFAULT_SMS_SOURCE : s.customSource();
        String template = s == null || blank(s.customMessageTemplate()) ? DEFAULT_SMS_TEMPLATE
                : s.customMessageTemplate();
        return new OtpMessage(to, from, null, fill(template, code, expiration), code);
    }

    /** True when the text looks like HTML (sent as {@code text/html}, else {@code text/plain}). */
    public boolean html() {
        return HTML.matcher(text).matches();
    }

    @Override
    public String toString() {
        return "OtpMessage[to=" + to + ", from=" + from + ", code and text hidden]";
    }

    private static String fill(String template, String code, Duration expiration) {
        String withCode = CODE.matcher(template).replaceAll(Matcher.quoteReplacement(code));
        return EXPIRATION.matcher(withCode).replaceAll(Matcher.quoteReplacement(human(expiration)));
    }

    /** "5 minutes", "1 hour", "90 seconds". */
    static String human(Duration d) {
        long seconds = d.toSeconds();
        if (seconds % 3600 == 0 && seconds > 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds % 60 == 0 && seconds > 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

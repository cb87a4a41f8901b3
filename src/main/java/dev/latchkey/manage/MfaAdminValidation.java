package dev.latchkey.manage;

import dev.latchkey.mfa.MfaAuth;
import dev.latchkey.mfa.MfaMethod;
import dev.latchkey.mfa.MfaSettings;
import dev.latchkey.mfa.OtpAddress;
import dev.latchkey.mfa.OtpMessage;
import dev.latchkey.mfa.SmsGatewayOtpSender;
import dev.latchkey.support.ApiException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an MFA method before it is stored: Cloudentity's enums and ranges (mechanism, providers, OTP
 * length 4-10), what each provider needs (an SMTP host for {@code smtp}, a gateway URL for
 * {@code gateway}), and that nothing in it could break a message or a request later (line breaks in
 * headers, a template without the code, a body template that is not JSON). Every failure is a 400 naming
 * the field.
 */
final class MfaAdminValidation {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]_-]{1,253}");
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "content-type",
            "expect", "host", "upgrade", "transfer-encoding");
    private static final Duration MAX_EXPIRATION = Duration.ofHours(24);

    private MfaAdminValidation() {
    }

    static void id(String id) {
        if (!ID.matcher(id).matches()) {
            throw bad("id must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    static void method(MfaMethod m) {
        if (!MfaMethod.EMAIL.equals(m.mechanism()) && !MfaMethod.SMS.equals(m.mechanism())) {
            throw bad("mechanism must be email or sms");
        }
        if (m.settings().email() != null) {
            email(m.settings().email());
        }
        if (m.settings().sms() != null) {
            sms(m.settings().sms());
        }
        MfaAuth auth = m.auth();
        if (auth.email() != null) {
            smtp(auth.email());
        }
        if (auth.sms() != null && blank(auth.sms().sid())) {
            throw bad("auth.sms.sid is required");
        }
        if (auth.smsGateway() != null) {
            gateway(auth.smsGateway());
        }
        String provider = m.provider();
        if (MfaMethod.SMTP.equals(provider) && auth.email() == null) {
            throw bad("auth.email (the SMTP server) is required for provider smtp");
        }
        if (MfaMethod.GATEWAY.equals(provider) && auth.smsGateway() == null) {
            throw bad("auth.sms_gateway is required for provider gateway");
        }
        if (MfaMethod.TWILIO.equals(provider) && auth.sms() == null) {
            throw bad("auth.sms (the Twilio account) is required for provider twilio");
        }
    }

    private static void email(MfaSettings.Email s) {
        oneOf("settings.email.provider", s.provider(), MfaMethod.SMTP, MfaMethod.EMBEDDED);
        if (!blank(s.customFrom())) {
            try {
                OtpAddress.email(s.customFrom());
            } catch (IllegalArgumentException e) {
                throw bad("settings.email.custom_from must be a valid email address");
            }
        }
        if (s.customMessageSubject() != null && (s.customMessageSubject().length() > 200
                || s.customMessageSubject().chars().anyMatch(Character::isISOControl))) {
            throw bad("settings.email.custom_message_subject must be one line of at most 200 characters");
        }
        template("settings.email.custom_message_template", s.customMessageTemplate(), 20_000);
        otp("settings.email.otp", s.otp());
    }

    private static void sms(MfaSettings.Sms s) {
        oneOf("settings.sms.provider", s.provider(), MfaMethod.TWILIO, MfaMethod.EMBEDDED, MfaMethod.GATEWAY);
        if (s.customSource() != null && (s.customSource().length() > 64
                || s.customSource().chars().anyMatch(Character::isISOControl))) {
            throw bad("settings.sms.custom_source must be at most 64 characters");
        }
        template("settings.sms.custom_message_template", s.customMessageTemplate(), 1_600);
        otp("settings.sms.otp", s.otp());
    }

    private static void template(String field, String template, int max) {
        if (blank(template)) {
            return;
        }
        if (template.length() > max) {
            throw bad(field + " must be at most " + max + " characters");
        }
        if (!OtpMessage.hasCodePlaceholder(template)) {
            throw bad(field + " must contain {{code}}, where the one-time password goes");
        }
    }

    private static void otp(String field, MfaSettings.Otp otp) {
        if (otp == null) {
            return;
        }
        if (otp.length() != null && (otp.length() < 4 || otp.length() > 10)) {
            throw bad(field + ".length must be between 4 and 10");
        }
        if (otp.expiration() != null && (otp.expiration().compareTo(Duration.ofSeconds(1)) < 0
                || otp.expiration().compareTo(MAX_EXPIRATION) > 0)) {
            throw bad(field + ".expiration must be between 1s and 24h");
        }
    }

    private static void smtp(MfaAuth.Email e) {
        if (blank(e.host()) || !HOST.matcher(e.host()).matches()) {
            throw bad("auth.email.host must be a host name or address");
        }
        if (e.port() != null && (e.port() < 1 || e.port() > 65535)) {
            throw bad("auth.email.port must be between 1 and 65535");
        }
        if ("crammd5".equals(e.auth())) {
            throw bad("auth.email.auth crammd5 is not supported by Latchkey: use plain or login");
        }
        if (!blank(e.auth())) {
            oneOf("auth.email.auth", e.auth(), "plain", "login");
        }
        oneOf("auth.email.tls", e.tls(), "starttls", "starttls_required", "ssl", "none");
        if (e.username() != null && (e.username().length() > 256
                || e.username().chars().anyMatch(Character::isISOControl))) {
            throw bad("auth.email.username must be at most 256 characters");
        }
        if (e.password() != null && e.password().length() > 1024) {
            throw bad("auth.email.password must be at most 1024 characters");
        }
    }

    private static void gateway(MfaAuth.SmsGateway g) {
        try {
            URI uri = blank(g.url()) ? null : new URI(g.url());
            String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw bad("auth.sms_gateway.url must be an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            throw bad("auth.sms_gateway.url must be an absolute http or https URL");
        }
        if (!blank(g.authHeaderName()) && (!HEADER_NAME.matcher(g.authHeaderName()).matches()
                || RESTRICTED_HEADERS.contains(g.authHeaderName().toLowerCase(Locale.ROOT)))) {
            throw bad("auth.sms_gateway.auth_header_name must be a header name other than " + RESTRICTED_HEADERS);
        }
        if (g.authHeaderValue() != null && (g.authHeaderValue().length() > 4096
                || g.authHeaderValue().chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw bad("auth.sms_gateway.auth_header_value must be one line of at most 4096 characters");
        }
        if (g.bodyTemplate() != null && g.bodyTemplate().length() > 8192) {
            throw bad("auth.sms_gateway.body_template must be at most 8192 characters");
        }
        SmsGatewayOtpSender.problemWith(g.bodyTemplateOrDefault()).ifPresent(problem -> {
            throw bad("auth.sms_gateway.body_template " + problem);
        });
    }

    private static void oneOf(String field, String value, String... allowed) {
        if (value == null) {
            return;
        }
        for (String a : allowed) {
            if (a.equals(value)) {
                return;
            }
        }
        throw bad(field + " must be one of " + String.join(", ", allowed));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static ApiException bad(String message) {
        return ApiException.badRequest(message);
    }
}

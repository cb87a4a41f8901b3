package dev.latchkey.mfa;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An MFA method of a tenant (Cloudentity's {@code MFAMethod}): how one-time passwords are delivered by
 * {@code email} or {@code sms}. {@code settings} say what is sent (sender, subject, template, OTP length),
 * {@code auth} how to reach the provider (SMTP server, Twilio account, or Latchkey's SMS gateway). Secrets
 * inside {@code auth} are held in clear here and encrypted at rest by the repository; they never go out
 * in a response ({@link MfaAuth#withoutSecrets()}). Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MfaMethod(String id, String tenantId, String mechanism, boolean enabled, MfaSettings settings,
                        MfaAuth auth) {

    public static final String EMAIL = "email";
    public static final String SMS = "sms";

    /** Email providers of Cloudentity's {@code EmailSettings.provider}. */
    public static final String SMTP = "smtp";
    /** SMS providers: Cloudentity's {@code twilio}, and Latchkey's HTTP {@code gateway}. */
    public static final String TWILIO = "twilio";
    public static final String GATEWAY = "gateway";
    /** Cloudentity's own delivery service; Latchkey has none. */
    public static final String EMBEDDED = "embedded";

    public MfaMethod {
        settings = settings == null ? new MfaSettings(null, null) : settings;
        auth = auth == null ? new MfaAuth(null, null, null, null) : auth;
    }

    /**
     * The provider that delivers this method's messages: the one set in {@code settings}, else the one whose
     * {@code auth} is configured, else {@code embedded}.
     */
    public String provider() {
        if (EMAIL.equals(mechanism)) {
            String set = settings.email() == null ? null : settings.email().provider();
            return set != null ? set : auth.email() != null ? SMTP : EMBEDDED;
        }
        String set = settings.sms() == null ? null : settings.sms().provider();
        return set != null ? set : auth.smsGateway() != null ? GATEWAY : auth.sms() != null ? TWILIO : EMBEDDED;
    }

    /** The OTP settings of this method's mechanism, with Cloudentity's defaults (6 digits, 5 minutes). */
    public MfaSettings.Otp otp() {
        MfaSettings.Otp otp = EMAIL.equals(mechanism)
                ? (settings.email() == null ? null : settings.email().otp())
                : (settings.sms() == null ? null : settings.sms().otp());
        return MfaSettings.Otp.orDefault(otp);
    }

    public MfaMethod withoutSecrets() {
        return new MfaMethod(id, tenantId, mechanism, enabled, settings, auth.withoutSecrets());
    }

    public MfaMethod withAuth(MfaAuth newAuth) {
        return new MfaMethod(id, tenantId, mechanism, enabled, settings, newAuth);
    }
}

package dev.latchkey.mfa;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;

/**
 * What an MFA method sends (Cloudentity's {@code MFASettings}): per mechanism the provider, the sender,
 * the message subject and template, and the one-time password's length and lifetime. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MfaSettings(Email email, Sms sms) {

    /** {@code EmailSettings}: {@code provider} is {@code smtp} or {@code embedded}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Email(String customFrom, String customMessageSubject, String customMessageTemplate, Otp otp,
                        String provider) {
    }

    /** {@code SMSSettings}: {@code provider} is {@code twilio}, {@code embedded} or (Latchkey) {@code gateway}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sms(String customMessageTemplate, String customSource, Otp otp, String provider) {
    }

    /** {@code OTPConfiguration}: {@code length} 4-10 characters (default 6), {@code expiration} (default 5m). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Otp(Long length, Duration expiration) {

        public static final int DEFAULT_LENGTH = 6;
        public static final Duration DEFAULT_EXPIRATION = Duration.ofMinutes(5);

        static Otp orDefault(Otp otp) {
            long length = otp == null || otp.length() == null ? DEFAULT_LENGTH : otp.length();
            Duration expiration = otp == null || otp.expiration() == null ? DEFAULT_EXPIRATION : otp.expiration();
            return new Otp(length, expiration);
        }
    }
}

package dev.latchkey.mfa;

/**
 * Delivers one-time-password messages for the MFA methods of one provider. One implementation per
 * provider ({@link EmailOtpSender} for SMTP, {@link SmsGatewayOtpSender} for the HTTP SMS gateway);
 * implementations never log the code or the text. Thread-safe.
 */
public interface OtpSender {

    /** True when this sender delivers for {@code method} (its mechanism and provider). */
    boolean delivers(MfaMethod method);

    /** Sends {@code message} now; a failure of the provider throws {@link DeliveryException}. */
    void send(MfaMethod method, OtpMessage message);

    /** The provider did not take the message. The message is public: it names no secret. */
    final class DeliveryException extends RuntimeException {

        public DeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

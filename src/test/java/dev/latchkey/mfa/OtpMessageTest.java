package dev.latchkey.mfa;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Rendering one-time-password messages from an MFA method's settings and the defaults. */
class OtpMessageTest {

    static MfaMethod email(MfaSettings.Email settings) {
        return new MfaMethod("m1", "default", "email", true, new MfaSettings(settings, null), null);
    }

    @Test
    void defaultsFillWhatTheSettingsLeaveOut() {
        OtpMessage message = OtpMessage.render(email(null), "alice@example.com", "123456");

        assertThat(message.from()).isEqualTo("noreply@latchkey.local");
        assertThat(message.subject()).isEqualTo("Your verification code");
        assertThat(message.text()).isEqualTo("Your verification code is 123456. It expires in 5 minutes.");
        assertThat(message.html()).isFalse();
    }

    @Test
    void customTemplatesTakeTheCodeInEitherStyle() {
        for (String template : new String[] {"Code {{code}} ({{expiration}})", "Code {{ .Code }} ({{ .Expiration }})",
                "Code {{.OTP}} ({{expiration}})"}) {
            var settings = new MfaSettings.Email("sec@example.com", "Hi", template,
                    new MfaSettings.Otp(8L, Duration.ofHours(1)), "smtp");
            OtpMessage message = OtpMessage.render(email(settings), "a@example.com", "12345678");
            assertThat(message.text()).as(template).isEqualTo("Code 12345678 (1 hour)");
            assertThat(message.from()).isEqualTo("sec@example.com");
            assertThat(OtpMessage.hasCodePlaceholder(template)).isTrue();
        }
        assertThat(OtpMessage.hasCodePlaceholder("Hello {{name}}")).isFalse();
    }

    @Test
    void replacementTextIsTakenLiterally() {
        var settings = new MfaSettings.Email(null, null, "$1 \\ {{code}}", null, null);
        assertThat(OtpMessage.render(email(settings), "a@example.com", "000111").text()).isEqualTo("$1 \\ 000111");
    }

    @Test
    void htmlTemplatesAreSentAsHtml() {
        var settings = new MfaSettings.Email(null, null, "<p>Your code: <b>{{code}}</b></p>", null, null);
        assertThat(OtpMessage.render(email(settings), "a@example.com", "123456").html()).isTrue();
    }

    @Test
    void smsMessagesUseTheSmsSettings() {
        MfaMethod sms = new MfaMethod("m2", "default", "sms", true,
                new MfaSettings(null, new MfaSettings.Sms("Acme: {{code}}", "ACME", null, "gateway")), null);
        OtpMessage message = OtpMessage.render(sms, "+14155550100", "654321");
        assertThat(message.text()).isEqualTo("Acme: 654321");
        assertThat(message.from()).isEqualTo("ACME");
        assertThat(message.subject()).isNull();
    }

    @Test
    void toStringNeverShowsTheCodeOrTheText() {
        OtpMessage message = OtpMessage.render(email(null), "alice@example.com", "987654");
        assertThat(message.toString()).doesNotContain("987654").doesNotContain("verification");
    }

    @Test
    void durationsReadLikeEnglish() {
        assertThat(OtpMessage.human(Duration.ofMinutes(1))).isEqualTo("1 minute");
        assertThat(OtpMessage.human(Duration.ofSeconds(90))).isEqualTo("90 seconds");
        assertThat(OtpMessage.human(Duration.ofHours(2))).isEqualTo("2 hours");
        assertThat(OtpMessage.human(Duration.ofSeconds(1))).isEqualTo("1 second");
    }
}

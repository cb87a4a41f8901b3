package dev.latchkey.mfa;

import dev.latchkey.support.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SMS gateway's body template: JSON-escaped values, and the checks made before a method is stored. */
class SmsGatewayOtpSenderTest {

    @Test
    void valuesAreJsonEscapedInsideTheTemplate() {
        OtpMessage message = new OtpMessage("+14155550100", "Acme \"Bank\"", null, "Line 1\nLine 2 \\ </script>",
                "123456");
        String body = SmsGatewayOtpSender.render(
                "{\"to\": \"{{to}}\", \"from\": \"{{ from }}\", \"text\": \"{{message}}\", \"otp\": \"{{code}}\"}",
                message);

        @SuppressWarnings("unchecked")
        Map<String, Object> json = Json.read(body, Map.class);
        assertThat(json).containsEntry("to", "+14155550100").containsEntry("from", "Acme \"Bank\"")
                .containsEntry("text", "Line 1\nLine 2 \\ </script>").containsEntry("otp", "123456");
    }

    @Test
    void theDefaultTemplateIsValid() {
        assertThat(SmsGatewayOtpSender.problemWith(MfaAuth.SmsGateway.DEFAULT_BODY)).isEmpty();
        assertThat(SmsGatewayOtpSender.problemWith("[\"{{code}}\"]")).isEmpty();
    }

    @Test
    void templatesThatCannotCarryTheCodeOrAreNotJsonAreRefused() {
        assertThat(SmsGatewayOtpSender.problemWith("{\"to\": \"{{to}}\"}")).hasValueSatisfying(p ->
                assertThat(p).contains("{{message}}"));
        assertThat(SmsGatewayOtpSender.problemWith("to={{to}}&text={{message}}")).hasValueSatisfying(p ->
                assertThat(p).contains("not valid JSON"));
        assertThat(SmsGatewayOtpSender.problemWith("{\"text\": {{message}}}")).isPresent(); // unquoted
        assertThat(SmsGatewayOtpSender.problemWith("\"{{message}}\"")).hasValueSatisfying(p ->
                assertThat(p).contains("object or array"));
    }
}

package dev.latchkey.http.api;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.testing.TestServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.latchkey.http.api.MfaMethodsApiTestHttp.BASE;
import static dev.latchkey.http.api.MfaMethodsApiTestHttp.error;
import static dev.latchkey.http.api.MfaMethodsApiTestHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test-OTP endpoint (admin.yaml testMFAMethod) delivering real messages: email to a GreenMail SMTP
 * server (with SMTP authentication), SMS to an HTTP gateway started here; bad addresses, disabled or
 * undeliverable methods and unknown ids are clear 4xx that send nothing; a provider that is down or
 * refuses is a 502 that changes nothing.
 */
class MfaMethodsApiTestOtpTest {

    static final Pattern SIX_DIGITS = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
            new ServerSetup(TestServer.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("otp-mailer", "otp-mailer-password"))
            .withPerMethodLifecycle(false);

    /** What the SMS gateway received: one entry per request, "header-value|body". */
    static final List<String> GATEWAY_REQUESTS = new CopyOnWriteArrayList<>();
    static final AtomicInteger GATEWAY_STATUS = new AtomicInteger(202);

    static TestServer server;
    static MfaMethodsApiTestHttp http;
    static HttpServer gateway;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        http = new MfaMethodsApiTestHttp(server);
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/send", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            GATEWAY_REQUESTS.add(exchange.getRequestMethod() + "|"
                    + exchange.getRequestHeaders().getFirst("X-Api-Key") + "|"
                    + exchange.getRequestHeaders().getFirst("Content-Type") + "|" + body);
            exchange.sendResponseHeaders(GATEWAY_STATUS.get(), -1);
            exchange.close();
        });
        gateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.stop(0);
        server.close();
    }

    @BeforeEach
    void clean() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        GATEWAY_REQUESTS.clear();
        GATEWAY_STATUS.set(202);
    }

    static String smtpMethod(int port, String password, boolean enabled, String extraSettings) {
        return """
                {"mechanism": "email", "enabled": %s,
                 "settings": {"email": {"provider": "smtp", "custom_from": "security@example.com",
                                        "custom_message_subject": "Your Latchkey code"%s}},
                 "auth": {"email": {"host": "127.0.0.1", "port": %d, "username": "otp-mailer",
                                    "password": "%s", "auth": "login"}}}"""
                .formatted(enabled, extraSettings, port, password);
    }

    static String smtpMethod() {
        return smtpMethod(MAIL.getSmtp().getPort(), "otp-mailer-password", true, "");
    }

    String gatewayMethod(String path) {
        return """
                {"mechanism": "sms", "enabled": true,
                 "settings": {"sms": {"provider": "gateway", "custom_source": "Acme \\"Bank\\""}},
                 "auth": {"sms_gateway": {"url": "http://127.0.0.1:%d%s", "auth_header_name": "X-Api-Key",
                          "auth_header_value": "gateway-secret-key",
                          "body_template": "{\\"recipient\\": \\"{{to}}\\", \\"sender\\": \\"{{from}}\\", \\"text\\": \\"{{message}}\\"}"}}}"""
                .formatted(gateway.getAddress().getPort(), path);
    }

    @Test
    void anEmailOtpArrivesAtTheSmtpServer() throws Exception {
        String id = http.create(smtpMethod());

        HttpResponse<String> response = http.test(id, "alice@example.com");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("alice@example.com");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("security@example.com");
        assertThat(mail.getSubject()).isEqualTo("Your Latchkey code");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).startsWith("Your verification code is ").contains("It expires in 5 minutes.");
        assertThat(code(body)).hasSize(6);
        assertThat(mail.getSentDate().toInstant()).isEqualTo(server.clock.instant().truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void theOtpLengthAndTemplateOfTheMethodAreUsed() throws Exception {
        String id = http.create(smtpMethod(MAIL.getSmtp().getPort(), "otp-mailer-password", true,
                ", \"custom_message_template\": \"Code: {{ .Code }} (valid {{expiration}})\","
                        + " \"otp\": {\"length\": 8, \"expiration\": \"2m\"}"));

        assertThat(http.test(id, "bob@example.org").statusCode()).isEqualTo(200);

        assertThat(MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
        String body = GreenMailUtil.getBody(MAIL.getReceivedMessages()[0]);
        assertThat(body).matches("Code: [0-9]{8} \\(valid 2 minutes\\)");
    }

    @Test
    void eachTestSendsAFreshCode() throws Exception {
        String id = http.create(smtpMethod());
        for (int i = 0; i < 3; i++) {
            assertThat(http.test(id, "carol@example.com").statusCode()).isEqualTo(200);
        }
        assertThat(MAIL.waitForIncomingEmail(5_000, 3)).isTrue();
        List<String> codes = java.util.Arrays.stream(MAIL.getReceivedMessages())
                .map(m -> code(GreenMailUtil.getBody(m))).toList();
        assertThat(codes).hasSize(3).doesNotHaveDuplicates(); // equal by chance: one in 10^5 runs
    }

    @Test
    void badEmailAddressesAre400AndSendNothing() throws Exception {
        String id = http.create(smtpMethod());
        for (String address : List.of("", "alice", "alice@", "@example.com", "Alice <alice@example.com>",
                "alice@example.com, bob@example.com", "alice@example.com\r\nBcc: eve@example.com",
                "a b@example.com", "alice@@example.com", "+14155550100", "x".repeat(250) + "@example.com")) {
            Map<String, Object> body = error(http.test(id, address), 400);
            assertThat(body).as(address).containsEntry("error_code", "bad_request");
        }
        error(http.post(BASE + "/" + id + "/test", "{}"), 400);
        error(http.post(BASE + "/" + id + "/test", "{\"address\": 42}"), 400);
        error(http.post(BASE + "/" + id + "/test", "{\"address\": \"a@example.com\", \"cc\": \"b@example.com\"}"), 400);
        error(http.post(BASE + "/" + id + "/test", "{\"address\": "), 400);
        error(http.post(BASE + "/" + id + "/test", "[]"), 400);
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aDisabledMethodIs400AndSendsNothing() {
        String id = http.create(smtpMethod(MAIL.getSmtp().getPort(), "otp-mailer-password", false, ""));

        Map<String, Object> body = error(http.test(id, "alice@example.com"), 400);

        assertThat((String) body.get("error")).contains("disabled");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aMethodWithoutAProviderLatchkeyCanUseIs400() {
        String embedded = http.create("{\"mechanism\": \"email\", \"enabled\": true}");
        String twilio = http.create("{\"mechanism\": \"sms\", \"enabled\": true, "
                + "\"auth\": {\"sms\": {\"sid\": \"AC1\", \"auth_token\": \"t\"}}}");

        assertThat((String) error(http.test(embedded, "alice@example.com"), 400).get("error"))
                .contains("provider embedded").contains("smtp");
        assertThat((String) error(http.test(twilio, "+14155550100"), 400).get("error"))
                .contains("provider twilio").contains("gateway");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
        assertThat(GATEWAY_REQUESTS).isEmpty();
    }

    @Test
    void anUnreachableSmtpServerIs502AndChangesNothing() {
        int nobody = TestServer.freePort();
        String id = http.create(smtpMethod(nobody, "otp-mailer-password", true, ""));
        String before = http.get(BASE + "/" + id).body();

        Map<String, Object> body = error(http.test(id, "alice@example.com"), 502);

        assertThat(body).containsEntry("error_code", "otp_delivery_failed")
                .containsEntry("error", "The SMTP server 127.0.0.1:" + nobody + " could not be reached");
        assertThat(http.get(BASE + "/" + id).body()).isEqualTo(before);
    }

    @Test
    void refusedSmtpCredentialsAre502() {
        String id = http.create(smtpMethod(MAIL.getSmtp().getPort(), "wrong-password", true, ""));

        Map<String, Object> body = error(http.test(id, "alice@example.com"), 502);

        assertThat((String) body.get("error")).contains("refused the username or password")
                .doesNotContain("wrong-password");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUpdateWithoutThePasswordKeepsSending() throws Exception {
        String id = http.create(smtpMethod());
        String read = http.get(BASE + "/" + id).body(); // no password in it
        ok(http.put(BASE + "/" + id, read), 200);

        assertThat(http.test(id, "dave@example.com").statusCode()).isEqualTo(200);

        assertThat(MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
    }

    @Test
    void anSmsOtpGoesToTheGatewayAsJsonWithItsKey() {
        String id = http.create(gatewayMethod("/send"));

        HttpResponse<String> response = http.test(id, "+14155550100");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(GATEWAY_REQUESTS).hasSize(1);
        String[] parts = GATEWAY_REQUESTS.get(0).split("\\|", 4);
        assertThat(parts[0]).isEqualTo("POST");
        assertThat(parts[1]).isEqualTo("gateway-secret-key");
        assertThat(parts[2]).isEqualTo("application/json");
        @SuppressWarnings("unchecked")
        Map<String, Object> json = dev.latchkey.support.Json.read(parts[3], Map.class);
        assertThat(json).containsEntry("recipient", "+14155550100").containsEntry("sender", "Acme \"Bank\"");
        assertThat((String) json.get("text")).startsWith("Your verification code is ");
        assertThat(code((String) json.get("text"))).hasSize(6);
    }

    @Test
    void badPhoneNumbersAre400AndSendNothing() {
        String id = http.create(gatewayMethod("/send"));
        for (String address : List.of("", "4155550100", "+1 415 555 0100", "+0123456789", "+1415555010012345",
                "+1-415-555-0100", "alice@example.com", "+12")) {
            error(http.test(id, address), 400);
        }
        assertThat(GATEWAY_REQUESTS).isEmpty();
    }

    @Test
    void aGatewayThatRefusesOrIsDownIs502() {
        String id = http.create(gatewayMethod("/send"));
        GATEWAY_STATUS.set(500);
        assertThat(error(http.test(id, "+14155550100"), 502)).containsEntry("error_code", "otp_delivery_failed")
                .containsEntry("error", "The SMS gateway at 127.0.0.1 answered HTTP 500");

        String down = http.create(gatewayMethod("/send").replace(":" + gateway.getAddress().getPort() + "/",
                ":" + TestServer.freePort() + "/"));
        assertThat(error(http.test(down, "+14155550100"), 502))
                .containsEntry("error", "The SMS gateway at 127.0.0.1 could not be reached");
        String notFound = http.create(gatewayMethod("/nowhere"));
        GATEWAY_STATUS.set(202);
        assertThat(error(http.test(notFound, "+14155550100"), 502))
                .containsEntry("error", "The SMS gateway at 127.0.0.1 answered HTTP 404");
    }

    static String code(String body) {
        Matcher m = SIX_DIGITS.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }
}

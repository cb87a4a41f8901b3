package dev.latchkey.mfa;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.latchkey.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sending by SMTP against GreenMail: the code never reaches any log, even with every JUL logger at ALL;
 * the TLS modes are enforced (a server without TLS is refused when TLS is required).
 */
class EmailOtpSenderTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
            new ServerSetup(dev.latchkey.testing.TestServer.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("user", "pw"));

    final EmailOtpSender sender = new EmailOtpSender(new TestClock(), Duration.ofSeconds(5));

    static MfaMethod method(String tls) {
        return new MfaMethod("m1", "default", "email", true, null, new MfaAuth(
                new MfaAuth.Email("plain", "127.0.0.1", "pw", (long) MAIL.getSmtp().getPort(), "user", tls),
                null, null, null));
    }

    @Test
    void theCodeAndThePasswordNeverReachALogWhateverItsLevel() throws Exception {
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getLoggerName() + " " + r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        Logger.getLogger("org.eclipse.angus.mail").setLevel(Level.ALL);
        try {
            MfaMethod method = method("starttls");
            sender.send(method, OtpMessage.render(method, "alice@example.com", "918273"));
        } finally {
            root.removeHandler(capture);
            root.setLevel(before);
            Logger.getLogger("org.eclipse.angus.mail").setLevel(null);
        }

        assertThat(MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(GreenMailUtil.getBody(MAIL.getReceivedMessages()[0])).contains("918273");
        assertThat(logged).isNotEmpty(); // the capture worked: Angus did log, at FINE
        assertThat(logged).noneMatch(line -> line.contains("918273") || line.contains("cHc")); // "pw" in base64
    }

    @Test
    void requiredTlsIsNotDroppedForAServerWithoutIt() {
        for (String tls : List.of("ssl", "starttls_required")) {
            MfaMethod method = method(tls);
            assertThatThrownBy(() -> sender.send(method, OtpMessage.render(method, "a@example.com", "123456")))
                    .as(tls).isInstanceOf(OtpSender.DeliveryException.class)
                    .hasMessageStartingWith("The SMTP server 127.0.0.1:" + MAIL.getSmtp().getPort());
        }
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void withoutAUsernameNoAuthenticationIsAttempted() throws Exception {
        MfaMethod method = new MfaMethod("m1", "default", "email", true, null, new MfaAuth(
                new MfaAuth.Email(null, "127.0.0.1", null, (long) MAIL.getSmtp().getPort(), null, "none"),
                null, null, null));
        sender.send(method, OtpMessage.render(method, "bob@example.com", "555666"));
        assertThat(MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
    }
}

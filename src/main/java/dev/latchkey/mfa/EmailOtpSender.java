package dev.latchkey.mfa;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;

/**
 * Sends one-time passwords by email through the SMTP server in the method's {@code auth.email}, with
 * Jakarta Mail (Angus). A fresh session per message: the settings are the method's, never global. TLS
 * follows {@code tls} (STARTTLS when offered by default, implicit TLS on port 465), server identity is
 * checked, and connect, read and write are bounded by the timeout. Failures become
 * {@link DeliveryException}s that say what went wrong (unreachable, credentials refused, message refused)
 * without the code. Thread-safe.
 */
public final class EmailOtpSender implements OtpSender {

    /**
     * Angus traces the whole SMTP conversation (the message with its code, the AUTH exchange) on this JUL
     * logger at FINEST. It is turned off here, so that no logging configuration can ever print a code or
     * a password; held in a field because JUL keeps loggers only weakly.
     */
    private static final java.util.logging.Logger SMTP_TRACE =
            java.util.logging.Logger.getLogger("org.eclipse.angus.mail.smtp.protocol");

    static {
        SMTP_TRACE.setLevel(java.util.logging.Level.OFF);
    }

    private final Clock clock;
    private final Duration timeout;

    public EmailOtpSender(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public boolean delivers(MfaMethod method) {
        return MfaMethod.EMAIL.equals(method.mechanism()) && MfaMethod.SMTP.equals(method.provider())
                && method.auth().email() != null;
    }

    @Override
    public void send(MfaMethod method, OtpMessage message) {
        MfaAuth.Email smtp = method.auth().email();
        String server = smtp.host() + ":" + smtp.portOrDefault();
        Session session = Session.getInstance(properties(smtp, message.from()));
        try {
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress(message.from(), true));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to(), true));
            mail.setSubject(message.subject(), "UTF-8");
            mail.setText(message.text(), "UTF-8", message.html() ? "html" : "plain");
            mail.setSentDate(Date.from(clock.instant()));
            mail.saveChanges();
            try (Transport transport = session.getTransport("smtp")) {
                boolean login = smtp.username() != null && !smtp.username().isEmpty();
                transport.connect(smtp.host(), (int) smtp.portOrDefault(), login ? smtp.username() : null,
                        login ? smtp.password() : null);
                transport.sendMessage(mail, mail.getAllRecipients());
            }
        } catch (AuthenticationFailedException e) {
            throw new DeliveryException("The SMTP server " + server + " refused the username or password", e);
        } catch (SendFailedException e) {
            throw new DeliveryException("The SMTP server " + server + " refused the message or its recipient", e);
        } catch (MessagingException e) {
            if (unreachable(e)) {
                throw new DeliveryException("The SMTP server " + server + " could not be reached", e);
            }
            throw new DeliveryException("The SMTP server " + server + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    private Properties properties(MfaAuth.Email smtp, String from) {
        Properties p = new Properties();
        String millis = Long.toString(timeout.toMillis());
        p.setProperty("mail.smtp.host", smtp.host());
        p.setProperty("mail.smtp.port", Long.toString(smtp.portOrDefault()));
        p.setProperty("mail.smtp.connectiontimeout", millis);
        p.setProperty("mail.smtp.timeout", millis);
        p.setProperty("mail.smtp.writetimeout", millis);
        p.setProperty("mail.smtp.localhost", "localhost"); // no reverse lookup of this host for EHLO
        p.setProperty("mail.from", from);
        p.setProperty("mail.debug", "false"); // the debug output would carry the message and its code
        boolean login = smtp.username() != null && !smtp.username().isEmpty();
        p.setProperty("mail.smtp.auth", Boolean.toString(login));
        if (login) {
            p.setProperty("mail.smtp.auth.mechanisms", "login".equals(smtp.auth()) ? "LOGIN" : "PLAIN");
        }
        switch (smtp.tlsOrDefault()) {
            case "ssl" -> p.setProperty("mail.smtp.ssl.enable", "true");
            case "starttls_required" -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
            }
            case "none" -> { }
            default -> p.setProperty("mail.smtp.starttls.enable", "true");
        }
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        return p;
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        String line = s.lines().findFirst().orElse("").strip();
        return line.length() > 160 ? line.substring(0, 160) : line;
    }
}

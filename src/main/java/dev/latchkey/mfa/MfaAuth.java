package dev.latchkey.mfa;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.function.BinaryOperator;

/**
 * How an MFA method reaches its provider (Cloudentity's {@code MFAAuth}): an SMTP server, a Twilio account,
 * Arculix credentials, and Latchkey's own {@code sms_gateway} (any HTTP API that takes a JSON body). The
 * secrets ({@code password}, {@code auth_token}, {@code client_secret}, {@code auth_header_value}) are
 * encrypted at rest and left out of every response. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MfaAuth(Email email, Sms sms, Arculix arculix, SmsGateway smsGateway) {

    /**
     * {@code EmailAuth}: SMTP {@code host}, {@code port} (default 25), {@code username}, {@code password},
     * {@code auth} ({@code plain} or {@code login}); Latchkey's {@code tls}: {@code starttls} (upgrade when the
     * server offers it; the default), {@code starttls_required}, {@code ssl} (implicit TLS; the default on
     * port 465) or {@code none}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Email(String auth, String host, String password, Long port, String username, String tls) {

        public static final long DEFAULT_PORT = 25;

        public long portOrDefault() {
            return port == null ? DEFAULT_PORT : port;
        }

        /** The TLS mode in force: the one set, else {@code ssl} on port 465, else {@code starttls}. */
        public String tlsOrDefault() {
            return tls != null ? tls : portOrDefault() == 465 ? "ssl" : "starttls";
        }

        Email withPassword(String newPassword) {
            return new Email(auth, host, newPassword, port, username, tls);
        }
    }

    /** {@code SMSAuth}: the Twilio account SID and auth token. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sms(String sid, String authToken) {
    }

    /** {@code ArculixAuth}: client credentials at Arculix. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Arculix(String clientId, String clientSecret) {
    }

    /**
     * Latchkey's SMS gateway: {@code url} receives a POST of {@code body_template} (JSON, with {@code {{to}}},
     * {@code {{from}}}, {@code {{message}}} and {@code {{code}}} replaced by JSON-escaped values) with the
     * header {@code auth_header_name} (default {@code Authorization}) set to {@code auth_header_value}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SmsGateway(String url, String authHeaderName, String authHeaderValue, String bodyTemplate) {

        public static final String DEFAULT_HEADER = "Authorization";
        public static final String DEFAULT_BODY =
                "{\"to\": \"{{to}}\", \"from\": \"{{from}}\", \"message\": \"{{message}}\"}";

        public String headerNameOrDefault() {
            return authHeaderName == null || authHeaderName.isEmpty() ? DEFAULT_HEADER : authHeaderName;
        }

        public String bodyTemplateOrDefault() {
            return bodyTemplate == null || bodyTemplate.isEmpty() ? DEFAULT_BODY : bodyTemplate;
        }
    }

    /** This configuration with every secret left out, for responses. */
    public MfaAuth withoutSecrets() {
        return mapSecrets((name, value) -> null);
    }

    /**
     * This configuration (from an update) with each secret that it leaves out taken from {@code stored}, when
     * the part holding it is present in both: an administrator may send back what GET returned. An empty
     * string clears a secret; leaving out a whole part removes it.
     */
    public MfaAuth withSecretsKept(MfaAuth stored) {
        Email e = email == null || email.password() != null || stored.email() == null ? email
                : email.withPassword(stored.email().password());
        Sms s = sms == null || sms.authToken() != null || stored.sms() == null ? sms
                : new Sms(sms.sid(), stored.sms().authToken());
        Arculix a = arculix == null || arculix.clientSecret() != null || stored.arculix() == null ? arculix
                : new Arculix(arculix.clientId(), stored.arculix().clientSecret());
        SmsGateway g = smsGateway == null || smsGateway.authHeaderValue() != null || stored.smsGateway() == null
                ? smsGateway : new SmsGateway(smsGateway.url(), smsGateway.authHeaderName(),
                stored.smsGateway().authHeaderValue(), smsGateway.bodyTemplate());
        return new MfaAuth(e, s, a, g);
    }

    /**
     * Applies {@code f(name, value)} to every secret that is set (not null), for encryption at rest; the
     * names are stable ({@code smtp-password}, {@code twilio-auth-token}, {@code arculix-client-secret},
     * {@code sms-gateway-auth}).
     */
    public MfaAuth mapSecrets(BinaryOperator<String> f) {
        Email e = email == null || email.password() == null ? email
                : email.withPassword(f.apply("smtp-password", email.password()));
        Sms s = sms == null || sms.authToken() == null ? sms
                : new Sms(sms.sid(), f.apply("twilio-auth-token", sms.authToken()));
        Arculix a = arculix == null || arculix.clientSecret() == null ? arculix
                : new Arculix(arculix.clientId(), f.apply("arculix-client-secret", arculix.clientSecret()));
        SmsGateway g = smsGateway == null || smsGateway.authHeaderValue() == null ? smsGateway
                : new SmsGateway(smsGateway.url(), smsGateway.authHeaderName(),
                f.apply("sms-gateway-auth", smsGateway.authHeaderValue()), smsGateway.bodyTemplate());
        return new MfaAuth(e, s, a, g);
    }
}

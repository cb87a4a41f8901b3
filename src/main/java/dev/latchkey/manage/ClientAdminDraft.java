package dev.latchkey.manage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.client.Client;
import dev.latchkey.client.ClientDefaults;
import dev.latchkey.client.RotatedSecret;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns a checked {@link ClientAdminRequest} into the {@link Client} to store, with the defaults of
 * Cloudentity's createClient in one place: {@code client_type} oauth2, {@code grant_types}
 * [authorization_code], {@code response_types} [code], {@code token_endpoint_auth_method} client_secret_basic,
 * {@code application_type} web, generated id and secret, {@code audience} [the client id], and the spec's
 * defaults of the other methods and algorithms ({@link ClientDefaults}). An {@code application_purpose} chosen at creation presets the
 * fields it implies when the request leaves them out (a service uses client credentials; a single-page or
 * mobile/desktop application is a native public client).
 *
 * <p>An update is a replacement, as Cloudentity's PUT: a field left out takes its default again, except what the
 * server manages: the id, the creation time, the secret and the rotated secrets (kept unless sent), and the
 * {@code application_types} chosen at creation.
 */
final class ClientAdminDraft {

    private ClientAdminDraft() {
    }

    /** A new client of {@code tenantId}; {@code purpose} may be null. */
    static Client create(String tenantId, ClientAdminRequest r, String purpose, Supplier<String> ids,
                         Supplier<String> secrets, Instant now) {
        String clientId = blank(r.clientId()) ? ids.get() : r.clientId();
        // a public client (token_endpoint_auth_method none) gets no secret unless one is sent (an empty secret
        // never authenticates: ClientSecrets)
        String secret = !blank(r.clientSecret()) ? r.clientSecret()
                : "none".equals(authMethod(r, purpose)) ? "" : secrets.get();
        List<RotatedSecret> rotated = r.rotatedSecrets() == null ? List.of()
                : r.rotatedSecrets().stream().map(s -> new RotatedSecret(s, now, null)).toList();
        ObjectNode extra = r.extra().deepCopy();
        if (purpose != null) {
            extra.putArray("application_types").add(purpose);
            if (purpose.equals("saml") && !extra.hasNonNull("client_type")) {
                extra.put("client_type", "saml");
            }
        }
        return build(tenantId, clientId, r, purpose, secret, rotated, now, now, extra);
    }

    /** {@code current} replaced by the request. */
    static Client update(Client current, ClientAdminRequest r, Instant now) {
        String secret = blank(r.clientSecret()) ? current.clientSecret() : r.clientSecret();
        List<RotatedSecret> live = current.liveRotatedSecrets(now);
        List<RotatedSecret> rotated = live;
        if (r.rotatedSecrets() != null) {
            rotated = r.rotatedSecrets().stream().map(s -> live.stream().filter(l -> l.secret().equals(s))
                    .findFirst().orElse(new RotatedSecret(s, now, null))).toList();
        }
        ObjectNode extra = r.extra().deepCopy();
        extra.remove("application_types");
        if (current.extra().has("application_types")) {
            extra.set("application_types", current.extra().get("application_types"));
        }
        String purpose = current.applicationTypes().size() == 1 ? current.applicationTypes().get(0) : null;
        return build(current.tenantId(), current.clientId(), r, purpose, secret, rotated, current.createdAt(), now,
                extra);
    }

    private static String authMethod(ClientAdminRequest r, String purpose) {
        boolean publicApp = "single_page".equals(purpose) || "mobile_desktop".equals(purpose);
        return !blank(r.tokenEndpointAuthMethod()) ? r.tokenEndpointAuthMethod()
                : publicApp ? "none" : "client_secret_basic";
    }

    private static Client build(String tenantId, String clientId, ClientAdminRequest r, String purpose,
                                String secret, List<RotatedSecret> rotated, Instant createdAt, Instant now,
                                ObjectNode extra) {
        boolean publicApp = "single_page".equals(purpose) || "mobile_desktop".equals(purpose);
        List<String> grants = r.grantTypes() != null ? distinct(r.grantTypes())
                : "service".equals(purpose) ? List.of("client_credentials") : List.of("authorization_code");
        List<String> scopes = r.scopes() != null ? distinct(r.scopes())
                : blank(r.scope()) ? List.of() : distinct(Arrays.asList(r.scope().trim().split(" +")));
        String method = authMethod(r, purpose);
        String applicationType = !blank(r.applicationType()) ? r.applicationType() : publicApp ? "native" : "web";
        ClientDefaults.STORED.forEach((field, value) -> {
            if (!extra.hasNonNull(field) || extra.get(field).asText().isEmpty()) {
                extra.put(field, value);
            }
        });
        if (!extra.hasNonNull("audience")) {
            extra.putArray("audience").add(clientId);
        }
        return new Client(clientId, tenantId, r.authorizationServerId(), r.clientName() == null ? "" : r.clientName(),
                r.description() == null ? "" : r.description(), secret, grants,
                r.responseTypes() != null ? distinct(r.responseTypes()) : List.of("code"),
                r.redirectUris() != null ? distinct(r.redirectUris()) : List.of(), scopes, method, applicationType,
                Boolean.TRUE.equals(r.system()), "inactive".equals(r.clientStatus()), createdAt, rotated,
                r.clientSecretExpiresAt() == null ? 0 : r.clientSecretExpiresAt(), now, extra);
    }

    private static List<String> distinct(List<String> values) {
        return new ArrayList<>(new LinkedHashSet<>(values));
    }

    static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}

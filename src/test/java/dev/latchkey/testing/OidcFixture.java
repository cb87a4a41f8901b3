package dev.latchkey.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workspace set up for end-user flows through the Admin API only, as an administrator would: grant
 * types authorization_code and refresh_token (and client_credentials), PKCE enforced, a static IDP with
 * one user, and a confidential web application with one redirect URI. For interoperability tests.
 */
public final class OidcFixture {

    public static final String USERNAME = "alice";
    public static final String PASSWORD = "wonderland-2026";
    public static final String EMAIL = "alice@example.com";
    public static final String REDIRECT_URI = "http://127.0.0.1:9/callback";

    public final String workspace;
    public final String issuer;
    public final String clientId;
    public final String clientSecret;

    private OidcFixture(String workspace, String issuer, String clientId, String clientSecret) {
        this.workspace = workspace;
        this.issuer = issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Creates workspace {@code id} in tenant default, its IDP and an application using {@code authMethod}. */
    public static OidcFixture create(TestServer server, String id, String authMethod, String clientExtraJson) {
        String token = server.adminToken();
        post(server, token, "/api/admin/default/servers", """
                {"tenant_id": "default", "id": "%s", "name": "Interop", "type": "regular",
                 "access_token_strategy": "jwt", "key_type": "ecdsa",
                 "grant_types": ["authorization_code", "refresh_token", "client_credentials"],
                 "token_endpoint_authn_methods": ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"],
                 "enforce_pkce": true, "subject_identifier_types": ["public", "pairwise"]}""".formatted(id));
        post(server, token, "/api/admin/default/servers/" + id + "/idps/static", """
                {"id": "sandbox", "tenant_id": "default", "authorization_server_id": "%s", "name": "Sandbox",
                 "method": "static", "disabled": false,
                 "mappings": [{"source": ".", "target": ".", "type": "any", "allow_weak_decoding": false}],
                 "credentials": {"users": [{"username": "%s", "password": "%s",
                   "authentication_context": {"name": "Alice Liddell", "email": "%s", "email_verified": true}}]}}"""
                .formatted(id, USERNAME, PASSWORD, EMAIL));
        Map<String, Object> client = TestServer.json(post(server, token, "/api/admin/default/clients", """
                {"tenant_id": "default", "authorization_server_id": "%s", "client_name": "Interop RP",
                 "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"],
                 "redirect_uris": ["%s"],
                 "scopes": ["openid", "profile", "email", "offline_access", "introspect_tokens", "revoke_tokens"],
                 "token_endpoint_auth_method": "%s"%s}""".formatted(id, REDIRECT_URI, authMethod,
                clientExtraJson.isEmpty() ? "" : ", " + clientExtraJson)));
        return new OidcFixture(id, server.baseUrl() + "/default/" + id, (String) client.get("client_id"),
                (String) client.get("client_secret"));
    }

    private static HttpResponse<String> post(TestServer server, String token, String path, String body) {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isIn(200, 201);
        return response;
    }
}

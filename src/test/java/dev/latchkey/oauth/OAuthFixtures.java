package dev.latchkey.oauth;

import dev.latchkey.grant.Grant;
import dev.latchkey.grant.JdbiGrantRepository;
import dev.latchkey.grant.JdbiRefreshTokenRepository;
import dev.latchkey.grant.RefreshToken;
import dev.latchkey.oauth.token.AccessTokenClaims;
import dev.latchkey.oauth.token.IssuedAccessToken;
import dev.latchkey.support.Json;
import dev.latchkey.support.TokenHashes;
import dev.latchkey.testing.TestServer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fixtures of the introspection, revocation and userinfo tests, until the authorization code flow issues
 * user tokens: clients and workspaces created through the Admin API, and a user's grant inserted with the
 * grant repositories, with a refresh token stored by hash and access tokens minted by the server's own
 * issuer and recorded under the grant (what the code and refresh grants do).
 */
final class OAuthFixtures {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestServer server;

    OAuthFixtures(TestServer server) {
        this.server = server;
    }

    /** A client registered with the Admin API: its id and secret. */
    record RegisteredClient(String id, String secret) {
    }

    /** A user's grant with one refresh token. */
    record UserGrant(Grant grant, String refreshToken) {
    }

    RegisteredClient client(String workspace, String... scopes) {
        HttpResponse<String> created = server.send(java.net.http.HttpRequest.newBuilder(
                        server.uri("/api/admin/default/clients"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"tenant_id": "default", "authorization_server_id": "%s", "client_name": "app",
                         "grant_types": ["client_credentials", "authorization_code", "refresh_token"],
                         "redirect_uris": ["https://app.example/callback"], "scopes": %s}"""
                        .formatted(workspace, Json.write(List.of(scopes)))))
                .header("Authorization", "Bearer " + server.adminToken())
                .header("Content-Type", "application/json").build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> body = TestServer.json(created);
        return new RegisteredClient((String) body.get("client_id"), (String) body.get("client_secret"));
    }

    /** A workspace of tenant default created with the Admin API, with the given access token strategy. */
    void workspace(String id, String accessTokenStrategy) {
        HttpResponse<String> created = server.send(java.net.http.HttpRequest.newBuilder(
                        server.uri("/api/admin/default/servers"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"tenant_id": "default", "id": "%s", "name": "%s", "type": "regular",
                         "access_token_strategy": "%s"}""".formatted(id, id, accessTokenStrategy)))
                .header("Authorization", "Bearer " + server.adminToken())
                .header("Content-Type", "application/json").build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** A client credentials token (client_secret_post). */
    String clientToken(String workspace, RegisteredClient client, String scope) {
        return server.token("/default/" + workspace + "/oauth2/token", client.id(), client.secret(), scope);
    }

    /**
     * A grant of user {@code subject} to {@code client} for {@code scopes}, with the user's claims, and a
     * refresh token of it (stored by hash, as the refresh grant does).
     */
    UserGrant grant(String workspace, RegisteredClient client, String subject, List<String> scopes,
                    Map<String, Object> claims) {
        Instant now = server.clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Grant grant = new Grant(UUID.randomUUID().toString(), "default", workspace, client.id(), subject,
                "static-idp", List.of("pwd"), "1", now.minusSeconds(5), scopes, claims, "session-1", now,
                now.plus(Duration.ofDays(30)));
        var jdbi = server.server().database().jdbi();
        new JdbiGrantRepository(jdbi).insert(grant);
        String refreshToken = random();
        new JdbiRefreshTokenRepository(jdbi).insert(TokenHashes.hash(refreshToken), new RefreshToken("default",
                workspace, grant.grantId(), client.id(), scopes, now, now.plus(Duration.ofDays(30))));
        return new UserGrant(grant, refreshToken);
    }

    /** Another refresh token of the same grant (as a rotation would leave it). */
    String refreshToken(UserGrant grant) {
        Instant now = server.clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String token = random();
        new JdbiRefreshTokenRepository(server.server().database().jdbi()).insert(TokenHashes.hash(token),
                new RefreshToken("default", grant.grant().workspaceId(), grant.grant().grantId(),
                        grant.grant().clientId(), grant.grant().scopes(), now, now.plus(Duration.ofDays(30))));
        return token;
    }

    /**
     * An access token of the user for the grant's client, minted by the server's issuer in the workspace's
     * format, and recorded under the grant (so that revoking the grant reaches it, and userinfo finds it).
     */
    String userToken(UserGrant grant, List<String> scopes) {
        var parts = server.server().parts();
        var workspace = parts.oauthWorkspaces().find("default", grant.grant().workspaceId()).orElseThrow();
        IssuedAccessToken issued = parts.accessTokens().issue(workspace, new AccessTokenClaims(
                grant.grant().subject(), grant.grant().clientId(), List.of(grant.grant().clientId()), scopes,
                grant.grant().idp(), grant.grant().amr(), "public", Duration.ofHours(1)));
        new JdbiGrantRepository(server.server().database().jdbi()).recordAccessToken(grant.grant().grantId(),
                issued.tokenId(), issued.expiresAt());
        return issued.value();
    }

    /** POSTs a form to {@code /default/{workspace}/oauth2/{endpoint}} authenticated with client_secret_basic. */
    HttpResponse<String> post(String workspace, String endpoint, RegisteredClient client, String form) {
        return server.postForm("/default/" + workspace + "/oauth2/" + endpoint, form, "Authorization",
                basic(client.id(), client.secret()));
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((enc(id) + ":" + enc(secret))
                .getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

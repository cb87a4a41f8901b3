package dev.latchkey.oauth;

import dev.latchkey.oauth.OAuthFixtures.RegisteredClient;
import dev.latchkey.oauth.OAuthFixtures.UserGrant;
import dev.latchkey.oauth.token.AccessTokenClaims;
import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.latchkey.oauth.OAuthFixtures.enc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The System API's {@code revokeTokens} by subject ({@code DELETE /api/system/{tid}/servers/{wid}/tokens},
 * scope {@code revoke_tokens}): every token of the subjects in that workspace stops working — refresh tokens and
 * grants, access tokens recorded under a grant, JWT access tokens recorded nowhere, opaque access tokens, a
 * client's own client-credentials tokens — while other subjects, other workspaces and tokens issued later
 * are untouched; the caller needs a token of the tenant's system workspace with the scope; bad input is 400.
 */
class SubjectRevocationTest {

    static TestServer server;
    static OAuthFixtures fixtures;
    static RegisteredClient app;
    static RegisteredClient auditor;
    static RegisteredClient opaqueAuditor;
    static String revoker;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        fixtures = new OAuthFixtures(server);
        fixtures.workspace("opq", "opaque");
        app = fixtures.client("default", "email", "openid", "offline_access");
        auditor = fixtures.client("default", "introspect_tokens");
        opaqueAuditor = fixtures.client("opq", "introspect_tokens");
        revoker = systemToken("revoke_tokens");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A token of a new application of {@code default/system} with {@code scopes}. */
    static String systemToken(String... scopes) {
        RegisteredClient client = fixtures.client("system", scopes);
        return fixtures.clientToken("system", client, String.join(" ", scopes));
    }

    static HttpResponse<String> revokeTokens(String token, String workspace, String query, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/api/system/default/servers/" + workspace
                        + "/tokens" + query))
                .method("DELETE", body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return server.send(request.build());
    }

    static void revoked(String workspace, String... subjects) {
        HttpResponse<String> response = revokeTokens(revoker, workspace, "",
                Json.write(Map.of("subjects", List.of(subjects))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    static boolean active(String workspace, RegisteredClient introspector, String token) {
        return Boolean.TRUE.equals(TestServer.json(fixtures.post(workspace, "introspect", introspector,
                "token=" + enc(token))).get("active"));
    }

    /** An access token of the grant's user minted by the server and recorded nowhere (no grant, no id kept). */
    static String unrecordedUserToken(UserGrant grant) {
        var parts = server.server().parts();
        var workspace = parts.oauthWorkspaces().find("default", "default").orElseThrow();
        return parts.accessTokens().issue(workspace, new AccessTokenClaims(grant.grant().subject(), app.id(),
                List.of(app.id()), List.of("email"), "static-idp", List.of("pwd"), "public", Duration.ofHours(1)))
                .value();
    }

    @Test
    void everyTokenOfTheSubjectStopsWorkingAndNothingElseDoes() {
        UserGrant alice = fixtures.grant("default", app, "alice", List.of("email", "offline_access"), Map.of());
        UserGrant aliceAgain = fixtures.grant("default", app, "alice", List.of("email"), Map.of());
        UserGrant bob = fixtures.grant("default", app, "bob", List.of("email"), Map.of());
        String aliceRecorded = fixtures.userToken(alice, List.of("email"));
        String aliceUnrecorded = unrecordedUserToken(alice);
        String bobToken = fixtures.userToken(bob, List.of("email"));
        String appToken = fixtures.clientToken("default", app, null);
        assertThat(active("default", auditor, aliceRecorded)).isTrue();
        assertThat(active("default", auditor, aliceUnrecorded)).isTrue();
        assertThat(active("default", auditor, alice.refreshToken())).isTrue();

        revoked("default", "alice");

        assertThat(active("default", auditor, aliceRecorded)).isFalse();
        assertThat(active("default", auditor, aliceUnrecorded)).as("a JWT recorded nowhere").isFalse();
        assertThat(active("default", auditor, alice.refreshToken())).isFalse();
        assertThat(active("default", auditor, aliceAgain.refreshToken())).as("every grant of the subject").isFalse();
        HttpResponse<String> refreshed = server.postForm("/default/default/oauth2/token",
                "grant_type=refresh_token&refresh_token=" + enc(alice.refreshToken()) + "&client_id=" + app.id()
                        + "&client_secret=" + enc(app.secret()));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(400);
        assertThat(refreshed.body()).contains("invalid_grant");
        assertThat(active("default", auditor, bobToken)).as("another subject").isTrue();
        assertThat(active("default", auditor, bob.refreshToken())).isTrue();
        assertThat(active("default", auditor, appToken)).as("the client's own tokens").isTrue();

        // what alice is issued afterwards works again (a JWT's iat has whole seconds: a later second)
        server.clock.advance(Duration.ofSeconds(2));
        UserGrant later = fixtures.grant("default", app, "alice", List.of("email"), Map.of());
        assertThat(active("default", auditor, fixtures.userToken(later, List.of("email")))).isTrue();
        assertThat(active("default", auditor, later.refreshToken())).isTrue();
    }

    @Test
    void aClientsOwnTokensJwtAndOpaqueAreRevokedByItsClientIdInTheirWorkspaceOnly() {
        RegisteredClient worker = fixtures.client("default", "email");
        RegisteredClient opaqueWorker = fixtures.client("opq", "email");
        String jwt = fixtures.clientToken("default", worker, null);
        String opaque = fixtures.clientToken("opq", opaqueWorker, null);
        assertThat(opaque).doesNotContain(".");
        assertThat(active("opq", opaqueAuditor, opaque)).isTrue();

        revoked("opq", worker.id()); // the other workspace: the JWT of default stays
        assertThat(active("default", auditor, jwt)).isTrue();

        revoked("default", worker.id());
        revoked("opq", opaqueWorker.id());
        assertThat(active("default", auditor, jwt)).isFalse();
        assertThat(active("opq", opaqueAuditor, opaque)).isFalse();

        server.clock.advance(Duration.ofSeconds(2));
        assertThat(active("default", auditor, fixtures.clientToken("default", worker, null))).isTrue();
        assertThat(active("opq", opaqueAuditor, fixtures.clientToken("opq", opaqueWorker, null))).isTrue();
    }

    @Test
    void aRevokedManagementTokenIsRefusedByTheApis() {
        RegisteredClient reader = fixtures.client("system", "view_clients");
        String token = fixtures.clientToken("system", reader, "view_clients");
        String path = "/api/system/default/clients/default";
        assertThat(server.get(path, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        revoked("system", reader.id());
        assertThat(server.get(path, "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
    }

    @Test
    void theRevocationIsAnAuditEventOfTheWorkspace() throws Exception {
        revoked("default", "carol");
        String query = "/api/admin/default/servers/default/audit-events?event_subject=tokens&action=revoked";
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> events = server.get(query, "Authorization", "Bearer " + server.adminToken());
            assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
            if (events.body().contains("\"carol\"")) {
                assertThat(events.body()).contains("tokens_revoked").contains("grants_revoked");
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no audit event for the revocation");
    }

    @Test
    void theCallerNeedsRevokeTokensInTheTenantsSystemWorkspace() {
        String body = "{\"subjects\": [\"dave\"]}";
        assertThat(revokeTokens(null, "default", "", body).statusCode()).isEqualTo(401);
        assertThat(revokeTokens(server.adminToken(), "default", "", body).statusCode()).isEqualTo(403);
        assertThat(revokeTokens(systemToken("manage_clients"), "default", "", body).statusCode()).isEqualTo(403);
        String regular = fixtures.clientToken("default", fixtures.client("default", "revoke_tokens"),
                "revoke_tokens");
        assertThat(revokeTokens(regular, "default", "", body).statusCode()).isEqualTo(403);
    }

    @Test
    void badInputIsRefusedWithCloudentitysErrors() {
        assertError(revokeTokens(revoker, "default", "", "{\"subjects\": []}"), 400);
        assertError(revokeTokens(revoker, "default", "", "{}"), 400);
        assertError(revokeTokens(revoker, "default", "", null), 400);
        assertError(revokeTokens(revoker, "default", "", "{\"subjects\": [\"\"]}"), 400);
        assertError(revokeTokens(revoker, "default", "", "{\"subjects\": [\"" + "x".repeat(256) + "\"]}"), 400);
        assertError(revokeTokens(revoker, "default", "", Json.write(Map.of("subjects",
                IntStream.range(0, 101).mapToObj(i -> "s" + i).toList()))), 400);
        assertError(revokeTokens(revoker, "default", "", "{\"subjects\": \"alice\"}"), 400);
        assertError(revokeTokens(revoker, "default", "", "{\"subject\": [\"alice\"]}"), 400);
        assertError(revokeTokens(revoker, "default", "?consent_id=c1", "{\"subjects\": [\"alice\"]}"), 400);
        assertError(revokeTokens(revoker, "nope", "", "{\"subjects\": [\"alice\"]}"), 404);
        assertThat(revokeTokens(revoker, "default", "", "{\"subjects\": [\"erin\"], \"idp_id\": \"static-idp\"}")
                .statusCode()).isEqualTo(204);
    }

    private static void assertError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(TestServer.json(response)).containsEntry("status_code", status).containsKeys("error", "details");
    }
}

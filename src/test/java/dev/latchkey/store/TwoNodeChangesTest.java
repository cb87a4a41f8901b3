package dev.latchkey.store;

import dev.latchkey.testing.LoginWalker;
import dev.latchkey.testing.OidcFixture;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes over one PostgreSQL database (run with {@code -Dlatchkey.test.db=postgres}; the embedded
 * database is single-node): a change made through one node is honoured by the other within a second,
 * although the other had the old state cached — the LISTEN/NOTIFY change bus.
 */
class TwoNodeChangesTest {

    private static TestServer a;
    private static TestServer b;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(TestServer.usesPostgres(), "several nodes need PostgreSQL");
        a = TestServer.start();
        b = a.secondNode();
    }

    @AfterAll
    static void stop() {
        TestServer.closeAll(b, a);
    }

    private static HttpResponse<String> api(TestServer node, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path))
                .header("Authorization", "Bearer " + node.adminToken()).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return node.send(request.build());
    }

    private static HttpResponse<String> token(TestServer node, String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return node.postForm("/default/admin/oauth2/token", "grant_type=client_credentials",
                "Authorization", "Basic " + basic);
    }

    /** Polls {@code condition} for up to one second; returns how long it took. */
    private static Duration within1s(Supplier<Boolean> condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.get()) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aClientDeletedOnOneNodeIsRefusedOnTheOtherWithinASecond() throws Exception {
        Map<String, Object> client = TestServer.json(api(a, "POST", "/api/admin/default/clients", """
                {"tenant_id": "default", "authorization_server_id": "admin", "client_name": "two nodes",
                 "grant_types": ["client_credentials"], "scopes": []}"""));
        String id = (String) client.get("client_id");
        String secret = (String) client.get("client_secret");
        assertThat(token(b, id, secret).statusCode()).isEqualTo(200); // b now has the client cached

        assertThat(api(a, "DELETE", "/api/admin/default/clients/" + id, null).statusCode()).isEqualTo(204);

        within1s(() -> token(b, id, secret).statusCode() == 401);
    }

    @Test
    void aKeyRotatedOnOneNodeSignsTheOtherNodesTokensWithinASecond() throws Exception {
        String before = kidOfToken(b);
        HttpResponse<String> rotated = api(a, "POST", "/api/admin/default/servers/admin/keys/rotate?key_type=ecdsa", null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String next = (String) TestServer.json(rotated).get("kid");
        assertThat(next).isNotEqualTo(before);

        within1s(() -> next.equals(kidOfToken(b)));
    }

    @Test
    void aTokenRevokedOnOneNodeIsRefusedOnTheOtherWithinASecond() throws Exception {
        String jwt = (String) TestServer.json(token(a, TestServer.ADMIN_CLIENT_ID, TestServer.ADMIN_CLIENT_SECRET))
                .get("access_token");
        String basic = "Basic " + Base64.getEncoder().encodeToString((TestServer.ADMIN_CLIENT_ID + ":"
                + TestServer.ADMIN_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(TestServer.json(b.postForm("/default/admin/oauth2/introspect", "token=" + jwt,
                "Authorization", basic))).containsEntry("active", true); // b has seen it unrevoked
        assertThat(b.get("/api/admin/default/servers/admin", "Authorization", "Bearer " + jwt).statusCode())
                .isEqualTo(200);

        HttpResponse<String> revoked = a.postForm("/default/admin/oauth2/revoke", "token=" + jwt,
                "Authorization", basic);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

        within1s(() -> Boolean.FALSE.equals(TestServer.json(b.postForm("/default/admin/oauth2/introspect",
                "token=" + jwt, "Authorization", basic)).get("active")));
        assertThat(b.get("/api/admin/default/servers/admin", "Authorization", "Bearer " + jwt).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aWorkspaceReadOnOneNodeShowsAKeyRotatedOnTheOtherWithinASecond() throws Exception {
        Supplier<String> readOnB = () -> {
            HttpResponse<String> read = b.get("/api/admin/default/servers/admin", "Authorization",
                    "Bearer " + b.adminToken());
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            return read.headers().firstValue("ETag").orElseThrow() + read.body();
        };
        String before = readOnB.get();
        assertThat(readOnB.get()).isEqualTo(before); // b answers from its cache

        HttpResponse<String> rotated = api(a, "POST", "/api/admin/default/servers/admin/keys/rotate?key_type=ecdsa", null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);

        within1s(() -> !readOnB.get().equals(before)); // the statuses of the keys, and a new next key
    }

    @Test
    void afterTheListenConnectionsBreakTheNodesReconnectAndDropWhatTheyMayHaveMissed() throws Exception {
        Map<String, Object> client = TestServer.json(api(a, "POST", "/api/admin/default/clients", """
                {"tenant_id": "default", "authorization_server_id": "admin", "client_name": "missed change",
                 "grant_types": ["client_credentials"], "scopes": []}"""));
        String id = (String) client.get("client_id");
        String secret = (String) client.get("client_secret");
        assertThat(token(b, id, secret).statusCode()).isEqualTo(200);
        String schema = a.server().database().jdbi().withHandle(h -> h.createQuery("SELECT current_schema()")
                .mapTo(String.class).one());

        // the database drops the nodes' LISTEN connections (as a failover or a network cut would), and the
        // client is deleted directly in the database: no node is told
        int killed = a.server().database().jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE query = 'LISTEN latchkey_changes_' || :schema""").bind("schema", schema)
                .mapTo(Integer.class).one());
        assertThat(killed).isEqualTo(2);
        a.server().database().jdbi().useHandle(h -> h.createUpdate("DELETE FROM clients WHERE id = :id")
                .bind("id", id).execute());

        // each node reconnects (within its 2 s backoff) and then drops its caches
        long start = System.nanoTime();
        while (token(b, id, secret).statusCode() != 401) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            Thread.sleep(50);
        }
    }

    @Test
    void aCodeFromOneNodeRedeemsOnTheOtherAndARefreshTokenReplayedOnBothAtOnceSucceedsOnce() throws Exception {
        OidcFixture rp = OidcFixture.create(a, "two-nodes", "client_secret_basic", "");
        String verifier = "v".repeat(20) + java.util.UUID.randomUUID().toString().replace("-", "");
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.UTF_8)));
        URI authorize = URI.create(rp.issuer + "/oauth2/authorize?response_type=code&client_id=" + rp.clientId
                + "&redirect_uri=" + java.net.URLEncoder.encode(OidcFixture.REDIRECT_URI, StandardCharsets.UTF_8)
                + "&scope=openid%20offline_access&state=s1&code_challenge=" + challenge + "&code_challenge_method=S256");
        URI callback = new LoginWalker().login(authorize, OidcFixture.REDIRECT_URI, OidcFixture.USERNAME,
                OidcFixture.PASSWORD); // the login happens on node a
        String code = callback.getQuery().replaceAll(".*(?:^|&)code=([^&]+).*", "$1");
        String basic = "Basic " + Base64.getEncoder().encodeToString((rp.clientId + ":" + rp.clientSecret)
                .getBytes(StandardCharsets.UTF_8));
        String tokenPath = "/default/two-nodes/oauth2/token";

        HttpResponse<String> exchanged = b.postForm(tokenPath, "grant_type=authorization_code&code=" + code
                + "&redirect_uri=" + java.net.URLEncoder.encode(OidcFixture.REDIRECT_URI, StandardCharsets.UTF_8)
                + "&code_verifier=" + verifier, "Authorization", basic);
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        Map<String, Object> tokens = TestServer.json(exchanged);
        HttpResponse<String> introspected = a.postForm("/default/two-nodes/oauth2/introspect",
                "token=" + tokens.get("access_token"), "Authorization", basic);
        assertThat(TestServer.json(introspected)).containsEntry("active", true); // issued by b, known to a

        String refresh = "grant_type=refresh_token&refresh_token=" + tokens.get("refresh_token");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var onA = pool.submit(() -> a.postForm(tokenPath, refresh, "Authorization", basic).statusCode());
            var onB = pool.submit(() -> b.postForm(tokenPath, refresh, "Authorization", basic).statusCode());
            assertThat(List.of(onA.get(), onB.get())).containsExactlyInAnyOrder(200, 400);
        } finally {
            pool.shutdown();
        }
    }

    private static String kidOfToken(TestServer node) {
        HttpResponse<String> response = token(node, TestServer.ADMIN_CLIENT_ID, TestServer.ADMIN_CLIENT_SECRET);
        String jwt = (String) TestServer.json(response).get("access_token");
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
                StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }
}

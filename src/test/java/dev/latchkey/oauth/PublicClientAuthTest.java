package dev.latchkey.oauth;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.ClientAuthKit.CC;
import static dev.latchkey.oauth.ClientAuthKit.assertError;
import static dev.latchkey.oauth.ClientAuthKit.tokenPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code none} (RFC 6749 §2.1): a client registered as public is identified by its {@code client_id} alone,
 * which gets it past client authentication, but never to client credentials ({@code unauthorized_client});
 * a confidential client is not identified that way ({@code invalid_client}), and a public client cannot
 * present a secret it does not have.
 */
class PublicClientAuthTest {

    private static final String WS = "public";
    private static final String SECRET = "a-secret-for-a-public-client-0123456789";

    static TestServer server;
    static ClientAuthKit kit;
    static String publicClient;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        kit = new ClientAuthKit(server);
        kit.createWorkspace(WS, Map.of());
        publicClient = (String) kit.createClient(WS, Map.of("token_endpoint_auth_method", "none",
                "client_secret", SECRET)).get("client_id");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void publicClientIsIdentifiedButMayNotUseClientCredentials() {
        Map<String, Object> body = assertError(server.postForm(tokenPath(WS), CC + "&client_id=" + publicClient),
                400, "unauthorized_client");
        assertThat((String) body.get("error_description")).contains("public client");
    }

    @Test
    void publicClientCannotUseASecretMethod() {
        assertError(server.postForm(tokenPath(WS), CC + "&client_id=" + publicClient + "&client_secret=" + SECRET),
                401, "invalid_client");
    }

    @Test
    void confidentialOrUnknownClientWithOnlyItsIdIsInvalidClient() {
        String confidential = (String) kit.createClient(WS, Map.of()).get("client_id");
        assertError(server.postForm(tokenPath(WS), CC + "&client_id=" + confidential), 401, "invalid_client");
        assertError(server.postForm(tokenPath(WS), CC + "&client_id=nosuchclient"), 401, "invalid_client");
        // a public client of another workspace
        assertError(server.postForm(tokenPath("default"), CC + "&client_id=" + publicClient), 401,
                "invalid_client");
    }

    @Test
    void noneNotEnabledForTheWorkspaceIsInvalidClient() {
        String ws = "public-off";
        kit.createWorkspace(ws, Map.of());
        String client = (String) kit.createClient(ws, Map.of("token_endpoint_auth_method", "none"))
                .get("client_id");
        assertError(server.postForm(tokenPath(ws), CC + "&client_id=" + client), 400, "unauthorized_client");
        kit.updateWorkspace(ws, Map.of("token_endpoint_auth_methods", List.of("client_secret_basic",
                "client_secret_post")));
        Map<String, Object> body = assertError(server.postForm(tokenPath(ws), CC + "&client_id=" + client), 401,
                "invalid_client");
        assertThat((String) body.get("error_description")).contains("none").contains("not enabled");
    }
}

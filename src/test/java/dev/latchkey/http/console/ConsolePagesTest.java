package dev.latchkey.http.console;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scopes, keys and workspace-deletion pages over plain HTTP, with forms a browser would not send: a POST
 * without the CSRF token, a revocation of the current key, a bad key type, another workspace's scope, a built-in
 * service. Each is refused on the page and changes nothing (checked through the Admin API).
 */
class ConsolePagesTest {

    private static final String WS = "/app/default/admin/workspaces/default";

    private static TestServer server;
    private static ConsoleHttp browser;
    private static String csrf;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        browser = new ConsoleHttp(server);
        csrf = browser.signIn();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void keyChangesWithoutTheCsrfTokenAreRefused() throws Exception {
        Object before = keys().get("current_key");
        assertThat(browser.post(WS + "/keys/rotate", "use=sig&key_type=ecdsa").statusCode()).isEqualTo(403);
        assertThat(browser.post(WS + "/delete", "").statusCode()).isEqualTo(403);
        assertThat(keys().get("current_key")).isEqualTo(before);
        assertThat(server.get("/api/admin/default/servers/default", bearer()).statusCode()).isEqualTo(200);
    }

    @Test
    void theCurrentKeyCannotBeRevokedAndABadKeyTypeIsShownByItsField() throws Exception {
        Map<String, Object> before = keys();
        String current = (String) ((Map<?, ?>) before.get("current_key")).get("kid");
        HttpResponse<String> revoke = browser.post(WS + "/keys/" + current + "/revoke", "csrf=" + csrf + "&use=sig");
        assertThat(revoke.statusCode()).isEqualTo(422);
        assertThat(revoke.body()).contains("id=\"form-error\"").contains("The current key cannot be revoked");

        HttpResponse<String> rotate = browser.post(WS + "/keys/rotate", "csrf=" + csrf + "&use=sig&key_type=dsa");
        assertThat(rotate.statusCode()).isEqualTo(400);
        assertThat(rotate.body()).contains("id=\"key_type-error\"").contains("key_type must be one of");
        assertThat(keys()).isEqualTo(before);
    }

    @Test
    void anotherWorkspacesScopeIsNotFoundAndABuiltInServiceIsNotDeleted() throws Exception {
        Map<String, Object> scope = firstScope("system", false);
        HttpResponse<String> edit = browser.get(WS + "/scopes/" + scope.get("id"));
        assertThat(edit.statusCode()).isEqualTo(404);
        HttpResponse<String> delete = browser.post(WS + "/scopes/" + scope.get("id") + "/delete", "csrf=" + csrf);
        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(firstScope("system", false)).isEqualTo(scope);

        Map<?, ?> service = (Map<?, ?>) firstScope("default", true).get("service");
        HttpResponse<String> builtIn = browser.post(WS + "/services/" + service.get("id") + "/delete",
                "csrf=" + csrf);
        assertThat(builtIn.statusCode()).isEqualTo(422);
        assertThat(builtIn.body()).contains("A built-in service cannot be deleted");
        assertThat(server.get("/api/admin/default/services/" + service.get("id"), bearer()).statusCode())
                .isEqualTo(200);
    }

    private static Map<String, Object> keys() {
        HttpResponse<String> response = server.get("/api/admin/default/servers/default/keys", bearer());
        assertThat(response.statusCode()).isEqualTo(200);
        return TestServer.json(response);
    }

    /** The first scope of {@code workspace}, with a service when {@code withService}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstScope(String workspace, boolean withService) {
        HttpResponse<String> response = server.get("/api/admin/default/servers/" + workspace + "/scopes", bearer());
        assertThat(response.statusCode()).isEqualTo(200);
        return ((List<Map<String, Object>>) TestServer.json(response).get("scopes")).stream()
                .filter(s -> !withService || s.get("service") != null).findFirst().orElseThrow();
    }

    private static String[] bearer() {
        return new String[] {"Authorization", "Bearer " + server.adminToken()};
    }
}

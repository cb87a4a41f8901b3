package dev.latchkey.http.api;

import dev.latchkey.idp.StaticIdp;
import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.latchkey.http.api.ScopesApiTestHttp.error;
import static dev.latchkey.http.api.ScopesApiTestHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed document's "Connect IDP" and "Update IDP Configuration" steps with its bodies unchanged
 * (placeholders filled in), and the static IDP's life: get, list, update with If-Match, delete; mock users'
 * passwords encrypted at rest and checked by {@link StaticIdp#authenticate}.
 */
class IdpsApiTest {

    /** The seed's createStaticIDP body, as printed (placeholders are replaced per test). */
    static final String SEED_BODY = """
            {
                "id": "enter-id-for-your-new-IDP-here",
                "tenant_id": "enter-your-tid-here",
                "authorization_server_id": "enter-your-aid-here",
                "client_id": null,
                "name": "enter-IDP-name-for-UI-here",
                "disabled": false,
                "method": "static",
                "attributes": null,
                "mappings": [
                    {
                        "source": ".",
                        "target": ".",
                        "type": "any",
                        "allow_weak_decoding": false
                    }
                ],
                "static_amr": [],
                "transformer": {
                    "enabled": false,
                    "script": ""
                },
                "config": {
                    "enable_stateful_ctx": false,
                    "stateful_ctx_duration": "0s"
                },
                "domains": [],
                "settings": {
                    "hint": false
                },
                "credentials": {
                    "users": [
                        {
                            "username": "enter-username-for-end-user-login",
                            "password": "enter-password-for-end-user-login",
                            "authentication_context": {
                                "name": "user1"
                            }
                        }
                    ]
                }
            }""";

    /** The seed's "Sample Response" of createStaticIDP. */
    static final String SEED_SAMPLE_RESPONSE = """
            {
                "id": "test-idp",
                "tenant_id": "acp-john-doe",
                "authorization_server_id": "admin",
                "client_id": null,
                "name": "Test",
                "disabled": false,
                "method": "static",
                "attributes": null,
                "mappings": [
                    {
                        "source": ".",
                        "target": ".",
                        "type": "any",
                        "allow_weak_decoding": false
                    }
                ],
                "static_amr": [],
                "transformer": {
                    "enabled": false,
                    "script": ""
                },
                "config": {
                    "enable_stateful_ctx": false,
                    "stateful_ctx_duration": "0s"
                },
                "domains": [],
                "settings": {
                    "hint": false
                },
                "credentials": {
                    "users": [
                        {
                            "username": "un1",
                            "password": "pass1",
                            "authentication_context": {
                                "name": "user1"
                            }
                        }
                    ]
                }
            }""";

    static TestServer server;
    static ScopesApiTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new ScopesApiTestHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String idps(String wid) {
        return "/api/admin/default/servers/" + wid + "/idps";
    }

    /** The seed body for IDP {@code id} in {@code default/wid}, user {@code un1} / {@code pass1}. */
    static String seedBody(String wid, String id) {
        return SEED_BODY.replace("enter-id-for-your-new-IDP-here", id).replace("enter-your-tid-here", "default")
                .replace("enter-your-aid-here", wid).replace("enter-IDP-name-for-UI-here", "Test")
                .replace("enter-username-for-end-user-login", "un1")
                .replace("enter-password-for-end-user-login", "pass1");
    }

    @Test
    void seedConnectIdpBodyIsAcceptedUnchangedAndAnsweredAsTheSampleResponse() {
        HttpResponse<String> created = http.post(idps("admin") + "/static", seedBody("admin", "test-idp"));

        Map<String, Object> body = ok(created, 201);
        Map<String, Object> sample = parse(SEED_SAMPLE_RESPONSE.replace("acp-john-doe", "default"));
        assertContains(body, sample, "");
        assertThat(body).containsEntry("client_id", null).containsEntry("attributes", null);

        HttpResponse<String> read = http.get(idps("admin") + "/static/test-idp");
        assertThat(ok(read, 200)).isEqualTo(body);
        assertThat(read.headers().firstValue("ETag")).isEqualTo(created.headers().firstValue("ETag"));
        http.delete(idps("admin") + "/test-idp");
    }

    @Test
    void seedUpdateIdpConfigurationEnrichesTheAuthenticationContext() {
        ok(http.post(idps("default") + "/static", seedBody("default", "enrich-idp")), 201);
        String path = idps("default") + "/static/enrich-idp";
        String etag = http.get(path).headers().firstValue("ETag").orElseThrow();
        String enriched = seedBody("default", "enrich-idp").replace("""
                "name": "user1"
                """.strip(), """
                "name": "user1", "email": "user1@example.com", "roles": ["tester", "admin"]""");

        HttpResponse<String> stale = http.put(path, enriched, "If-Match", "\"not-the-etag\"");
        error(stale, 412);
        assertThat(http.get(path).headers().firstValue("ETag")).hasValue(etag);

        Map<String, Object> updated = ok(http.put(path, enriched, "If-Match", etag), 200);
        Map<String, Object> user = user(updated, 0);
        assertThat(user.get("authentication_context")).isEqualTo(Map.of("name", "user1",
                "email", "user1@example.com", "roles", List.of("tester", "admin")));
        assertThat(ok(http.get(path), 200)).isEqualTo(updated);
        assertThat(http.count("SELECT COUNT(*) FROM audit_events WHERE object_type = 'idp' AND object_id = ? "
                + "AND action = 'updated'", "enrich-idp")).isEqualTo(1);
    }

    @Test
    void listGivesIdpBaseItemsWithoutCredentials() {
        ok(http.post(idps("default") + "/static", seedBody("default", "listed-idp")), 201);

        Map<String, Object> list = ok(http.get(idps("default")), 200);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) list.get("idps");
        Map<String, Object> item = items.stream().filter(i -> "listed-idp".equals(i.get("id"))).findFirst()
                .orElseThrow();
        assertThat(item).containsEntry("method", "static").containsEntry("name", "Test")
                .containsEntry("tenant_id", "default").containsEntry("authorization_server_id", "default")
                .doesNotContainKeys("credentials", "settings");
        assertThat(list.toString()).doesNotContain("pass1");
    }

    @Test
    void passwordsAreEncryptedAtRestAndCheckedByAuthenticate() {
        ok(http.post(idps("default") + "/static", seedBody("default", "secret-idp")
                .replace("\"pass1\"", "\"correct-horse-battery-staple\"")), 201);

        String doc = http.text("SELECT doc FROM idps WHERE tenant_id = ? AND workspace_id = ? AND id = ?",
                "default", "default", "secret-idp");
        assertThat(doc).contains("\"username\":\"un1\"").doesNotContain("correct-horse-battery-staple")
                .contains("\"password\":\"v1.");
        String audit = http.text("SELECT doc FROM audit_events WHERE object_type = 'idp' AND object_id = ?",
                "secret-idp");
        assertThat(audit).doesNotContain("correct-horse-battery-staple");

        // what the login page will do with the stored IDP
        StaticIdp idp = Json.read(http.get(idps("default") + "/static/secret-idp").body(), StaticIdp.class);
        assertThat(idp.authenticate("un1", "correct-horse-battery-staple")).hasValue(Map.of("name", "user1"));
        assertThat(idp.authenticate("un1", "correct-horse-battery-stapl")).isEmpty();
        assertThat(idp.authenticate("un1", "")).isEmpty();
        assertThat(idp.authenticate("un2", "correct-horse-battery-staple")).isEmpty();
        assertThat(idp.authenticate(null, null)).isEmpty();
    }

    @Test
    void aDisabledIdpAuthenticatesNobody() {
        StaticIdp idp = Json.read(seedBody("default", "x").replace("\"disabled\": false", "\"disabled\": true"),
                StaticIdp.class);
        assertThat(idp.authenticate("un1", "pass1")).isEmpty();
        assertThat(Json.read(seedBody("default", "x"), StaticIdp.class).authenticate("un1", "pass1"))
                .hasValue(Map.of("name", "user1"));
    }

    @Test
    void anAbsentIdIsGeneratedAndDefaultsAreFilledIn() {
        Map<String, Object> created = ok(http.post(idps("default") + "/static",
                "{\"name\": \"Minimal\", \"credentials\": {\"users\": [{\"username\": \"u\", \"password\": \"p\"}]}}"),
                201);

        assertThat((String) created.get("id")).matches("[0-9a-v]{20}");
        assertThat(created).containsEntry("method", "static").containsEntry("tenant_id", "default")
                .containsEntry("authorization_server_id", "default").containsEntry("version", 3)
                .containsEntry("settings", Map.of("hint", false));
        assertThat(user(created, 0)).isEqualTo(Map.of("username", "u", "password", "p"));
        ok(http.get(idps("default") + "/static/" + created.get("id")), 200);
    }

    @Test
    void deleteRemovesTheIdpAndHonoursIfMatch() {
        ok(http.post(idps("default") + "/static", seedBody("default", "doomed-idp")), 201);
        String path = idps("default") + "/doomed-idp";

        error(http.delete(path, "If-Match", "\"stale\""), 412);
        ok(http.get(idps("default") + "/static/doomed-idp"), 200);

        String etag = http.get(idps("default") + "/static/doomed-idp").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> deleted = http.delete(path, "If-Match", etag);
        assertThat(deleted.statusCode()).isEqualTo(204);
        error(http.get(idps("default") + "/static/doomed-idp"), 404);
        error(http.delete(path), 404);
        assertThat(http.count("SELECT COUNT(*) FROM idps WHERE id = ?", "doomed-idp")).isZero();
        assertThat(http.count("SELECT COUNT(*) FROM audit_events WHERE object_type = 'idp' AND object_id = ? "
                + "AND action = 'deleted'", "doomed-idp")).isEqualTo(1);
    }

    @Test
    void theSameIdInAnotherWorkspaceIsAnotherIdp() {
        ok(http.post(idps("default") + "/static", seedBody("default", "twin-idp")), 201);
        ok(http.post(idps("system") + "/static", seedBody("system", "twin-idp")), 201);
        assertThat(http.count("SELECT COUNT(*) FROM idps WHERE id = ?", "twin-idp")).isEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> user(Map<String, Object> idp, int index) {
        return ((List<Map<String, Object>>) ((Map<String, Object>) idp.get("credentials")).get("users")).get(index);
    }

    /** Every field of {@code expected} is in {@code actual} with the same value; objects compared field-wise. */
    @SuppressWarnings("unchecked")
    static void assertContains(Map<String, Object> actual, Map<String, Object> expected, String path) {
        for (var entry : expected.entrySet()) {
            String field = path + entry.getKey();
            assertThat(actual).as(field).containsKey(entry.getKey());
            Object want = entry.getValue();
            Object got = actual.get(entry.getKey());
            if (want instanceof Map<?, ?> wantMap && got instanceof Map<?, ?> gotMap) {
                assertContains((Map<String, Object>) gotMap, (Map<String, Object>) wantMap, field + ".");
            } else {
                assertThat(got).as(field).isEqualTo(want);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        return Json.read(json, Map.class);
    }
}

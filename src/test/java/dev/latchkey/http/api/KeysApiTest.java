package dev.latchkey.http.api;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.latchkey.http.api.KeysApiTestHttp.assertError;
import static dev.latchkey.http.api.KeysApiTestHttp.assertNoPrivateParameters;
import static dev.latchkey.http.api.KeysApiTestHttp.keysPath;
import static dev.latchkey.http.api.KeysApiTestHttp.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading workspace keys (getKeys, getKey) and every request the keys API refuses: bad {@code use} and
 * {@code key_type}, unknown workspaces and kids, another tenant's objects, wrong or missing tokens, keys
 * that cannot be revoked, stale {@code If-Match}. A refused request changes nothing.
 */
class KeysApiTest {

    private static final String DEFAULT = keysPath("default", "default");

    static TestServer server;
    static KeysApiTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new KeysApiTestHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void signingKeysByDefaultWithCurrentNextAndEmptyListsInPublicFormOnly() {
        HttpResponse<String> response = http.get(DEFAULT, server.adminToken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).isPresent();
        Map<String, Object> body = TestServer.json(response);
        assertThat(body).containsOnlyKeys("current_key", "next_key", "rotated_keys", "revoked_keys");
        Map<String, Object> current = map(body.get("current_key"));
        Map<String, Object> next = map(body.get("next_key"));
        for (Map<String, Object> key : List.of(current, next)) {
            assertThat(key).containsEntry("use", "sig").containsEntry("kty", "EC").containsEntry("crv", "P-256")
                    .containsEntry("alg", "ES256").containsKeys("kid", "x", "y", "created_at", "promoted_at",
                            "rotated_at", "revoked_at");
            assertThat((String) key.get("kid")).matches("[0-9]{20,}");
            assertThat(key.get("rotated_at")).isNull();
            assertThat(key.get("revoked_at")).isNull();
        }
        assertThat(current.get("promoted_at")).isNotNull();
        assertThat(next.get("promoted_at")).isNull();
        assertThat(current.get("kid")).isNotEqualTo(next.get("kid"));
        assertThat(body.get("rotated_keys")).isEqualTo(List.of());
        assertThat(body.get("revoked_keys")).isEqualTo(List.of());
        assertNoPrivateParameters(body);
        // the same representation, the same ETag
        assertThat(http.get(DEFAULT + "?use=sig", server.adminToken()).headers().firstValue("ETag"))
                .isEqualTo(response.headers().firstValue("ETag"));
    }

    @Test
    void encryptionKeysAreRsaOaep256() {
        Map<String, Object> body = http.keys("default", "default", "enc");

        for (String state : List.of("current_key", "next_key")) {
            assertThat(map(body.get(state))).containsEntry("use", "enc").containsEntry("kty", "RSA")
                    .containsEntry("alg", "RSA-OAEP-256").containsEntry("e", "AQAB").containsKey("n");
        }
        assertNoPrivateParameters(body);
    }

    @Test
    void rawKeyIsTheBarePublicJwkOfAnyKeyOfTheWorkspace() {
        Map<String, Object> sig = http.keys("default", "default", "sig");
        Map<String, Object> enc = http.keys("default", "default", "enc");
        String token = server.adminToken();

        for (String kid : List.of((String) map(sig.get("current_key")).get("kid"),
                (String) map(sig.get("next_key")).get("kid"))) {
            HttpResponse<String> response = http.get(DEFAULT + "/" + kid + "/raw", token);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(TestServer.json(response)).containsOnlyKeys("kty", "use", "kid", "crv", "alg", "x", "y")
                    .containsEntry("kid", kid);
        }
        String encKid = (String) map(enc.get("current_key")).get("kid");
        HttpResponse<String> response = http.get(DEFAULT + "/" + encKid + "/raw", token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(response)).containsOnlyKeys("kty", "use", "kid", "alg", "n", "e");
    }

    @Test
    void unknownKidIs404AndAKidOfAnotherTenantIsNotReachable() {
        String token = server.adminToken();
        assertError(http.get(DEFAULT + "/12345/raw", token), 404);
        String systemKid = http.jwksKids("system", "admin").getFirst();
        assertError(http.get(keysPath("default", "admin") + "/" + systemKid + "/raw", token), 404);
        String before = http.snapshot("default", "admin");
        assertError(http.post(keysPath("default", "admin") + "/revoke/" + systemKid, token), 404);
        assertThat(http.snapshot("default", "admin")).isEqualTo(before);
        assertThat(http.jwksKids("system", "admin")).contains(systemKid);
    }

    @Test
    void unknownWorkspaceIs404OnEveryEndpoint() {
        String token = server.adminToken();
        String base = keysPath("default", "nope");
        assertError(http.get(base, token), 404);
        assertError(http.get(base + "/1/raw", token), 404);
        assertError(http.post(base + "/rotate", token), 404);
        assertError(http.post(base + "/revoke/1", token), 404);
        assertError(http.get(base + "/automatic-key-rotation", token), 404);
        assertError(http.put(base + "/automatic-key-rotation", token, "{\"enabled\":false,\"cron\":\"\"}"), 404);
    }

    @Test
    void workspaceOfAnotherTenantIs404ForThatTenantsAdmin() {
        // the workspace "default" exists only in tenant "default"
        String systemAdmin = http.tokenOfWorkspace("system", "admin", "sysadmin0000000000001");
        String base = keysPath("system", "default");
        assertError(http.get(base, systemAdmin), 404);
        assertError(http.post(base + "/rotate?key_type=ecdsa", systemAdmin), 404);
        assertError(http.get(base + "/automatic-key-rotation", systemAdmin), 404);
        // and its own workspaces are there
        assertThat(http.get(keysPath("system", "admin"), systemAdmin).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenOfAnotherTenantIs403AndNothingChanges() {
        String before = http.snapshot("default", "default");
        String systemBefore = http.get(keysPath("system", "admin"),
                http.tokenOfWorkspace("system", "admin", "sysadmin0000000000002")).body();
        String token = server.adminToken();
        String base = keysPath("system", "admin");
        assertError(http.get(base, token), 403);
        assertError(http.post(base + "/rotate", token), 403);
        assertError(http.post(base + "/revoke/1", token), 403);
        assertError(http.put(base + "/automatic-key-rotation", token, "{\"enabled\":false,\"cron\":\"\"}"), 403);
        assertThat(http.get(base, http.tokenOfWorkspace("system", "admin", "sysadmin0000000000003")).body())
                .isEqualTo(systemBefore);
        assertThat(http.snapshot("default", "default")).isEqualTo(before);
    }

    @Test
    void tokenOfANonAdminWorkspaceIs403AndNoTokenIs401() {
        String before = http.snapshot("default", "default");
        String regular = http.tokenOfWorkspace("default", "default", "regular00000000000001");
        for (String path : List.of(DEFAULT, DEFAULT + "/1/raw", DEFAULT + "/automatic-key-rotation")) {
            assertError(http.get(path, regular), 403);
            assertError(http.get(path, null), 401);
        }
        for (String path : List.of(DEFAULT + "/rotate", DEFAULT + "/revoke/1")) {
            assertError(http.post(path, regular), 403);
            assertError(http.post(path, null), 401);
            assertError(http.post(path, "garbage"), 401);
        }
        assertError(http.put(DEFAULT + "/automatic-key-rotation", regular, "{\"enabled\":false,\"cron\":\"\"}"), 403);
        assertError(http.put(DEFAULT + "/automatic-key-rotation", null, "{\"enabled\":false,\"cron\":\"\"}"), 401);
        assertThat(http.snapshot("default", "default")).isEqualTo(before);
    }

    @Test
    void invalidUseAndKeyTypeAre400AndChangeNothing() {
        String before = http.snapshot("default", "default");
        String token = server.adminToken();
        for (String use : List.of("", "SIG", "signing", "sig,enc")) {
            String q = "?use=" + use;
            assertError(http.get(DEFAULT + q, token), 400);
            assertError(http.post(DEFAULT + "/rotate" + q, token), 400);
            assertError(http.post(DEFAULT + "/revoke/1" + q, token), 400);
            assertError(http.get(DEFAULT + "/automatic-key-rotation" + q, token), 400);
            assertError(http.put(DEFAULT + "/automatic-key-rotation" + q, token, "{\"enabled\":false,\"cron\":\"\"}"), 400);
        }
        assertError(http.get(DEFAULT + "?use=sig&use=enc", token), 400);
        for (String keyType : List.of("", "RSA", "ec", "hs256", "ecdsa&key_type=rsa")) {
            assertError(http.post(DEFAULT + "/rotate?key_type=" + keyType, token), 400);
        }
        Map<String, Object> error = assertError(http.post(DEFAULT + "/rotate?use=enc&key_type=ecdsa", token), 400);
        assertThat((String) error.get("error")).contains("rsa");
        assertError(http.post(DEFAULT + "/rotate?use=enc&key_type=ps", token), 400);
        assertThat(http.snapshot("default", "default")).isEqualTo(before);
    }

    @Test
    void currentAndNextKeysCannotBeRevokedAndAKidOfTheOtherUseIsNotFound() {
        Map<String, Object> sig = http.keys("default", "default", "sig");
        Map<String, Object> enc = http.keys("default", "default", "enc");
        String before = http.snapshot("default", "default");
        String token = server.adminToken();

        Map<String, Object> error = assertError(
                http.post(DEFAULT + "/revoke/" + map(sig.get("current_key")).get("kid"), token), 422);
        assertThat((String) error.get("error")).contains("current key cannot be revoked");
        assertError(http.post(DEFAULT + "/revoke/" + map(sig.get("next_key")).get("kid"), token), 422);
        assertError(http.post(DEFAULT + "/revoke/" + map(enc.get("current_key")).get("kid") + "?use=enc", token), 422);
        // an encryption key is not among the signing keys (use defaults to sig)
        assertError(http.post(DEFAULT + "/revoke/" + map(enc.get("next_key")).get("kid"), token), 404);
        assertError(http.post(DEFAULT + "/revoke/99999999999", token), 404);
        assertThat(http.snapshot("default", "default")).isEqualTo(before);
    }

    @Test
    void staleIfMatchIs412AndTheCurrentETagLetsTheRotationThrough() {
        String path = keysPath("default", "system");
        HttpResponse<String> read = http.get(path, server.adminToken());
        String etag = read.headers().firstValue("ETag").orElseThrow();
        String before = http.snapshot("default", "system");

        assertError(http.post(path + "/rotate?key_type=ecdsa", server.adminToken(), "If-Match", "\"stale\""), 412);
        assertError(http.post(path + "/revoke/1", server.adminToken(), "If-Match", "\"stale\""), 412);
        assertThat(http.snapshot("default", "system")).isEqualTo(before);

        HttpResponse<String> rotated = http.post(path + "/rotate?key_type=ecdsa", server.adminToken(), "If-Match", etag);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        // the keys changed, so the old ETag no longer matches
        assertError(http.post(path + "/rotate?key_type=ecdsa", server.adminToken(), "If-Match", etag), 412);
    }

    @Test
    void responsesOfEveryEndpointCarryNoPrivateParameter() {
        String token = server.adminToken();
        for (String use : List.of("sig", "enc")) {
            HttpResponse<String> response = http.get(DEFAULT + "?use=" + use, token);
            assertNoPrivateParameters(TestServer.json(response));
            for (String name : Set.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"")) {
                assertThat(response.body()).doesNotContain(name);
            }
        }
    }
}

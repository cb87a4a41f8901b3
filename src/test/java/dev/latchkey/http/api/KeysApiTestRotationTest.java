package dev.latchkey.http.api;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.latchkey.http.api.KeysApiTestHttp.algOf;
import static dev.latchkey.http.api.KeysApiTestHttp.assertError;
import static dev.latchkey.http.api.KeysApiTestHttp.assertNoPrivateParameters;
import static dev.latchkey.http.api.KeysApiTestHttp.keysPath;
import static dev.latchkey.http.api.KeysApiTestHttp.kidOf;
import static dev.latchkey.http.api.KeysApiTestHttp.kids;
import static dev.latchkey.http.api.KeysApiTestHttp.list;
import static dev.latchkey.http.api.KeysApiTestHttp.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key rotation and revocation (rotateKey, revokeKey; design §4): next → current → rotated (limit 8) →
 * revoked (limit 16) → deleted; tokens signed before a rotation still verify, a revoked key stops
 * verifying at once (Admin API caller authentication with an admin token of {@code default/admin}); new
 * tokens carry the new current kid; key type switches take effect at once. Each test uses its own
 * workspace so that the order of tests does not matter.
 */
class KeysApiTestRotationTest {

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

    private static String kid(Map<String, Object> keys, String state) {
        return (String) map(keys.get(state)).get("kid");
    }

    @Test
    void rotationOfTheAdminWorkspaceKeepsOldTokensUntilTheirKeyIsRevoked() {
        String tenant = "/api/admin/default/tenant";
        String oldToken = server.adminToken();
        Map<String, Object> before = http.keys("default", "admin", "sig");
        assertThat(kidOf(oldToken)).isEqualTo(kid(before, "current_key"));

        HttpResponse<String> rotated = http.post(keysPath("default", "admin") + "/rotate?key_type=ecdsa", oldToken);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        assertThat(TestServer.json(rotated)).containsEntry("kid", kid(before, "next_key"));

        // signed before the rotation: still accepted, the rotated key still verifies and is published
        assertThat(http.get(tenant, oldToken).statusCode()).isEqualTo(200);
        assertThat(http.jwksKids("default", "admin")).contains(kidOf(oldToken));
        String newToken = server.adminToken();
        assertThat(kidOf(newToken)).isEqualTo(kid(before, "next_key"));

        HttpResponse<String> revoked = http.post(keysPath("default", "admin") + "/revoke/" + kidOf(oldToken), newToken);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        Map<String, Object> revokedKey = TestServer.json(revoked);
        assertThat(revokedKey).containsEntry("kid", kidOf(oldToken)).containsEntry("use", "sig");
        assertThat(revokedKey.get("revoked_at")).isNotNull();
        assertThat(revokedKey.get("rotated_at")).isNotNull();
        assertNoPrivateParameters(revokedKey);

        // revoked: rejected at once, gone from the JWKS; the new token works
        assertError(http.get(tenant, oldToken), 401);
        assertThat(http.jwksKids("default", "admin")).doesNotContain(kidOf(oldToken));
        String freshToken = server.adminToken();
        assertThat(http.get(tenant, freshToken).statusCode()).isEqualTo(200);
        assertThat(http.get(tenant, newToken).statusCode()).isEqualTo(200);
        Map<String, Object> after = http.keys("default", "admin", "sig");
        assertThat(kids(after.get("revoked_keys"))).containsExactly(kidOf(oldToken));
        assertThat(kids(after.get("rotated_keys"))).isEmpty();

        // revoking it again changes nothing and answers the revoked key
        HttpResponse<String> again = http.post(keysPath("default", "admin") + "/revoke/" + kidOf(oldToken), freshToken);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(again)).isEqualTo(revokedKey);
        assertThat(http.keys("default", "admin", "sig")).isEqualTo(after);
        // one audit event per change, none for the no-op
        assertThat(http.auditActions("key", kid(before, "next_key"))).containsExactly("rotated");
        assertThat(http.auditActions("key", kidOf(oldToken))).containsExactly("revoked");
    }

    @Test
    void rotationPromotesTheNextKeyAndPublishesTheRotatedOne() {
        String token = http.tokenOfWorkspace("default", "default", "rotation0000000000001");
        Map<String, Object> before = http.keys("default", "default", "sig");
        Map<String, Object> encBefore = http.keys("default", "default", "enc");
        server.clock.advance(Duration.ofMinutes(1));

        HttpResponse<String> response = http.post(keysPath("default", "default") + "/rotate?use=sig&key_type=ecdsa",
                server.adminToken());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> current = TestServer.json(response);
        assertThat(current).containsEntry("kid", kid(before, "next_key")).containsEntry("alg", "ES256");
        assertThat(current.get("promoted_at")).isNotNull();
        assertThat(current.get("rotated_at")).isNull();
        Map<String, Object> after = http.keys("default", "default", "sig");
        assertThat(map(after.get("current_key"))).isEqualTo(current);
        assertThat(kid(after, "next_key")).isNotIn(kid(before, "current_key"), kid(before, "next_key"));
        assertThat(map(after.get("next_key"))).containsEntry("alg", "ES256");
        assertThat(kids(after.get("rotated_keys"))).containsExactly(kid(before, "current_key"));
        Map<String, Object> rotated = list(after.get("rotated_keys")).getFirst();
        assertThat(rotated.get("rotated_at")).isNotNull();
        assertThat(rotated.get("promoted_at")).isEqualTo(map(before.get("current_key")).get("promoted_at"));
        assertThat(http.jwksKids("default", "default")).contains(kid(before, "current_key"), kid(after, "current_key"),
                kid(after, "next_key"), kid(encBefore, "current_key"), kid(encBefore, "next_key"));
        // the encryption keys did not move
        assertThat(http.keys("default", "default", "enc")).isEqualTo(encBefore);
        // tokens issued from now on are signed with the new current key
        assertThat(kidOf(token)).isEqualTo(kid(before, "current_key"));
        assertThat(kidOf(server.token("/default/default/oauth2/token", "rotation0000000000001",
                "secret-of-rotation0000000000001-0123456789abcdef", null))).isEqualTo(kid(after, "current_key"));
    }

    @Test
    void rotatingToAnotherKeyTypeSignsWithThatTypeAtOnceAndDefaultsToRsa() {
        String clientId = "switch000000000000001";
        http.tokenOfWorkspace("default", "system", clientId);
        String secret = "secret-of-" + clientId + "-0123456789abcdef";
        Map<String, Object> before = http.keys("default", "system", "sig");

        // key_type defaults to rsa (the spec's default)
        HttpResponse<String> response = http.post(keysPath("default", "system") + "/rotate", server.adminToken());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> current = TestServer.json(response);
        assertThat(current).containsEntry("kty", "RSA").containsEntry("alg", "RS256").containsEntry("use", "sig");
        assertThat((String) current.get("kid")).isNotIn(kid(before, "current_key"), kid(before, "next_key"));
        Map<String, Object> after = http.keys("default", "system", "sig");
        assertThat(map(after.get("next_key"))).containsEntry("kty", "RSA").containsEntry("alg", "RS256");
        // the old current key is rotated; the unused EC next key is dropped
        assertThat(kids(after.get("rotated_keys"))).contains(kid(before, "current_key"))
                .doesNotContain(kid(before, "next_key"));
        assertThat(http.jwksKids("default", "system")).doesNotContain(kid(before, "next_key"));
        assertError(http.get(keysPath("default", "system") + "/" + kid(before, "next_key") + "/raw",
                server.adminToken()), 404);
        String token = server.token("/default/system/oauth2/token", clientId, secret, null);
        assertThat(algOf(token)).isEqualTo("RS256");
        assertThat(kidOf(token)).isEqualTo(current.get("kid"));

        // the same type again promotes the RSA next key
        HttpResponse<String> same = http.post(keysPath("default", "system") + "/rotate?key_type=rsa", server.adminToken());
        assertThat(TestServer.json(same)).containsEntry("kid", kid(after, "next_key"));

        HttpResponse<String> ps = http.post(keysPath("default", "system") + "/rotate?key_type=ps", server.adminToken());
        assertThat(TestServer.json(ps)).containsEntry("kty", "RSA").containsEntry("alg", "PS256");
        token = server.token("/default/system/oauth2/token", clientId, secret, null);
        assertThat(algOf(token)).isEqualTo("PS256");
        assertThat(map(http.keys("default", "system", "sig").get("next_key"))).containsEntry("alg", "PS256");
    }

    @Test
    void encryptionKeysRotateOnTheirOwn() {
        String systemAdmin = http.tokenOfWorkspace("system", "admin", "sysadmin0000000000009");
        Map<String, Object> sig = TestServer.json(http.get(keysPath("system", "admin") + "?use=sig", systemAdmin));
        Map<String, Object> before = TestServer.json(http.get(keysPath("system", "admin") + "?use=enc", systemAdmin));

        HttpResponse<String> response = http.post(keysPath("system", "admin") + "/rotate?use=enc", systemAdmin);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestServer.json(response)).containsEntry("kid", kid(before, "next_key"))
                .containsEntry("use", "enc").containsEntry("alg", "RSA-OAEP-256");
        Map<String, Object> after = TestServer.json(http.get(keysPath("system", "admin") + "?use=enc", systemAdmin));
        assertThat(kids(after.get("rotated_keys"))).containsExactly(kid(before, "current_key"));
        assertThat(map(after.get("next_key"))).containsEntry("alg", "RSA-OAEP-256");
        assertThat(TestServer.json(http.get(keysPath("system", "admin") + "?use=sig", systemAdmin))).isEqualTo(sig);

        // a rotated encryption key can be revoked (with use=enc)
        String old = kid(before, "current_key");
        assertError(http.post(keysPath("system", "admin") + "/revoke/" + old, systemAdmin), 404);
        HttpResponse<String> revoked = http.post(keysPath("system", "admin") + "/revoke/" + old + "?use=enc", systemAdmin);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(http.jwksKids("system", "admin")).doesNotContain(old);
    }

    @Test
    void rotatedKeysBeyondEightAreRevokedAndRevokedKeysBeyondSixteenAreDeleted() {
        // a workspace no other test rotates: the system tenant's "system" workspace, with that tenant's admin token
        String systemAdmin = http.tokenOfWorkspace("system", "admin", "sysadmin0000000000010");
        String path = keysPath("system", "system");
        List<String> currents = new ArrayList<>();
        currents.add(kid(TestServer.json(http.get(path, systemAdmin)), "current_key"));
        for (int i = 1; i <= 25; i++) {
            server.clock.advance(Duration.ofMinutes(1));
            HttpResponse<String> response = http.post(path + "/rotate?key_type=ecdsa", systemAdmin);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            currents.add((String) TestServer.json(response).get("kid"));
            Map<String, Object> keys = TestServer.json(http.get(path, systemAdmin));
            assertThat(list(keys.get("rotated_keys"))).as("after rotation " + i).hasSize(Math.min(i, 8));
            assertThat(list(keys.get("revoked_keys"))).as("after rotation " + i).hasSize(Math.min(Math.max(i - 8, 0), 16));
        }
        Map<String, Object> keys = TestServer.json(http.get(path, systemAdmin));
        // newest first: the 8 keys before the current one are rotated, the 16 before them revoked
        assertThat(kids(keys.get("rotated_keys"))).containsExactlyElementsOf(currents.subList(17, 25).reversed());
        assertThat(kids(keys.get("revoked_keys"))).containsExactlyElementsOf(currents.subList(1, 17).reversed());
        assertThat(list(keys.get("revoked_keys"))).allSatisfy(k -> assertThat(k.get("revoked_at")).isNotNull());
        // the first key is gone for good
        assertError(http.get(path + "/" + currents.getFirst() + "/raw", systemAdmin), 404);
        List<String> published = http.jwksKids("system", "system");
        assertThat(published).containsAll(currents.subList(17, 26)).doesNotContainAnyElementsOf(currents.subList(0, 17));
    }
}

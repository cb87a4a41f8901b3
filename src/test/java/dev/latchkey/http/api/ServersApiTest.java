package dev.latchkey.http.api;

import dev.latchkey.support.Xid;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.latchkey.http.api.ServersApiTestHttp.SEED_BODY;
import static dev.latchkey.http.api.ServersApiTestHttp.SEED_RESPONSE_FIELDS;
import static dev.latchkey.http.api.ServersApiTestHttp.SERVERS;
import static dev.latchkey.http.api.ServersApiTestHttp.assertError;
import static dev.latchkey.http.api.ServersApiTestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workspaces API (admin.yaml createAuthorizationServer, getAuthorizationServer, listAuthorizationServers,
 * getWorkspace, listWorkspaces): the seed's create body, defaults, keys, spec fields kept as given, ETags.
 */
class ServersApiTest {

    private static final Set<String> PRIVATE = Set.of("d", "p", "q", "dp", "dq", "qi", "k", "oth");

    static TestServer server;
    static ServersApiTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new ServersApiTestHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void seedCreateBodyGivesEveryFieldOfTheSeedResponse() {
        HttpResponse<String> response = http.post(SERVERS, server.adminToken(), SEED_BODY.formatted("seed-ws"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("ETag")).isPresent();
        Map<String, Object> body = json(response.body());
        assertThat(body).containsKeys(SEED_RESPONSE_FIELDS.toArray(String[]::new));
        Map<String, Object> sent = json(SEED_BODY.formatted("seed-ws"));
        for (String field : SEED_RESPONSE_FIELDS) {
            if (!Set.of("jwks", "issuer_url").contains(field)) {
                assertThat(body.get(field)).as(field).isEqualTo(sent.get(field));
            }
        }
        assertThat(body.get("issuer_url")).isEqualTo(server.baseUrl() + "/default/seed-ws");
        assertThat(body.get("token_endpoint_auth_methods")).isEqualTo(sent.get("token_endpoint_authn_methods"));

        Map<String, Object> jwks = (Map<String, Object>) body.get("jwks");
        assertThat(jwks).containsKeys("keys", "next_signing_key", "next_encryption_key", "revoked_signing_keys",
                "revoked_encryption_keys", "rotated_keys_limit", "revoked_keys_limit");
        assertThat(jwks.get("rotated_keys_limit")).isEqualTo(8);
        assertThat(jwks.get("revoked_keys_limit")).isEqualTo(16);
        assertThat(jwks.get("revoked_signing_keys")).isNull();
        assertThat(jwks.get("revoked_encryption_keys")).isNull();
        List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.get("keys");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0)).containsEntry("use", "sig").containsEntry("kty", "EC").containsEntry("crv", "P-256")
                .containsEntry("alg", "ES256").containsKeys("kid", "x", "y", "created_at", "promoted_at", "rotated_at",
                        "revoked_at");
        assertThat(keys.get(0).get("promoted_at")).isNotNull();
        assertThat(keys.get(0).get("rotated_at")).isNull();
        assertThat(keys.get(1)).containsEntry("use", "enc").containsEntry("kty", "RSA")
                .containsEntry("alg", "RSA-OAEP-256").containsEntry("e", "AQAB").containsKeys("kid", "n");
        Map<String, Object> nextSig = (Map<String, Object>) jwks.get("next_signing_key");
        assertThat(nextSig).containsEntry("use", "sig").containsEntry("alg", "ES256").containsKey("created_at");
        assertThat(nextSig.get("promoted_at")).isNull();
        assertThat((Map<String, Object>) jwks.get("next_encryption_key")).containsEntry("use", "enc");
        // private parameters never leave the server (a documented deviation from the seed's sample)
        for (Map<String, Object> key : List.of(keys.get(0), keys.get(1), nextSig,
                (Map<String, Object>) jwks.get("next_encryption_key"))) {
            assertThat(key.keySet()).doesNotContainAnyElementsOf(PRIVATE);
            assertThat((String) key.get("kid")).matches("[0-9]{20,}");
        }

        // the list shows it, and GET returns the same representation with the same ETag
        HttpResponse<String> list = http.get(SERVERS, server.adminToken());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(((List<Map<String, Object>>) json(list.body()).get("servers")).stream().map(s -> s.get("id")))
                .contains("seed-ws");
        HttpResponse<String> get = http.get(SERVERS + "/seed-ws", server.adminToken());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(json(get.body())).isEqualTo(body);
        assertThat(get.headers().firstValue("ETag")).isEqualTo(response.headers().firstValue("ETag"));
        assertThat(http.auditEvents("seed-ws")).hasSize(1).first().satisfies(e ->
                assertThat(e).containsEntry("action", "created"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void emptyBodyGetsTheSpecDefaultsAndGeneratedValues() {
        Map<String, Object> body = http.create("{\"tenant_id\":\"default\"}");

        String id = (String) body.get("id");
        assertThat(Xid.isValid(id)).as(id).isTrue();
        assertThat(body).containsEntry("name", id).containsEntry("tenant_id", "default")
                .containsEntry("type", "regular").containsEntry("profile", "default")
                .containsEntry("color", "#007FFF").containsEntry("access_token_strategy", "jwt")
                .containsEntry("key_type", "ecdsa").containsEntry("access_token_ttl", "1h0m0s")
                .containsEntry("id_token_ttl", "1h0m0s").containsEntry("refresh_token_ttl", "720h0m0s")
                .containsEntry("authorization_code_ttl", "10m0s").containsEntry("dynamic_scope_separator", ".")
                .containsEntry("grant_types", List.of("authorization_code", "implicit", "client_credentials",
                        "refresh_token"))
                .containsEntry("token_endpoint_auth_methods", List.of("client_secret_basic", "client_secret_post",
                        "client_secret_jwt", "private_key_jwt", "self_signed_tls_client_auth", "tls_client_auth",
                        "none"))
                .containsEntry("subject_identifier_types", List.of("public", "pairwise"))
                .containsEntry("backchannel_token_delivery_modes_supported", List.of("poll", "ping"))
                .containsEntry("enforce_pkce", false).containsEntry("enable_trust_anchor", false)
                .containsEntry("version", 3).containsEntry("scope_claim_formats", List.of("scp_array"))
                .containsEntry("issuer_url", server.baseUrl() + "/default/" + id);
        assertThat((String) body.get("secret")).hasSizeGreaterThanOrEqualTo(32);
        assertThat((String) body.get("subject_identifier_algorithm_salt")).hasSizeGreaterThanOrEqualTo(32);
        assertThat(body).doesNotContainKey("created_at");
        Map<String, Object> other = http.create("{\"tenant_id\":\"default\"}");
        assertThat(other.get("secret")).isNotEqualTo(body.get("secret"));
        assertThat(other.get("id")).isNotEqualTo(id);
    }

    @Test
    @SuppressWarnings("unchecked")
    void keyTypeChoosesTheSigningAlgorithm() {
        for (var c : Map.of("rsa", "RS256", "ps", "PS256", "ecdsa", "ES256").entrySet()) {
            Map<String, Object> body = http.create("{\"tenant_id\":\"default\",\"key_type\":\"" + c.getKey() + "\"}");
            Map<String, Object> jwks = (Map<String, Object>) body.get("jwks");
            Map<String, Object> current = ((List<Map<String, Object>>) jwks.get("keys")).get(0);
            assertThat(current).as(c.getKey()).containsEntry("alg", c.getValue()).containsEntry("use", "sig");
            assertThat((Map<String, Object>) jwks.get("next_signing_key")).containsEntry("alg", c.getValue());
            assertThat(body).containsEntry("key_type", c.getKey());
        }
    }

    @Test
    void otherSpecFieldsAreKeptAndReturnedAsGiven() {
        String extras = """
                "description": "a workspace", "template": true, "pushed_authorization_request_ttl": "1m30s",
                "sso": {"enabled": true, "domain": "example.com", "max_age": "2h0m0s"},
                "advanced": {"disable_par": true, "disallowed_response_modes": ["query", "form_post"]},
                "metadata": {"payload": {"anything": {"nested": [1, "two"]}}},
                "settings": {"default_client_id": "abc"}, "authentication_mechanisms": ["password", "totp"],
                "subject_format": "hash", "token_endpoint_auth_signing_alg_values": ["ES256"],
                "idp_discovery": {"enabled": false, "discovery_mode": "domain_matching"}, "version": 3""";
        Map<String, Object> body = http.create("{\"tenant_id\":\"default\",\"id\":\"extras-ws\"," + extras + "}");

        Map<String, Object> given = json("{" + extras + "}");
        given.forEach((field, value) -> assertThat(body.get(field)).as(field).isEqualTo(value));
        assertThat(http.getServer("extras-ws")).isEqualTo(body);

        // the lighter listWorkspaces projection carries its fields, and the template filter sees the flag
        HttpResponse<String> list = http.get("/api/admin/default/workspaces?template=true", server.adminToken());
        assertThat(list.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> workspaces = (List<Map<String, Object>>) json(list.body()).get("workspaces");
        assertThat(workspaces).extracting(w -> w.get("id")).containsExactly("extras-ws");
        assertThat(workspaces.get(0)).containsEntry("sso", given.get("sso")).containsEntry("template", true)
                .containsEntry("description", "a workspace").containsEntry("type", "regular")
                .containsEntry("issuer_url", server.baseUrl() + "/default/extras-ws")
                .doesNotContainKeys("secret", "jwks");
        HttpResponse<String> one = http.get("/api/admin/default/workspaces/extras-ws", server.adminToken());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one.body())).isEqualTo(body);
    }

    @Test
    void fieldsOutsideTheServerSchemaAreRefusedByName() {
        String before = http.snapshot();
        Map<String, String> bodies = Map.of(
                "{\"tenant_id\":\"default\",\"nope\":1}", "nope",
                "{\"tenant_id\":\"default\",\"sso\":{\"enabled\":true,\"nope\":1}}", "sso.nope",
                "{\"tenant_id\":\"default\",\"dynamic_client_registration\":{\"payload\":{\"nope\":\"x\"}}}",
                "dynamic_client_registration.payload.nope",
                "{\"tenant_id\":\"default\",\"created_at\":\"2020-01-01T00:00:00Z\"}", "created_at");
        bodies.forEach((body, field) -> {
            HttpResponse<String> response = http.post(SERVERS, server.adminToken(), body);
            assertError(response, 400, "'" + field + "'");
            assertThat(json(response.body()).get("details")).isEqualTo(Map.of("field", field,
                    "cause", "the field is not defined by the Server schema"));
        });
        assertThat(http.snapshot()).isEqualTo(before);
    }

    @Test
    void invalidEnumsTypesAndDurationsAre400NamingTheField() {
        String before = http.snapshot();
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("\"type\":\"galaxy\"", "type");
        cases.put("\"profile\":\"enter-workspace-profile-here\"", "profile");
        cases.put("\"access_token_strategy\":\"paper\"", "access_token_strategy");
        cases.put("\"key_type\":\"dsa\"", "key_type");
        cases.put("\"grant_types\":[\"client_credentials\",\"magic\"]", "grant_types[1]");
        cases.put("\"token_endpoint_authn_methods\":[\"carrier_pigeon\"]", "token_endpoint_authn_methods[0]");
        cases.put("\"token_endpoint_auth_methods\":[\"none\",\"x\"]", "token_endpoint_auth_methods[1]");
        cases.put("\"subject_identifier_types\":[\"secret\"]", "subject_identifier_types[0]");
        cases.put("\"subject_format\":\"plain\"", "subject_format");
        cases.put("\"access_token_ttl\":\"1 hour\"", "access_token_ttl");
        cases.put("\"refresh_token_ttl\":\"30d\"", "refresh_token_ttl");
        cases.put("\"access_token_ttl\":\"-1h\"", "access_token_ttl");
        cases.put("\"access_token_ttl\":3600", "access_token_ttl");
        cases.put("\"sso\":{\"max_age\":\"forever\"}", "sso.max_age");
        cases.put("\"grant_types\":\"client_credentials\"", "grant_types");
        cases.put("\"enforce_pkce\":\"yes\"", "enforce_pkce");
        cases.put("\"version\":\"3\"", "version");
        cases.put("\"version\":3.5", "version");
        cases.put("\"name\":5", "name");
        cases.put("\"sso\":[]", "sso");
        cases.put("\"backchannel_token_delivery_modes_supported\":[\"shout\"]",
                "backchannel_token_delivery_modes_supported");
        cases.put("\"dynamic_scope_separator\":\"::\"", "dynamic_scope_separator");
        cases.put("\"token_endpoint_auth_methods\":[\"none\"],\"token_endpoint_authn_methods\":[\"client_secret_post\"]",
                "token_endpoint_auth_methods");
        cases.forEach((field, name) -> {
            HttpResponse<String> response = http.post(SERVERS, server.adminToken(),
                    "{\"tenant_id\":\"default\"," + field + "}");
            assertError(response, 400, null);
            assertThat(json(response.body()).get("details")).as(field).asString().contains("field=" + name);
        });
        assertThat(http.snapshot()).isEqualTo(before);
    }

    @Test
    void badBodiesAndIdsAreRefusedAndChangeNothing() {
        String before = http.snapshot();
        String token = server.adminToken();
        assertError(http.post(SERVERS, token, "{\"tenant_id\":"), 400, "not valid JSON");
        assertError(http.post(SERVERS, token, "[]"), 400, null);
        assertError(http.post(SERVERS, token, "null"), 400, null);
        assertError(http.post(SERVERS, token, "\"text\""), 400, null);
        assertError(http.post(SERVERS, token, ""), 400, "missing");
        assertError(http.post(SERVERS, token, "{\"id\":\"no-tenant\"}"), 400, "tenant_id is required");
        assertError(http.post(SERVERS, token, "{\"tenant_id\":\"system\"}"), 400, "tenant_id");
        assertError(http.post(SERVERS, token, "{\"tenant_id\":\"default\",\"id\":\"has space\"}"), 400, "id");
        assertError(http.post(SERVERS, token, "{\"tenant_id\":\"default\",\"id\":\"a/b\"}"), 400, "id");
        assertError(http.post(SERVERS, token, "{\"tenant_id\":\"default\",\"id\":\"" + "x".repeat(65) + "\"}"),
                400, "id");
        assertError(http.post(SERVERS, token, "{\"tenant_id\":\"default\",\"secret\":\"short\"}"), 400,
                "at least 32");
        assertError(http.post(SERVERS, token, "{\"tenant_id\":\"default\",\"name\":\"" + "n".repeat(256) + "\"}"),
                400, "name");
        assertError(http.post(SERVERS, token, "{\"tenant_id\":\"default\",\"jwks\":{\"keys\":[{\"kty\":\"EC\"}]}}"),
                400, "jwks");
        assertError(http.post(SERVERS, token, "{\"tenant_id\":\"default\"}", "Content-Type", "text/plain"), 415,
                null);
        assertError(http.post(SERVERS + "?with_demo_client=maybe", token, "{\"tenant_id\":\"default\"}"), 400,
                "with_demo_client");
        String huge = "{\"tenant_id\":\"default\",\"description\":\"" + "x".repeat(1_100_000) + "\"}";
        // Expect: 100-continue, as curl sends for large bodies: refused on the Content-Length alone
        var request = java.net.http.HttpRequest.newBuilder(server.uri(SERVERS)).expectContinue(true)
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(huge)).build();
        assertError(server.send(request), 413, null);
        assertThat(http.snapshot()).isEqualTo(before);
    }

    @Test
    void duplicateIdsAre409() {
        http.create("{\"tenant_id\":\"default\",\"id\":\"twice\"}");
        String before = http.snapshot();
        assertError(http.post(SERVERS, server.adminToken(), "{\"tenant_id\":\"default\",\"id\":\"twice\"}"), 409,
                null);
        assertError(http.post(SERVERS, server.adminToken(), "{\"tenant_id\":\"default\",\"id\":\"admin\"}"), 409,
                null);
        assertThat(http.snapshot()).isEqualTo(before);
    }

    @Test
    void documentsStoredBeforeTheWorkspacesApiStillRead() throws Exception {
        var doc = (com.fasterxml.jackson.databind.node.ObjectNode) dev.latchkey.support.Json.MAPPER.valueToTree(
                dev.latchkey.workspace.WorkspaceDefaults.of("default", "old", "Old", "regular", "s".repeat(32),
                        "t".repeat(32), java.time.Instant.EPOCH));
        doc.remove(List.of("description", "template", "extras"));
        doc.put("issuer_url", "");
        var old = dev.latchkey.support.Json.read(doc.toString(), dev.latchkey.workspace.Workspace.class);
        assertThat(old.id()).isEqualTo("old");
        assertThat(old.extras().isEmpty()).isTrue();
        assertThat(old.template()).isFalse();
    }

    @Test
    void unknownWorkspaceIs404AndIfMatchIsHonouredOnGet() {
        assertError(http.get(SERVERS + "/no-such-ws", server.adminToken()), 404, null);
        assertError(http.get("/api/admin/default/workspaces/no-such-ws", server.adminToken()), 404, null);
        HttpResponse<String> get = http.get(SERVERS + "/default", server.adminToken());
        String etag = get.headers().firstValue("ETag").orElseThrow();
        assertThat(http.get(SERVERS + "/default", server.adminToken(), "If-Match", etag).statusCode()).isEqualTo(200);
        assertError(http.get(SERVERS + "/default", server.adminToken(), "If-Match", "\"other\""), 412, null);
    }
}

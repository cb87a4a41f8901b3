package dev.latchkey.keys;

import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workspace creation generates the keys before its transaction (issue 8): many workspaces created at once
 * over HTTP all succeed, each with four keys of its own that its JWKS publishes exactly as the Admin API
 * shows them, and a workspace id created by several requests at once is created once (409 for the others).
 */
class WorkspaceKeysCreationTest {

    private static final int WORKSPACES = 20;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> create(String id, String keyType) {
        String body = Json.write(Map.of("tenant_id", "default", "id", id, "name", id, "key_type", keyType));
        return server.send(HttpRequest.newBuilder(server.uri("/api/admin/default/servers"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + server.adminToken())
                .header("Content-Type", "application/json").build());
    }

    private static List<HttpResponse<String>> createAtOnce(List<String> ids, List<String> keyTypes) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                String keyType = keyTypes.get(i % keyTypes.size());
                futures.add(pool.submit(() -> create(id, keyType)));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                responses.add(f.get());
            }
            return responses;
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void twentyWorkspacesCreatedAtOnceEachHaveFourDistinctKeysThatTheirJwksPublishes() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < WORKSPACES; i++) {
            ids.add("many-" + i);
        }
        List<HttpResponse<String>> responses = createAtOnce(ids, List.of("ecdsa", "rsa", "ps"));

        Set<String> kids = new HashSet<>();
        Set<Object> publicValues = new HashSet<>();
        for (int i = 0; i < WORKSPACES; i++) {
            HttpResponse<String> response = responses.get(i);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            Map<String, Object> jwks = (Map<String, Object>) TestServer.json(response).get("jwks");
            List<Map<String, Object>> shown = new ArrayList<>((List<Map<String, Object>>) jwks.get("keys"));
            shown.add((Map<String, Object>) jwks.get("next_signing_key"));
            shown.add((Map<String, Object>) jwks.get("next_encryption_key"));
            assertThat(shown).extracting(k -> k.get("use")).containsExactlyInAnyOrder("sig", "sig", "enc", "enc");
            String expectedAlg = switch (i % 3) {
                case 0 -> "ES256";
                case 1 -> "RS256";
                default -> "PS256";
            };
            assertThat(shown).filteredOn(k -> "sig".equals(k.get("use"))).extracting(k -> k.get("alg"))
                    .containsOnly(expectedAlg);
            for (Map<String, Object> key : shown) {
                assertThat(kids.add((String) key.get("kid"))).as("kid %s unique", key.get("kid")).isTrue();
                Object value = key.containsKey("n") ? key.get("n") : key.get("x");
                assertThat(publicValues.add(value)).as("key material unique").isTrue();
            }
            // the workspace's JWKS publishes exactly the keys the Admin API shows
            HttpResponse<String> published = server.get("/default/" + ids.get(i) + "/.well-known/jwks.json");
            assertThat(published.statusCode()).isEqualTo(200);
            List<Map<String, Object>> jwksKeys = (List<Map<String, Object>>) TestServer.json(published).get("keys");
            assertThat(jwksKeys).extracting(k -> k.get("kid"))
                    .containsExactlyInAnyOrderElementsOf(shown.stream().map(k -> k.get("kid")).toList());
        }
        assertThat(kids).hasSize(4 * WORKSPACES);
    }

    @Test
    void oneIdCreatedByManyRequestsAtOnceIsCreatedOnce() throws Exception {
        List<String> ids = java.util.Collections.nCopies(6, "same-id");
        List<HttpResponse<String>> responses = createAtOnce(ids, List.of("ecdsa"));
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201, 409)
                .filteredOn(status -> status == 201).hasSize(1);
        HttpResponse<String> published = server.get("/default/same-id/.well-known/jwks.json");
        assertThat((List<?>) TestServer.json(published).get("keys")).hasSize(4);
    }
}

package dev.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.http.api.ApiRoutes;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API reference: {@code /api/openapi.json} describes exactly the routes the server registers (a new
 * route without a description, or a description of a route that is gone, fails here: re-run
 * {@code python3 scripts/gen-openapi.py}); the document is OpenAPI 3 whose references all resolve and
 * whose security says which workspace's token each group needs; {@code /api/docs} is a Swagger UI page
 * whose files are served. Both need no token and spend no rate limit (the server runs with limits on).
 */
class OpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head",
            "options", "trace");

    static TestServer server;
    static JsonNode document;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(TestServer.freePort(), config -> config.withRateLimits("default"));
        HttpResponse<String> response = server.get("/api/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        document = JSON.readTree(response.body());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String normalise(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    @Test
    void everyServedRouteIsDescribedAndEveryDescribedRouteIsServed() {
        List<ApiRoutes.Route> routes = server.server().parts().routes();
        assertThat(routes).hasSizeGreaterThan(40);
        Set<String> served = new TreeSet<>();
        routes.forEach(route -> served.add(route.method() + " " + normalise(route.path())));
        Set<String> described = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> METHODS.forEach(method -> {
            if (path.getValue().has(method)) {
                described.add(method.toUpperCase() + " " + normalise(path.getKey()));
            }
        }));

        Set<String> notDescribed = new TreeSet<>(served);
        notDescribed.removeAll(described);
        Set<String> notServed = new TreeSet<>(described);
        notServed.removeAll(served);
        assertThat(notDescribed).as("served but not described (run python3 scripts/gen-openapi.py)").isEmpty();
        assertThat(notServed).as("described but not served (run python3 scripts/gen-openapi.py)").isEmpty();
        assertThat(served).contains("POST /{}/{}/oauth2/token", "GET /alive", "POST /api/admin/{}/servers",
                "GET /api/openapi.json", "GET /api/docs");
    }

    @Test
    void documentIsOpenApi3() {
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(document.path("info").path("title").asText()).isNotBlank();
        assertThat(document.path("info").path("version").asText()).isNotBlank();
        assertThat(document.path("paths").size()).isGreaterThan(30);
        Set<String> operationIds = new HashSet<>();
        document.get("paths").fields().forEachRemaining(path -> {
            Set<String> templated = new LinkedHashSet<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
            while (m.find()) {
                templated.add(m.group(1));
            }
            METHODS.forEach(method -> {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    return;
                }
                String where = method.toUpperCase() + " " + path.getKey();
                assertThat(operationIds.add(op.path("operationId").asText())).as("unique operationId: " + where)
                        .isTrue();
                assertThat(op.path("responses").size()).as("responses of " + where).isPositive();
                Set<String> declared = new HashSet<>();
                op.path("parameters").forEach(p -> {
                    assertThat(p.has("schema") || p.has("content")).as("parameter schema in " + where).isTrue();
                    assertThat(p.has("type")).as("Swagger 2 leftover in " + where).isFalse();
                    if (p.path("in").asText().equals("path")) {
                        declared.add(p.path("name").asText());
                        assertThat(p.path("required").asBoolean()).as("required path parameter " + where).isTrue();
                    }
                    assertThat(p.path("in").asText()).isIn("path", "query", "header", "cookie");
                });
                assertThat(declared).as("path parameters of " + where).isEqualTo(templated);
                op.path("responses").forEach(r -> assertThat(r.has("$ref") || r.has("description")).isTrue());
            });
        });
    }

    @Test
    void everyReferenceResolvesInsideTheDocument() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).hasSizeGreaterThan(100);
        for (String ref : new TreeSet<>(refs)) {
            assertThat(ref).as("local reference").startsWith("#/components/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as("unresolved " + ref).isFalse();
        }
        assertThat(JSON.valueToTree(document).toString()).doesNotContain("#/definitions/")
                .doesNotContain("\"x-nullable\"");
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, refs));
        }
    }

    @Test
    void securitySaysWhichWorkspaceTokenEachGroupNeeds() {
        JsonNode schemes = document.at("/components/securitySchemes");
        assertThat(schemes.path("admin").path("description").asText()).contains("`admin` workspace");
        assertThat(schemes.path("system").path("description").asText()).contains("`system` workspace")
                .contains("scope");
        assertThat(schemes.path("setup").path("description").asText()).contains("`system` tenant");
        assertThat(schemes.path("adminSystem").path("description").asText()).contains("`system` tenant");
        assertThat(schemes.path("clientSecretBasic").path("description").asText())
                .contains("client_secret_basic").contains("client_secret_post");
        assertThat(document.at("/info/description").asText()).contains("## Authentication")
                .contains("Admin API").contains("System API").contains("Root API").contains("X-Idempotency-Key");

        document.get("paths").fields().forEachRemaining(path -> METHODS.forEach(method -> {
            JsonNode op = path.getValue().get(method);
            if (op == null) {
                return;
            }
            String where = method.toUpperCase() + " " + path.getKey();
            Set<String> schemesUsed = new TreeSet<>();
            op.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(schemesUsed::add));
            String p = path.getKey();
            if (p.startsWith("/api/admin/tenants/") || p.startsWith("/api/system/tenants")
                    || p.startsWith("/api/system/configuration")) {
                assertThat(schemesUsed).as(where).containsExactly("adminSystem", "setup");
            } else if (p.startsWith("/api/admin/")) {
                assertThat(schemesUsed).as(where).containsExactly("admin");
            } else if (p.startsWith("/api/system/")) {
                assertThat(schemesUsed).as(where).containsExactly("system");
                assertThat(op.at("/security/0/system").size()).as("scope of " + where).isPositive();
            } else if (p.endsWith("/oauth2/token")) {
                assertThat(schemesUsed).as(where).containsExactly("clientSecretBasic");
            } else if (p.endsWith("/oauth2/introspect") || p.endsWith("/oauth2/revoke")) {
                assertThat(schemesUsed).as(where).containsExactly("clientSecretBasic", "default");
            } else if (p.endsWith("/userinfo")) {
                assertThat(schemesUsed).as(where).containsExactly("default");
            } else if (p.contains("/oauth2/register")) {
                assertThat(schemesUsed).as(where).containsExactly("default");
            } else {
                assertThat(schemesUsed).as(where + " needs no token").isEmpty();
            }
            for (String scheme : schemesUsed) {
                assertThat(schemes.has(scheme)).as(scheme + " defined").isTrue();
            }
        }));
    }

    @Test
    void referenceNeedsNoTokenAndSpendsNoRateLimit() {
        for (String path : List.of("/api/openapi.json", "/api/docs", "/api/docs/swagger-ui.css")) {
            HttpResponse<String> response = server.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).as(path).isEmpty();
        }
        // limits are on in this server: a management call does spend from its bucket
        HttpResponse<String> limited = server.get("/api/admin/default/tenant",
                "Authorization", "Bearer " + server.adminToken());
        assertThat(limited.headers().firstValue("X-RateLimit-Limit")).isPresent();
    }

    @Test
    void documentIsJsonWithAnETag() {
        HttpResponse<String> response = server.get("/api/openapi.json");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("application/json"));
        String etag = response.headers().firstValue("ETag").orElseThrow();
        assertThat(server.get("/api/openapi.json", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(server.get("/api/openapi.json", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void docsPageLoadsSwaggerUiFilesThatAreServed() {
        HttpResponse<String> page = server.get("/api/docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v ->
                assertThat(v).contains("script-src 'self'"));

        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        Map<String, String> expectedTypes = Map.of(".js", "text/javascript", ".css", "text/css", ".png", "image/png");
        List<String> loaded = new ArrayList<>();
        while (m.find()) {
            String target = m.group(1);
            assertThat(target).as("relative to /api/docs").startsWith("docs/");
            String path = "/api/" + target;
            HttpResponse<String> asset = server.get(path);
            assertThat(asset.statusCode()).as(path).isEqualTo(200);
            assertThat(asset.body()).as(path).isNotEmpty();
            String type = expectedTypes.get(target.substring(target.lastIndexOf('.')));
            assertThat(asset.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(v ->
                    assertThat(v).startsWith(type));
            loaded.add(target);
        }
        assertThat(loaded).contains("docs/swagger-ui-bundle.js", "docs/swagger-ui.css", "docs/latchkey-docs.js");
        String start = server.get("/api/docs/latchkey-docs.js").body();
        assertThat(start).contains("SwaggerUIBundle(").contains("url: \"openapi.json\"");
        assertThat(server.get("/api/docs/swagger-ui-bundle.js").body()).contains("SwaggerUIBundle");
    }

    @Test
    void onlySwaggerUiFilesOfKnownTypesAreServed() {
        for (String path : List.of("/api/docs/nothing.js", "/api/docs/index.html", "/api/docs/oauth2-redirect.html",
                "/api/docs/..%2F..%2Fpom.properties", "/api/docs/.hidden.js", "/api/docs/swagger-ui.css.map")) {
            HttpResponse<String> response = server.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(TestServer.json(response)).as(path).containsEntry("error_code", "not_found");
        }
    }
}

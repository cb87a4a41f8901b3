package dev.latchkey.oauth.authorize;

import dev.latchkey.grant.AuthorizationCodeRepository;
import dev.latchkey.grant.JdbiAuthorizationCodeRepository;
import dev.latchkey.support.Json;
import dev.latchkey.support.TokenHashes;
import dev.latchkey.testing.TestServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared set-up of the authorization endpoint tests: workspaces, clients and static IDPs created through
 * the Admin API, and a "browser" (java.net.http with redirects not followed and its own cookie jar).
 */
final class AuthorizeTestKit {

    static final String REDIRECT = "https://client.example.com/cb";
    static final String VERIFIER = "dBjftJeZ4CVP-mJ0kXsa1fd3oxRJ4kJ1BPQmPr5kjr8-verifier-0123";

    final TestServer server;

    AuthorizeTestKit(TestServer server) {
        this.server = server;
    }

    /** A regular workspace allowing the code flow; {@code extra} is spliced into the JSON (e.g. PKCE flags). */
    void workspace(String id, String extra) {
        String body = """
                {"tenant_id": "default", "id": "%s", "name": "Workspace %s", "type": "regular",
                 "grant_types": ["client_credentials", "authorization_code"],
                 "token_endpoint_authn_methods": ["none", "client_secret_basic", "client_secret_post"],
                 "access_token_ttl": "1h0m0s", "refresh_token_ttl": "720h0m0s", "authorization_code_ttl": "10m0s",
                 "id_token_ttl": "1h0m0s", "cookie_max_age": "1h0m0s"%s}""".formatted(id, id,
                extra.isEmpty() ? "" : ", " + extra);
        HttpResponse<String> r = api("POST", "/api/admin/default/servers", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** A client of {@code default/ws}; returns its client_id. */
    String client(String ws, List<String> redirectUris, String authMethod, List<String> grantTypes) {
        String body = """
                {"tenant_id": "default", "authorization_server_id": "%s", "client_name": "web app",
                 "grant_types": %s, "response_types": ["code"], "redirect_uris": %s,
                 "scopes": ["openid", "profile", "email"], "token_endpoint_auth_method": "%s"}""".formatted(ws,
                Json.write(grantTypes), Json.write(redirectUris), authMethod);
        HttpResponse<String> r = api("POST", "/api/admin/default/clients", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return (String) TestServer.json(r).get("client_id");
    }

    String client(String ws) {
        return client(ws, List.of(REDIRECT), "client_secret_basic", List.of("authorization_code"));
    }

    /** A static IDP with user {@code un1} / {@code pass1}; {@code idpJson} replaces the defaults given. */
    void idp(String ws, String id, String mappings, String staticAmr, String authnContext) {
        String body = """
                {"id": "%s", "tenant_id": "default", "authorization_server_id": "%s", "name": "Sandbox %s",
                 "method": "static", "mappings": %s, "static_amr": %s,
                 "credentials": {"users": [{"username": "un1", "password": "pass1",
                    "authentication_context": %s}]}}""".formatted(id, ws, id, mappings, staticAmr, authnContext);
        HttpResponse<String> r = api("POST", "/api/admin/default/servers/" + ws + "/idps/static", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    void idp(String ws, String id) {
        idp(ws, id, "[{\"source\": \".\", \"target\": \".\", \"type\": \"any\"}]", "[]",
                "{\"name\": \"user1\", \"email\": \"user1@example.com\"}");
    }

    HttpResponse<String> api(String method, String path, String body) {
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + server.adminToken()).build());
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The query of an authorization request: {@code name, value, ...} (null values left out). */
    static String query(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                b.append(b.isEmpty() ? "" : "&").append(pairs[i]).append('=').append(enc(pairs[i + 1]));
            }
        }
        return b.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The parameters of a query or fragment string. */
    static Map<String, String> params(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The parameters a redirect carries in its Location (query, or fragment when {@code fragment}). */
    static Map<String, String> redirectParams(HttpResponse<String> r, boolean fragment) {
        URI location = URI.create(r.headers().firstValue("Location").orElseThrow());
        return params(fragment ? location.getRawFragment() : location.getRawQuery());
    }

    static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location: "
                + r.statusCode() + " " + r.body()));
    }

    /** The value of a hidden field of an HTML form. */
    static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
        return m.find() ? m.group(1).replace("&amp;", "&").replace("&#34;", "\"").replace("&quot;", "\"") : null;
    }

    AuthorizationCodeRepository codes() {
        return new JdbiAuthorizationCodeRepository(server.server().database().jdbi());
    }

    AuthorizationCodeRepository.Redemption redeem(String code) {
        return codes().redeem(TokenHashes.hash(code), server.clock.instant());
    }

    long count(String sql) {
        return server.server().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    Browser browser() {
        return new Browser();
    }

    /** A user agent: its own cookies, redirects not followed. */
    final class Browser {

        final CookieManager cookies = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(cookies).build();

        HttpResponse<String> get(String pathOrUrl) {
            return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET().build());
        }

        HttpResponse<String> post(String pathOrUrl, String form) {
            return send(HttpRequest.newBuilder(uri(pathOrUrl)).POST(HttpRequest.BodyPublishers.ofString(form))
                    .header("Content-Type", "application/x-www-form-urlencoded").build());
        }

        HttpResponse<String> authorize(String ws, String query) {
            return get("/default/" + ws + "/oauth2/authorize?" + query);
        }

        /** Posts the login form of a login page (GET {@code loginUrl}) with these credentials. */
        HttpResponse<String> login(String loginUrl, String username, String password) {
            HttpResponse<String> page = get(loginUrl);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            return post(loginUrl.replaceFirst("\\?.*$", ""), query("request_id", field(page.body(), "request_id"),
                    "csrf", field(page.body(), "csrf"), "idp", field(page.body(), "idp"),
                    "username", username, "password", password));
        }

        private URI uri(String pathOrUrl) {
            return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : server.uri(pathOrUrl);
        }

        HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

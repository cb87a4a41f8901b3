package dev.latchkey.http.console;

import dev.latchkey.console.Htmx;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's progressive enhancement over plain HTTP: htmx served by the console itself, allowed by the CSP,
 * and the lists answering htmx's requests ({@code HX-Request}) with their results fragment only, every other
 * request (a browser without JavaScript, htmx's reload for the back button) with the whole page.
 */
class ConsoleHtmxTest {

    private static TestServer server;
    private static ConsoleHttp console;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        console = new ConsoleHttp(server);
        console.signIn();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theConsoleServesHtmxFromItsWebjarForLong() throws Exception {
        HttpResponse<String> page = console.get("/app/default/admin/workspaces");
        assertThat(page.body()).contains("<script src=\"/app/htmx.min.js?v=" + Htmx.VERSION + "\" defer></script>");
        assertThat(Htmx.VERSION).startsWith("2.");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .containsPattern("script-src 'self' 'nonce-[^']+';").contains("connect-src 'self'")
                .doesNotContain("unsafe-eval").doesNotContain("unsafe-inline");

        HttpResponse<String> script = new ConsoleHttp(server).get("/app/htmx.min.js?v=" + Htmx.VERSION);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(script.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(script.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(script.body()).contains("htmx").hasSizeGreaterThan(10_000);
    }

    @Test
    void theWorkspaceListAnswersHtmxWithItsResultsOnlyAndEveryoneElseWithThePage() throws Exception {
        String path = "/app/default/admin/workspaces?q=adm";
        HttpResponse<String> fragment = console.get(path, "HX-Request", "true");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body().strip()).startsWith("<div id=\"results\"").endsWith("</div>")
                .contains("data-id=\"admin\"").doesNotContain("data-id=\"default\"")
                .doesNotContain("<html").doesNotContain("<nav aria-label=\"Console\"").doesNotContain("id=\"q\"");
        assertThat(fragment.headers().firstValue("Vary").orElseThrow()).contains("HX-Request");
        assertThat(fragment.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> page = console.get(path);
        assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("<div id=\"results\"")
                .contains("data-id=\"admin\"").contains("id=\"q\"").contains("value=\"adm\"")
                .contains("hx-get=\"/app/default/admin/workspaces\"").contains("hx-push-url=\"true\"");

        HttpResponse<String> back = console.get(path, "HX-Request", "true", "HX-History-Restore-Request", "true");
        assertThat(back.body()).startsWith("<!DOCTYPE html>");
    }

    @Test
    void theApplicationListAnswersHtmxWithItsResultsOnlyAndItsPagingLinksSwapInPlace() throws Exception {
        String path = "/app/default/admin/workspaces/admin/apps?q=console";
        HttpResponse<String> fragment = console.get(path, "HX-Request", "true");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body().strip()).startsWith("<div id=\"results\"").contains("data-id=\"console\"")
                .doesNotContain("<html").doesNotContain("id=\"q\"");
        assertThat(console.get(path).body()).startsWith("<!DOCTYPE html>").contains("data-id=\"console\"")
                .contains("contains the text, ignoring case");

        for (int i = 0; i < WorkspacePages.PAGE; i++) {
            HttpResponse<String> created = server.send(HttpRequest.newBuilder(server.uri("/api/admin/default/clients"))
                    .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"tenant_id": "default", "authorization_server_id": "default", "client_name": "paged %02d",
                             "grant_types": ["client_credentials"], "scopes": []}""".formatted(i))).build());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        HttpResponse<String> first = console.get("/app/default/admin/workspaces/default/apps?q=paged",
                "HX-Request", "true");
        assertThat(first.body()).containsPattern("<a href=\"([^\"]+)\" rel=\"next\" id=\"next-page\" hx-get=\"\\1\" "
                + "hx-target=\"#results\" hx-swap=\"outerHTML\" hx-push-url=\"true\">Next</a>")
                .contains("?q=paged&amp;after=");
    }
}

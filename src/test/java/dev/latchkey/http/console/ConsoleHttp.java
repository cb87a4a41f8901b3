package dev.latchkey.http.console;

import dev.latchkey.testing.LoginWalker;
import dev.latchkey.testing.TestServer;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The console over plain HTTP, as a browser without JavaScript: keeps cookies, follows no redirect. */
final class ConsoleHttp {

    private final TestServer server;
    private final HttpClient http;

    ConsoleHttp(TestServer server) {
        this(server, HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    private ConsoleHttp(TestServer server, HttpClient http) {
        this.server = server;
        this.http = http;
    }

    /** The same browser (its cookies) talking to {@code node}: nodes behind one URL, no sticky sessions. */
    ConsoleHttp on(TestServer node) {
        return new ConsoleHttp(node, http);
    }

    /** The value of this browser's cookie {@code name}, or null. */
    String cookie(String name) {
        return ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name)).map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    /** GET with request headers (name, value, ...). */
    HttpResponse<String> get(String pathOrUrl, String... headers) throws Exception {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : server.uri(pathOrUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in to tenant default's console as the bootstrap administrator; returns the session's CSRF token. */
    String signIn() throws Exception {
        HttpResponse<String> start = get("/app/default/admin");
        assertThat(start.statusCode()).isEqualTo(303);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        var credentials = server.server().bootstrapCredentials().orElseThrow();
        URI callback = new LoginWalker().login(server.uri(authorize),
                server.baseUrl() + "/app/default/admin/callback", credentials.consoleUsername(),
                credentials.consolePassword());
        HttpResponse<String> signedIn = get(callback.toString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/app/default/admin/workspaces");
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("latchkey_console=").contains("HttpOnly").contains("SameSite=Lax")
                .contains("Path=/app/default/admin").doesNotContain("Secure");
        HttpResponse<String> page = get("/app/default/admin/workspaces");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        return csrf.group(1);
    }
}

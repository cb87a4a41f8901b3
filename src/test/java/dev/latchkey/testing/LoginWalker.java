package dev.latchkey.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks Latchkey's login pages the way a browser would, over plain HTTP: follows redirects, keeps cookies,
 * fills the first form of each page (the password field gets the password, text and email fields the
 * username, hidden fields keep their values) and submits it, until a redirect leaves for the client's
 * redirect URI, which is returned. No knowledge of the form's field names is built in.
 */
public final class LoginWalker {

    private static final Pattern FORM = Pattern.compile("<form[^>]*>[\\s\\S]*?</form>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input[^>]*>", Pattern.CASE_INSENSITIVE);

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** The callback URI (with code, state and iss) reached from {@code authorizationUrl}. */
    public URI login(URI authorizationUrl, String redirectUri, String username, String password)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(authorizationUrl).GET().build();
        for (int hop = 0; hop < 10; hop++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            URI at = request.uri();
            if (response.statusCode() >= 300 && response.statusCode() < 400) {
                URI next = at.resolve(response.headers().firstValue("Location").orElseThrow());
                if (next.toString().startsWith(redirectUri)) {
                    return next;
                }
                request = HttpRequest.newBuilder(next).GET().build();
                continue;
            }
            Matcher form = FORM.matcher(response.body());
            if (response.statusCode() != 200 || !form.find()) {
                throw new IllegalStateException("expected a login form at " + at + ", got " + response.statusCode()
                        + ": " + response.body());
            }
            String formHtml = form.group();
            String formTag = formHtml.substring(0, formHtml.indexOf('>') + 1);
            List<String> fields = new ArrayList<>();
            Matcher input = INPUT.matcher(formHtml);
            while (input.find()) {
                String tag = input.group();
                String name = attribute(tag, "name");
                String type = attribute(tag, "type") == null ? "text" : attribute(tag, "type").toLowerCase();
                if (name == null || type.equals("submit") || type.equals("checkbox")) {
                    continue;
                }
                String value = switch (type) {
                    case "password" -> password;
                    case "text", "email" -> username;
                    default -> attribute(tag, "value") == null ? "" : attribute(tag, "value");
                };
                fields.add(encode(name) + "=" + encode(value));
            }
            String action = attribute(formTag, "action");
            request = HttpRequest.newBuilder(action == null ? at : at.resolve(action))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("&", fields))).build();
        }
        throw new IllegalStateException("too many redirects");
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\s*=\\s*(\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE)
                .matcher(tag);
        if (!m.find()) {
            return null;
        }
        String raw = m.group(2) != null ? m.group(2) : m.group(3);
        return raw.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#x2F;", "/").replace("&#47;", "/").replace("&amp;", "&");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

package dev.latchkey.oauth.authorize;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Redirect URI matching (RFC 6749 §3.1.2.3, RFC 9700 §2.1 and §4.1.3): exact string comparison with the
 * client's registered URIs, with one exception, native apps' loopback redirects (RFC 8252 §7.3): a
 * registered {@code http://127.0.0.1/...} or {@code http://[::1]/...} URI matches the same URI with any
 * port. {@code localhost} gets no exception (RFC 8252 §8.3). A request may omit the parameter only when
 * the client registered exactly one URI.
 */
final class RedirectUris {

    private RedirectUris() {
    }

    /** The redirect URI to answer at, or empty when {@code requested} matches none (or is ambiguous). */
    static Optional<String> resolve(List<String> registered, String requested) {
        if (requested == null) {
            return registered.size() == 1 ? Optional.of(registered.get(0)) : Optional.empty();
        }
        for (String uri : registered) {
            if (uri.equals(requested) || loopbackMatch(uri, requested)) {
                return Optional.of(requested);
            }
        }
        return Optional.empty();
    }

    private static boolean loopbackMatch(String registered, String requested) {
        try {
            URI a = new URI(registered);
            URI b = new URI(requested);
            if (!"http".equals(a.getScheme()) || !"http".equals(b.getScheme()) || !isLoopback(a.getHost())
                    || !a.getHost().equals(b.getHost()) || a.getRawUserInfo() != null || b.getRawUserInfo() != null) {
                return false;
            }
            return eq(a.getRawPath(), b.getRawPath()) && eq(a.getRawQuery(), b.getRawQuery())
                    && a.getRawFragment() == null && b.getRawFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("127.0.0.1") || host.toLowerCase(Locale.ROOT).equals("[::1]"));
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}

package dev.latchkey.oauth.authorize;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A response of the authorization endpoint to the client (RFC 6749 §4.1.2 and §4.1.2.1): the redirect
 * URI, how the parameters travel ({@code query}, {@code fragment} or {@code form_post}) and the
 * parameters ({@code code} or {@code error}..., {@code state}, and always {@code iss}, RFC 9207).
 * Immutable.
 */
public record AuthorizationResponse(String redirectUri, String responseMode, Map<String, String> params) {

    public static final String QUERY = "query";
    public static final String FRAGMENT = "fragment";
    public static final String FORM_POST = "form_post";

    public AuthorizationResponse {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** An error response (§4.1.2.1) with the request's {@code state} and the issuer. */
    public static AuthorizationResponse error(String redirectUri, String responseMode, String error,
                                              String description, String state, String issuer) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("error", error);
        p.put("error_description", description);
        if (state != null) {
            p.put("state", state);
        }
        p.put("iss", issuer);
        return new AuthorizationResponse(redirectUri, responseMode, p);
    }

    public boolean formPost() {
        return FORM_POST.equals(responseMode);
    }

    /**
     * The URL to redirect the browser to: the parameters added to the query of the redirect URI (keeping
     * its own query, §3.1.2) or put in the fragment. Not for {@code form_post}.
     */
    public String location() {
        StringJoiner encoded = new StringJoiner("&");
        params.forEach((k, v) -> encoded.add(encode(k) + "=" + encode(v)));
        if (FRAGMENT.equals(responseMode)) {
            return redirectUri + "#" + encoded;
        }
        return redirectUri + (redirectUri.contains("?") ? "&" : "?") + encoded;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

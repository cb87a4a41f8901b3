package dev.latchkey.oauth.endpoint;

import dev.latchkey.oauth.FormParams;
import dev.latchkey.oauth.OAuthException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.Locale;

/** Reading the {@code application/x-www-form-urlencoded} body of an OAuth request. */
final class FormBodies {

    private FormBodies() {
    }

    /** True when the request declares a form body. */
    static boolean isForm(ServerRequest req) {
        return req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded");
    }

    /** The form of a request that must be a form POST; anything else is {@code invalid_request}. */
    static FormParams required(ServerRequest req) {
        if (!isForm(req)) {
            throw OAuthException.invalidRequest("The request must be application/x-www-form-urlencoded");
        }
        return FormParams.parse(req.content().hasEntity() ? req.content().as(String.class) : "");
    }

    static String authorization(ServerRequest req) {
        return req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
    }
}

package dev.latchkey.oauth.endpoint;

import dev.latchkey.oauth.FormParams;
import dev.latchkey.oauth.OAuthException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;

/** Reading the {@code application/x-www-form-urlencoded} body of an OAuth request. */
final class FormBodies {

    private static final long SMALL_BODY = 64 * 1024;

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
        return FormParams.parse(text(req));
    }

    /**
     * The body as text ("" without one). A small body of declared length is read straight into an array of that
     * length (Helidon's {@code as(String.class)} reads through 16 KB buffers and copies: most of a token request's
     * garbage); others, chunked or large, the general way. Either way the server's body-size limit applies.
     */
    static String text(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return "";
        }
        OptionalLong length = req.headers().contentLength();
        if (length.isEmpty() || length.getAsLong() > SMALL_BODY) {
            return req.content().as(String.class);
        }
        byte[] bytes = new byte[(int) length.getAsLong()];
        int read;
        try {
            var in = req.content().inputStream();
            read = in.readNBytes(bytes, 0, bytes.length);
            if (read == bytes.length) {
                // reach the entity's end (-1), so that Helidon sees it consumed; else, after the handler, it drains
                // the nothing that is left through a 2 KB array of its own: 7 % of a token request's garbage
                in.read();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String(bytes, 0, read, charset(req));
    }

    private static Charset charset(ServerRequest req) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (type.indexOf("charset") < 0) {
            return StandardCharsets.UTF_8; // what as(String.class) assumes too
        }
        return req.headers().contentType().flatMap(HttpMediaType::charset).map(Charset::forName)
                .orElse(StandardCharsets.UTF_8);
    }

    static String authorization(ServerRequest req) {
        return req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
    }
}

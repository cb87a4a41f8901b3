package dev.latchkey.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 document of every route the server serves. It is generated
 * from Cloudentity's specs by {@code scripts/gen-openapi.py} and shipped as a resource; {@code
 * OpenApiTest} keeps it equal to the routes really registered. No token, no rate limit; answered with an
 * ETag ({@code If-None-Match}: 304).
 */
public final class OpenApiDocument {

    static final String RESOURCE = "openapi/latchkey.json";

    private final byte[] json;
    private final String etag;

    public OpenApiDocument() {
        this.json = resource(RESOURCE);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            this.etag = "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void handle(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        if (req.headers().first(HeaderNames.IF_NONE_MATCH).map(etag::equals).orElse(false)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        Responses.bytes(res, 200, json);
    }

    /** A classpath resource's bytes; a missing one is a broken build, so it fails the start. */
    static byte[] resource(String name) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.latchkey.http;

import dev.latchkey.support.ApiException;
import dev.latchkey.support.Webjars;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code GET /api/docs}: the API reference in Swagger UI, and {@code GET /api/docs/{file}}: the page's
 * files, served from the {@code org.webjars:swagger-ui} jar on the classpath (its version read from the
 * jar's Maven properties, so the pom names it once) plus the page's own start script. Only file names
 * of one path segment with a known type are looked up; what is found is kept in memory. The page loads
 * nothing from elsewhere (Content-Security-Policy). No token, no rate limit.
 */
public final class OpenApiUi {

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String OWN_SCRIPT = "latchkey-docs.js";
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Map<String, String> TYPES = Map.of(
            ".js", "text/javascript; charset=utf-8",
            ".css", "text/css; charset=utf-8",
            ".png", "image/png");
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

    private record Asset(String contentType, byte[] bytes) {
    }

    private final String webjarFolder;
    private final byte[] page;
    private final Map<String, Asset> assets = new ConcurrentHashMap<>();

    public OpenApiUi() {
        this.webjarFolder = WEBJAR + swaggerUiVersion() + "/";
        this.page = OpenApiDocument.resource("openapi/docs.html");
        assets.put(OWN_SCRIPT, new Asset(TYPES.get(".js"), OpenApiDocument.resource("openapi/docs.js")));
    }

    public void page(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header("Content-Security-Policy", CSP);
        res.header("X-Content-Type-Options", "nosniff");
        res.send(page);
    }

    public void asset(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().get("file");
        Asset asset = find(file).orElseThrow(() -> ApiException.notFound("No such file"));
        res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
        res.header("X-Content-Type-Options", "nosniff");
        res.send(asset.bytes());
    }

    private Optional<Asset> find(String file) {
        Asset known = assets.get(file);
        if (known != null) {
            return Optional.of(known);
        }
        int dot = file.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(file.substring(dot));
        if (type == null || !FILE.matcher(file).matches()) {
            return Optional.empty();
        }
        try (InputStream in = OpenApiUi.class.getClassLoader().getResourceAsStream(webjarFolder + file)) {
            if (in == null) {
                return Optional.empty();
            }
            Asset asset = new Asset(type, in.readAllBytes());
            assets.put(file, asset);
            return Optional.of(asset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String swaggerUiVersion() {
        return Webjars.version("org.webjars", "swagger-ui");
    }
}

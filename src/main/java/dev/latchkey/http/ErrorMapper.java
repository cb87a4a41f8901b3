package dev.latchkey.http;

import com.nimbusds.oauth2.sdk.ErrorObject;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.support.ApiException;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Renders every error, in one place. Management APIs ({@code /api/...}) answer Cloudentity's
 * {@code {"status_code", "error", "error_code", "details"}}; everything else answers RFC 6749's
 * {@code {"error", "error_description", "error_hint", "status_code"}}. The status comes from the
 * exception's code. Anything unexpected is logged with an incident id and answered 500 without detail.
 */
public final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(OAuthException.class, ErrorMapper::oauth);
        routing.error(ApiException.class, ErrorMapper::api);
        routing.error(RequestException.class, ErrorMapper::request);
        routing.error(Exception.class, ErrorMapper::unexpected);
    }

    static void oauth(ServerRequest req, ServerResponse res, OAuthException e) {
        if (isApi(req)) {
            write(req, res, e.status(), e.error().getCode(), e.error().getDescription());
            return;
        }
        if (e.basicChallenge()) {
            String realm = req.path().path();
            res.header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"" + realm.replace("\"", "") + "\"");
        }
        ErrorObject error = e.error();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.getCode());
        body.put("error_description", error.getDescription());
        body.put("error_hint", error.getDescription());
        body.put("status_code", e.status());
        Responses.noStore(res, e.status(), body);
    }

    static void api(ServerRequest req, ServerResponse res, ApiException e) {
        if (!isApi(req)) {
            write(req, res, e.status(), e.errorCode(), e.getMessage());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status_code", e.status());
        body.put("error", e.getMessage());
        body.put("error_code", e.errorCode());
        body.put("details", e.details());
        Responses.json(res, e.status(), body);
    }

    /** Helidon's own request errors (malformed requests, payload over the limit). */
    static void request(ServerRequest req, ServerResponse res, RequestException e) {
        int status = e.status().code();
        if (status >= 500) {
            unexpected(req, res, e);
            return;
        }
        String code = status == 413 ? "request_too_large" : "invalid_request";
        write(req, res, status, code, status == 413 ? "The request body is too large" : "Malformed request");
    }

    static void unexpected(ServerRequest req, ServerResponse res, Exception e) {
        String incident = UUID.randomUUID().toString();
        LOG.error("incident {}: unexpected error on {} {}", incident, req.prologue().method().text(),
                req.path().path(), e);
        write(req, res, 500, "server_error", "The server encountered an unexpected condition (incident " + incident
                + ")");
    }

    /** Writes an error of {@code status} in the format of the request's surface. */
    static void write(ServerRequest req, ServerResponse res, int status, String code, String message) {
        if (res.isSent()) {
            return;
        }
        if (isApi(req)) {
            api(req, res, new ApiException(status, code, message));
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", code);
            body.put("error_description", message);
            body.put("error_hint", message);
            body.put("status_code", status);
            Responses.noStore(res, status, body);
        }
    }

    static boolean isApi(ServerRequest req) {
        String path = req.path().path();
        return path.startsWith("/api/") || path.equals("/api");
    }
}

package dev.latchkey.http;

import com.nimbusds.oauth2.sdk.ErrorObject;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.Json;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
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

    /**
     * Requests that Helidon refuses before routing (a {@code Content-Length} over the payload limit, a
     * malformed request line or headers) never reach the handlers above; these direct handlers answer
     * them in the same two formats instead of Helidon's plain text.
     */
    public static DirectHandlers directHandlers() {
        DirectHandler handler = (request, event, status, headers, message) -> {
            int code = status.code();
            if (code >= 500) {
                return DirectHandler.defaultHandler().handle(request, event, status, headers, message);
            }
            String error = code == 413 ? "request_too_large" : "invalid_request";
            String text = code == 413 ? "The request body is too large" : "Malformed request";
            String path = request.path() == null ? "" : request.path();
            Map<String, Object> body = new LinkedHashMap<>();
            if (path.startsWith("/api/") || path.equals("/api")) {
                body.put("status_code", code);
                body.put("error", text);
                body.put("error_code", error);
                body.put("details", Map.of());
            } else {
                body.put("error", error);
                body.put("error_description", text);
                body.put("error_hint", text);
                body.put("status_code", code);
                headers.set(HeaderNames.CACHE_CONTROL, "no-store");
                headers.set(HeaderNames.PRAGMA, "no-cache");
            }
            headers.set(HeaderValues.CONTENT_TYPE_JSON);
            return DirectHandler.TransportResponse.builder().status(Status.create(code)).headers(headers)
                    .entity(Json.bytes(body)).build();
        };
        return DirectHandlers.builder()
                .addHandler(DirectHandler.EventType.BAD_REQUEST, handler)
                .addHandler(DirectHandler.EventType.PAYLOAD_TOO_LARGE, handler)
                .build();
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
        if (e.bearerChallenge() != null) {
            res.header(HeaderNames.WWW_AUTHENTICATE, e.bearerChallenge());
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
        if (e.status() == 401) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer"); // RFC 6750 §3
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

package dev.latchkey.support;

import java.util.Map;

/**
 * A failure of a management API call, rendered as Cloudentity's error JSON
 * {@code {"status_code", "error", "error_code", "details"}} by the HTTP edge. The message is public:
 * it must never carry secrets or internal detail. Unchecked; thrown by domain services and the edge.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final Map<String, Object> details;

    public ApiException(int status, String errorCode, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public ApiException(int status, String errorCode, String message) {
        this(status, errorCode, message, Map.of());
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message);
    }

    public static ApiException unprocessable(String message) {
        return new ApiException(422, "unprocessable_entity", message);
    }
}

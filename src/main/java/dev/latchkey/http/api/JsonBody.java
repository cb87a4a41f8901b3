package dev.latchkey.http.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a management API request body into a record, turning every kind of bad JSON into a 400 in
 * Cloudentity's error format that names the offending field: malformed JSON, a wrong type, an unknown
 * field, an invalid enum or duration. Nothing is changed before the body has been read whole.
 */
public final class JsonBody {

    private JsonBody() {
    }

    public static <T> T read(ServerRequest req, Class<T> type) {
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.isEmpty() && !contentType.startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "The request body must be application/json");
        }
        String body = req.content().hasEntity() ? req.content().as(String.class) : "";
        if (body.isBlank()) {
            throw new ApiException(400, "bad_request", "The request body is missing");
        }
        return parse(body, type);
    }

    public static <T> T parse(String body, Class<T> type) {
        try {
            T value = Json.MAPPER.readValue(body, type);
            if (value == null) {
                throw new ApiException(400, "bad_request", "The request body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw invalid("unknown field '" + e.getPropertyName() + "'", e);
        } catch (InvalidFormatException e) {
            throw invalid("invalid value for '" + path(e) + "'", e);
        } catch (MismatchedInputException e) {
            throw invalid("wrong type for '" + path(e) + "'", e);
        } catch (JsonMappingException e) {
            throw invalid("invalid value for '" + path(e) + "'", e);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "bad_request", "The request body is not valid JSON",
                    Map.of("line", e.getLocation() == null ? 0 : e.getLocation().getLineNr()));
        }
    }

    private static ApiException invalid(String message, JsonMappingException e) {
        String cause = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        // Jackson's own message can quote the input: keep only its first line, cut short
        int newline = cause.indexOf('\n');
        cause = newline >= 0 ? cause.substring(0, newline) : cause;
        cause = cause.length() > 200 ? cause.substring(0, 200) : cause;
        return new ApiException(400, "bad_request", "The request body is invalid: " + message,
                Map.of("field", path(e), "cause", cause));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}

package dev.latchkey.http.api;

import dev.latchkey.support.ApiException;

import java.util.Map;

/** What the paged list queries share: the {@code limit} parameter and the error for a bad query parameter. */
final class QueryParams {

    private QueryParams() {
    }

    /** {@code limit}: 1 to 100, 20 when absent. */
    static int limit(String value) {
        if (value == null) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw bad("limit must be a number from 1 to 100", "limit");
    }

    /** 400 naming the parameter. */
    static ApiException bad(String message, String parameter) {
        return new ApiException(400, "bad_request", "Invalid query parameter: " + message,
                Map.of("parameter", parameter));
    }
}

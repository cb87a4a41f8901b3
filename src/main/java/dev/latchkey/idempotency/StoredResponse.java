package dev.latchkey.idempotency;

import java.util.Map;

/** The answer kept for a replay: status, the headers that matter (name to value) and the body bytes. */
public record StoredResponse(int status, Map<String, String> headers, byte[] body) {

    public StoredResponse {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}

package dev.latchkey.http;

import dev.latchkey.idempotency.IdempotencyKey;
import dev.latchkey.idempotency.IdempotentRequests;
import dev.latchkey.idempotency.StoredResponse;
import dev.latchkey.oauth.token.AccessTokenVerifier;
import dev.latchkey.oauth.token.AccessTokenVerifier.VerifiedToken;
import dev.latchkey.support.ApiException;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code X-Idempotency-Key} on {@code POST /api/...} (rules in {@link IdempotentRequests}). The caller is
 * the tenant and client of its access token; a request without a valid token passes through untouched
 * (the endpoint answers 401/403 and nothing is stored). The body is buffered to hash it (method, path,
 * query and body) and is then read by the endpoint as usual; the answer is copied on its way out and
 * kept only if it is a 2xx: status, {@code Content-Type}, {@code ETag}, {@code Location} and body. A
 * replay sends those with {@code X-Idempotent-Replayed: true} and does not run the endpoint. Other
 * requests (the token endpoint among them) only pay a method and path check.
 */
public final class IdempotencyFilter {

    static final HeaderName KEY = HeaderNames.create("X-Idempotency-Key");
    static final HeaderName REPLAYED = HeaderNames.create("X-Idempotent-Replayed");
    private static final List<HeaderName> KEPT = List.of(HeaderNames.CONTENT_TYPE, HeaderNames.ETAG,
            HeaderNames.LOCATION);
    /** Answers larger than this are not kept (a retry runs again); management answers are far smaller. */
    static final int MAX_STORED_BODY = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotentRequests requests;
    private final AccessTokenVerifier verifier;

    public IdempotencyFilter(IdempotentRequests requests, AccessTokenVerifier verifier) {
        this.requests = requests;
        this.verifier = verifier;
    }

    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (req.prologue().method() != Method.POST || !req.path().path().startsWith("/api/")) {
            chain.proceed();
            return;
        }
        Optional<String> value = req.headers().first(KEY);
        Optional<VerifiedToken> caller = value.isPresent() ? caller(req) : Optional.empty();
        if (value.isEmpty() || caller.isEmpty()) {
            chain.proceed();
            return;
        }
        String keyValue = value.get().strip();
        if (keyValue.length() < 32 || keyValue.length() > 255) {
            throw ApiException.badRequest("X-Idempotency-Key must be 32-255 characters long");
        }
        VerifiedToken token = caller.get();
        String clientId = token.clientId() != null ? token.clientId() : token.subject();
        var key = new IdempotencyKey(token.tenantId(), clientId, sha256(keyValue.getBytes(StandardCharsets.UTF_8)));
        switch (requests.begin(key, requestHash(req))) {
            case IdempotentRequests.Replay replay -> replay(res, replay.response());
            case IdempotentRequests.Run run -> runAndKeep(chain, res, key);
        }
    }

    private void runAndKeep(FilterChain chain, RoutingResponse res, IdempotencyKey key) {
        AtomicBoolean settled = new AtomicBoolean();
        var copy = new IdempotencyResponseCopy(MAX_STORED_BODY);
        Runnable settle = () -> {
            if (settled.compareAndSet(false, true)) {
                settle(res, key, copy);
            }
        };
        res.streamFilter(out -> copy.around(out, settle));
        try {
            chain.proceed();
        } catch (RuntimeException | Error e) {
            if (settled.compareAndSet(false, true)) {
                release(key);
            }
            throw e;
        }
        settle.run(); // answers without a body never close the stream
    }

    private void settle(RoutingResponse res, IdempotencyKey key, IdempotencyResponseCopy copy) {
        int status = res.status().code();
        if (status < 200 || status > 299 || copy.overflowed()) {
            release(key);
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (HeaderName name : KEPT) {
            res.headers().first(name).ifPresent(v -> headers.put(name.defaultCase(), v));
        }
        try {
            requests.complete(key, new StoredResponse(status, headers, copy.bytes()));
        } catch (RuntimeException e) {
            LOG.warn("could not keep the answer of an idempotent request: {}", e.toString());
            release(key);
        }
    }

    private void release(IdempotencyKey key) {
        try {
            requests.release(key);
        } catch (RuntimeException e) {
            LOG.warn("could not release an idempotency key (it expires in a minute): {}", e.toString());
        }
    }

    private static void replay(RoutingResponse res, StoredResponse stored) {
        res.status(stored.status());
        stored.headers().forEach((name, value) -> res.header(name, value));
        res.header(REPLAYED, "true");
        byte[] body = stored.body();
        if (body.length == 0) {
            res.send();
        } else {
            res.send(body);
        }
    }

    private Optional<VerifiedToken> caller(RoutingRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            return Optional.empty();
        }
        return verifier.verify(header.substring(7).trim()).token();
    }

    /** SHA-256 of method, path, query and body; the body stays readable for the endpoint. */
    private static String requestHash(RoutingRequest req) {
        byte[] body = new byte[0];
        if (req.content().hasEntity()) {
            try {
                req.content().buffer(); // up to the server's body limit (Http1Config.maxBufferedEntitySize)
            } catch (IllegalStateException e) {
                throw new ApiException(413, "request_too_large", "The request body is too large");
            }
            body = req.content().as(byte[].class);
        }
        String head = req.prologue().method().text() + " " + req.path().rawPath() + "?" + req.query().rawValue()
                + "\n";
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return sha256(all);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

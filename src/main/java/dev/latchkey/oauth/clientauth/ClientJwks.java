package dev.latchkey.oauth.clientauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.latchkey.client.Client;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * A client's public keys (RFC 7591 §2): its {@code jwks}, or the JWK set at its {@code jwks_uri}, fetched
 * over HTTP(S) with short timeouts and a size limit, kept for {@link #TTL}, and fetched again at once when no
 * key matches (a client that rotated its keys), but at most once per {@link #MIN_REFETCH} for one URI, so
 * that assertions with unknown key ids cannot make the server hammer it. Times come from the injected clock.
 */
final class ClientJwks {

    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration MIN_REFETCH = Duration.ofSeconds(10);
    private static final int TIMEOUT_MILLIS = 2_000;
    private static final int SIZE_LIMIT = 64 * 1024;

    private final Clock clock;
    private final ResourceRetriever retriever = new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS,
            SIZE_LIMIT);
    private final Cache<String, Fetched> fetched = Caffeine.newBuilder().maximumSize(10_000).build();

    private record Fetched(JWKSet keys, Instant at) {
    }

    ClientJwks(Clock clock) {
        this.clock = clock;
    }

    /** The client's keys as a Nimbus key source. */
    JWKSource<SecurityContext> source(Client client) {
        return (selector, context) -> select(client, selector.getMatcher()::matches);
    }

    /** The client's keys that {@code wanted} accepts; a remote set is fetched again once if none does. */
    List<JWK> select(Client client, Predicate<JWK> wanted) throws KeySourceException {
        JsonNode jwks = client.extra().path("jwks");
        if (jwks.isObject()) {
            try {
                return JWKSet.parse(jwks.toString()).getKeys().stream().filter(wanted).toList();
            } catch (ParseException e) {
                throw new KeySourceException("the client's jwks is not a JWK set");
            }
        }
        String uri = client.extra().path("jwks_uri").asText("");
        if (uri.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Fetched current = fetched.getIfPresent(uri);
        if (current == null || !now.isBefore(current.at().plus(TTL))) {
            current = fetch(uri, now);
        }
        List<JWK> keys = current.keys().getKeys().stream().filter(wanted).toList();
        if (keys.isEmpty() && !now.isBefore(current.at().plus(MIN_REFETCH))) {
            keys = fetch(uri, now).keys().getKeys().stream().filter(wanted).toList();
        }
        return keys;
    }

    private Fetched fetch(String uri, Instant now) throws KeySourceException {
        try {
            URI parsed = URI.create(uri);
            if (!"https".equalsIgnoreCase(parsed.getScheme()) && !"http".equalsIgnoreCase(parsed.getScheme())) {
                throw new KeySourceException("jwks_uri must be an http(s) URL");
            }
            URL url = parsed.toURL();
            JWKSet keys = JWKSet.parse(retriever.retrieveResource(url).getContent());
            Fetched result = new Fetched(keys.toPublicJWKSet(), now);
            fetched.put(uri, result);
            return result;
        } catch (IOException | ParseException | IllegalArgumentException e) {
            // remember the failure's time too: a broken jwks_uri is not fetched again at once
            fetched.put(uri, new Fetched(new JWKSet(), now));
            throw new KeySourceException("the client's jwks_uri could not be read");
        }
    }
}

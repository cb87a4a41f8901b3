package dev.latchkey.store;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes rows that can no longer matter: opaque access tokens, authorization codes, refresh tokens, SSO
 * sessions, pending authorization requests, revoked token ids, whole grants (with their codes and
 * tokens), and the console's sessions and sign-ins in progress, whose expiry passed more than
 * {@link #GRACE} ago. Everything here is refused once expired anyway; the grace keeps expired codes and
 * refresh tokens for a while so that a late replay is still recognised as a replay. Every node may run
 * it: the deletes are idempotent. Client assertion ids and idempotency records are swept by their own
 * stores; registration tokens are not swept (their row is the registration).
 */
public final class ExpiredRows {

    /** How long after its expiry a row is kept. */
    public static final Duration GRACE = Duration.ofHours(1);
    /** Tables with an {@code expires_at} column that are swept, children before parents. */
    static final List<String> TABLES = List.of("opaque_tokens", "authorization_codes", "refresh_tokens",
            "grant_access_tokens", "revoked_tokens", "sso_sessions", "authorization_requests", "grants",
            "console_sessions", "console_sign_ins");

    private final Jdbi jdbi;
    private final Clock clock;

    public ExpiredRows(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Sweeps once; returns the rows deleted per table. */
    public Map<String, Integer> sweep() {
        Instant cutoff = clock.instant().minus(GRACE);
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (String table : TABLES) {
            deleted.put(table, jdbi.withHandle(h -> h.createUpdate("DELETE FROM " + table + " WHERE expires_at < :cutoff")
                    .bind("cutoff", cutoff).execute()));
        }
        return deleted;
    }
}

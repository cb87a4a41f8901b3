package dev.latchkey.audit;

import dev.latchkey.support.Xid;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The security events of the OAuth side, as audit events named the way Cloudentity names them
 * ({@code event_subject} / {@code action}): a token issued ({@code access_token}/{@code issued}), a client
 * that failed to authenticate ({@code client}/{@code failed}), a login that failed or succeeded
 * ({@code login}/{@code failed}, {@code login}/{@code accepted}), a token revoked ({@code tokens}/{@code revoked})
 * and a request refused by a rate limit ({@code request}/{@code denied}). They go to an {@link AuditLog} that
 * does not block (the {@link AuditQueue}). Never a token, secret or password; caller-supplied strings are cut
 * to 255 characters. Refusals by a rate limit are recorded at most once a minute per tenant, API group and
 * address, so that a flood does not become a flood of events. Thread-safe.
 */
public final class SecurityEvents {

    /** Where a request came from: its address and user agent (either may be empty). */
    public record Origin(String ip, String userAgent) {

        public static final Origin NONE = new Origin("", "");

        public Origin {
            ip = cut(ip == null ? "" : ip);
            userAgent = cut(userAgent == null ? "" : userAgent);
        }
    }

    private static final int MAX = 255;
    private static final long RATE_LIMIT_WINDOW = Duration.ofMinutes(1).toMillis();
    private static final int RATE_LIMIT_KEYS = 10_000;

    private final AuditLog sink;
    private final Clock clock;
    private final Xid ids;
    private final Map<String, Long> rateLimited = new ConcurrentHashMap<>();

    /** {@code ids}: the events' ids (xids: cheap, no call to the secure random source per event). */
    public SecurityEvents(AuditLog sink, Clock clock, Xid ids) {
        this.sink = sink;
        this.clock = clock;
        this.ids = ids;
    }

    /** Security events switched off ({@code --audit security-off}): every method returns at once. */
    public static SecurityEvents off(Clock clock, Xid ids) {
        return new SecurityEvents(null, clock, ids);
    }

    /** False when security events are off: a caller may then skip gathering an event's inputs (e.g. the origin). */
    public boolean enabled() {
        return sink != null;
    }

    /** Tokens were issued to {@code clientId} for {@code subject} (the client itself for client credentials). */
    public void tokenIssued(Origin origin, String tenantId, String workspaceId, String clientId, String subject,
                            String grantType, List<String> scopes) {
        if (sink == null) {
            return;
        }
        Instant now = clock.instant();
        sink.record(tokenIssuedEvent(ids.next(), now, origin.ip(), origin.userAgent(), tenantId,
                workspaceId, clientId, subject, grantType, scopes == null ? List.of() : List.copyOf(scopes)));
    }

    /**
     * As {@link #tokenIssued(Origin, String, String, String, String, String, List)} with the scopes as the token
     * response has them ({@code scope}: separated by spaces; null or empty: none). The token endpoint's call: the
     * event is captured in one small object ({@link TokenIssued}) and made by the audit writer.
     */
    public void tokenIssued(Origin origin, String tenantId, String workspaceId, String clientId, String subject,
                            String grantType, String scope) {
        if (sink == null) {
            return;
        }
        Instant now = clock.instant(); // one clock read for the time and the id
        sink.record(TokenIssued.of(ids, ids.reserve(now.getEpochSecond()), now, origin, tenantId, workspaceId,
                clientId, subject, grantType, scope));
    }

    /** The event of tokens issued ({@code scopes}: a list of its own). */
    static AuditEvent tokenIssuedEvent(String id, Instant at, String ip, String userAgent, String tenantId,
                                       String workspaceId, String clientId, String subject, String grantType,
                                       List<String> scopes) {
        Map<String, Object> details = Details.of("grant_type", cut(grantType), "client_id", clientId,
                "subject", subject, "scopes", scopes);
        return new AuditEvent(id, tenantId, workspaceId, cut(clientId), cut(subject), "issued", "access_token",
                cut(clientId), ip, userAgent, details, at);
    }

    /**
     * A client failed to authenticate at {@code endpoint} ({@code clientId}: the one it claimed, may be null);
     * {@code error} is the OAuth error code answered.
     */
    public void clientAuthenticationFailed(Origin origin, String tenantId, String workspaceId, String clientId,
                                           String endpoint, String error, String description) {
        if (sink == null) {
            return;
        }
        Map<String, Object> details = Details.of("endpoint", endpoint, "error", error,
                "error_description", cut(description));
        record(origin, tenantId, workspaceId, clientId, null, "client", "failed", clientId, details);
    }

    /** A login form was refused: wrong credentials ({@code invalid_credentials}) or a locked account/address. */
    public void loginFailed(Origin origin, String tenantId, String workspaceId, String clientId, String username,
                            String idpId, String error) {
        if (sink == null) {
            return;
        }
        Map<String, Object> details = Details.of("error", error, "idp", idp(idpId));
        record(origin, tenantId, workspaceId, clientId, username, "login", "failed", username, details);
    }

    /** A user logged in with {@code idpId} ({@code amr}: how). */
    public void loginSucceeded(Origin origin, String tenantId, String workspaceId, String clientId, String subject,
                               String idpId, List<String> amr) {
        if (sink == null) {
            return;
        }
        Map<String, Object> details = Details.of("amr", amr == null ? List.of() : List.copyOf(amr), "idp", idp(idpId));
        record(origin, tenantId, workspaceId, clientId, subject, "login", "accepted", subject, details);
    }

    /**
     * {@code callerClientId} revoked a token of {@code tokenClientId}: {@code type} {@code access_token}, or
     * {@code refresh_token} (its whole grant).
     */
    public void tokenRevoked(Origin origin, String tenantId, String workspaceId, String callerClientId,
                             String tokenClientId, String subject, String type) {
        if (sink == null) {
            return;
        }
        Map<String, Object> details = Details.of("type", type, "token_client_id", tokenClientId);
        record(origin, tenantId, workspaceId, callerClientId, subject, "tokens", "revoked", tokenClientId, details);
    }

    /** A request was refused with 429 by the rate limit of {@code group} ({@code workspaceId} may be null). */
    public void rateLimited(Origin origin, String tenantId, String workspaceId, String group, String path) {
        if (sink == null) {
            return;
        }
        long now = clock.millis();
        String key = tenantId + '\n' + group + '\n' + origin.ip();
        Long last = rateLimited.get(key);
        if (last != null && now - last < RATE_LIMIT_WINDOW) {
            return;
        }
        if (rateLimited.size() >= RATE_LIMIT_KEYS) {
            rateLimited.clear();
        }
        if (last == null ? rateLimited.putIfAbsent(key, now) != null : !rateLimited.replace(key, last, now)) {
            return; // another request recorded it
        }
        Map<String, Object> details = Details.of("reason", "rate_limited", "group", group, "path", cut(path),
                "window_seconds", RATE_LIMIT_WINDOW / 1000);
        record(origin, tenantId, workspaceId, null, null, "request", "denied", group, details);
    }

    private void record(Origin origin, String tenantId, String workspaceId, String clientId, String subject,
                        String eventSubject, String action, String objectId, Map<String, Object> details) {
        Instant now = clock.instant();
        sink.record(new AuditEvent(ids.next(), tenantId, workspaceId, cut(clientId), cut(subject), action,
                eventSubject, cut(objectId), origin.ip(), origin.userAgent(), details, now));
    }

    private static Map<String, Object> idp(String idpId) {
        return Details.of("id", cut(idpId), "method", "static");
    }

    /** {@code value} cut to the 255 characters an event keeps of a caller-supplied string. */
    static String cut(String value) {
        return value == null || value.length() <= MAX ? value : value.substring(0, MAX);
    }
}

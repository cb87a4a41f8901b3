package dev.latchkey.audit;

import dev.latchkey.support.Interned;
import dev.latchkey.support.Xid;

import java.time.Instant;
import java.util.List;

/**
 * The capture of {@link SecurityEvents#tokenIssued}: its id taken but not spelled ({@link Xid#reserve}), its time
 * as two numbers, its strings as given (the scopes as the one space-separated string of the token response). The
 * segment encoder writes it as it is ({@link AuditSegmentEncoder}); {@link #event} makes the event, its id, details
 * and list of scopes for anything else. One object of a few fields waits in the queue instead of the event, its id,
 * time, details and list of scopes. Its strings that are new per request (grant type, scope, address, user agent,
 * a user's subject) are made one object with the previous equal ones ({@link Interned#recent}) while they are in the
 * request thread's cache, so that the writer compares them by reference (the tenant, workspace and client come from
 * the caches and are already).
 *
 * @param id    what {@link Xid#reserve} gave
 * @param scope the scopes granted, separated by spaces (null or empty: none)
 */
record TokenIssued(Xid ids, long id, long epochSecond, int nano, String tenantId, String workspaceId,
                   String clientId, String subject, String grantType, String scope, String ip, String userAgent)
        implements PendingEvent {

    static TokenIssued of(Xid ids, long id, Instant at, SecurityEvents.Origin origin, String tenantId,
                          String workspaceId, String clientId, String subject, String grantType, String scope) {
        return new TokenIssued(ids, id, at.getEpochSecond(), at.getNano(), tenantId, workspaceId, clientId,
                Interned.recent(subject), Interned.recent(grantType), Interned.recent(scope),
                Interned.recent(origin.ip()), Interned.recent(origin.userAgent()));
    }

    /** Its time in microseconds since the epoch, as the segments keep it. */
    long micros() {
        return epochSecond * 1_000_000L + nano / 1000;
    }

    @Override
    public AuditEvent event() {
        List<String> scopes = scope == null || scope.isEmpty() ? List.of() : List.of(scope.split(" "));
        return SecurityEvents.tokenIssuedEvent(ids.id(id), Instant.ofEpochSecond(epochSecond, nano), ip, userAgent,
                tenantId, workspaceId, clientId, subject, grantType, scopes);
    }
}

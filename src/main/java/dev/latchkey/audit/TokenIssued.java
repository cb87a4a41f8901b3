package dev.latchkey.audit;

import dev.latchkey.support.Xid;

import java.time.Instant;
import java.util.List;

/**
 * The capture of {@link SecurityEvents#tokenIssued}: its id taken but not spelled ({@link Xid#reserve}), its time
 * as two numbers, its strings as given (the scopes as the one space-separated string of the token response);
 * the id, the details and the list of scopes are made by {@link #event}, in the audit writer. One object of a few
 * fields waits in the queue instead of the event, its id, time, details and list of scopes.
 */
final class TokenIssued implements PendingEvent {

    private final Xid ids;
    private final long id;
    private final long epochSecond;
    private final int nano;
    private final String tenantId;
    private final String workspaceId;
    private final String clientId;
    private final String subject;
    private final String grantType;
    private final String scope;
    private final String ip;
    private final String userAgent;

    /** {@code id}: what {@link Xid#reserve} gave; {@code scope}: the scopes granted, separated by spaces (null or empty: none). */
    TokenIssued(Xid ids, long id, Instant at, SecurityEvents.Origin origin, String tenantId, String workspaceId, String clientId,
                String subject, String grantType, String scope) {
        this.ids = ids;
        this.id = id;
        this.epochSecond = at.getEpochSecond();
        this.nano = at.getNano();
        this.tenantId = tenantId;
        this.workspaceId = workspaceId;
        this.clientId = clientId;
        this.subject = subject;
        this.grantType = grantType;
        this.scope = scope;
        this.ip = origin.ip();
        this.userAgent = origin.userAgent();
    }

    @Override
    public AuditEvent event() {
        List<String> scopes = scope == null || scope.isEmpty() ? List.of() : List.of(scope.split(" "));
        return SecurityEvents.tokenIssuedEvent(ids.id(id), Instant.ofEpochSecond(epochSecond, nano), ip, userAgent,
                tenantId, workspaceId, clientId, subject, grantType, scopes);
    }
}

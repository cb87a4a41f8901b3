package dev.latchkey.session;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Authorization requests that the authorization endpoint has validated and that wait for the user to
 * log in: the request's parameters by a random request id (carried by the login page).
 */
public interface AuthorizationRequestRepository {

    void insert(String requestId, String tenantId, String workspaceId, Map<String, String> params, Instant expiresAt);

    /** The parameters of a pending request of that workspace, unless unknown or expired at {@code now}. */
    Optional<Map<String, String>> find(String requestId, String tenantId, String workspaceId, Instant now);

    void delete(String requestId);
}

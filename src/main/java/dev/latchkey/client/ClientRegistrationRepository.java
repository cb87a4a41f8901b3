package dev.latchkey.client;

import java.util.Optional;

/**
 * Registration access tokens of dynamically registered clients, by hash. A client has at most one: saving a
 * registration replaces the client's previous one (rotation). Deleting the client deletes its registration.
 */
public interface ClientRegistrationRepository {

    /** Stores {@code registration} in place of the client's previous one, if any. */
    void save(ClientRegistration registration);

    Optional<ClientRegistration> findByTokenHash(String tokenHash);

    /** The registration of a client, locked until the end of the current transaction. */
    Optional<ClientRegistration> findForUpdate(String tenantId, String clientId);
}

package dev.latchkey.client;

import java.util.List;
import java.util.Optional;

/** Stored applications; client ids are unique within a tenant. */
public interface ClientRepository {

    Optional<Client> find(String tenantId, String clientId);

    /**
     * The stored client, read from the database and locked until the surrounding transaction ends, so that
     * a check-then-write (If-Match, secret rotation) cannot lose a concurrent change. Bypasses any cache.
     */
    Optional<Client> findForUpdate(String tenantId, String clientId);

    /** Inserts a new client; a client id already used in the tenant is a duplicate-key failure. */
    void insert(Client client);

    void update(Client client);

    /** Deletes a client; false when there was none. */
    boolean delete(String tenantId, String clientId);

    /** One page of a workspace's clients, in the query's order. */
    List<Client> list(ClientQuery query);
}

package dev.latchkey.client;

import java.util.Optional;

/** Stored applications; client ids are unique within a tenant. */
public interface ClientRepository {

    Optional<Client> find(String tenantId, String clientId);

    void insert(Client client);

    void update(Client client);
}

package dev.latchkey.client;

import dev.latchkey.support.Json;
import dev.latchkey.store.SecretBox;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Optional;

/** {@link ClientRepository} over JDBI; the client secret is encrypted at rest. */
public final class JdbiClientRepository implements ClientRepository {

    private final Jdbi jdbi;
    private final SecretBox box;
    private final Clock clock;

    public JdbiClientRepository(Jdbi jdbi, SecretBox box, Clock clock) {
        this.jdbi = jdbi;
        this.box = box;
        this.clock = clock;
    }

    @Override
    public Optional<Client> find(String tenantId, String clientId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT doc FROM clients WHERE tenant_id = :tid AND id = :id")
                .bind("tid", tenantId).bind("id", clientId).mapTo(String.class).findOne()
                .map(doc -> {
                    Client stored = Json.read(doc, Client.class);
                    String secret = stored.clientSecret() == null || stored.clientSecret().isEmpty()
                            ? stored.clientSecret() : box.decrypt(stored.clientSecret(), context(stored));
                    return stored.withSecret(secret);
                }));
    }

    @Override
    public void insert(Client client) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO clients (tenant_id, workspace_id, id, name, doc, created_at, updated_at)
                        VALUES (:tid, :aid, :id, :name, :doc, :at, :at)""")
                .bind("tid", client.tenantId()).bind("aid", client.authorizationServerId())
                .bind("id", client.clientId()).bind("name", client.clientName())
                .bind("doc", sealed(client)).bind("at", client.createdAt()).execute());
    }

    @Override
    public void update(Client client) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE clients SET name = :name, doc = :doc, updated_at = :at
                        WHERE tenant_id = :tid AND id = :id""")
                .bind("tid", client.tenantId()).bind("id", client.clientId()).bind("name", client.clientName())
                .bind("doc", sealed(client)).bind("at", clock.instant()).execute());
    }

    private String sealed(Client client) {
        String secret = client.clientSecret() == null || client.clientSecret().isEmpty()
                ? client.clientSecret() : box.encrypt(client.clientSecret(), context(client));
        return Json.write(client.withSecret(secret));
    }

    private static String context(Client c) {
        return "client-secret:" + c.tenantId() + "/" + c.clientId();
    }
}

package dev.latchkey.scope;

import dev.latchkey.support.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

/**
 * {@link ScopeRepository} over JDBI. A save is an UPDATE by key followed, when it touched no row, by an
 * INSERT: callers check existence first inside their transaction, so creating an id that exists is
 * answered before, and two concurrent creates end in a duplicate-key failure for one of them.
 */
public final class JdbiScopeRepository implements ScopeRepository {

    private final Jdbi jdbi;

    public JdbiScopeRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<Scope> scopesOf(String tenantId, String workspaceId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT doc FROM scopes WHERE tenant_id = :tid AND workspace_id = :aid ORDER BY name")
                .bind("tid", tenantId).bind("aid", workspaceId).mapTo(String.class)
                .map(doc -> Json.read(doc, Scope.class)).list());
    }

    @Override
    public List<Service> servicesOf(String tenantId, String workspaceId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT doc FROM services WHERE tenant_id = :tid AND workspace_id = :aid ORDER BY name")
                .bind("tid", tenantId).bind("aid", workspaceId).mapTo(String.class)
                .map(doc -> Json.read(doc, Service.class)).list());
    }

    @Override
    public Optional<Scope> findScope(String tenantId, String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT doc FROM scopes WHERE tenant_id = :tid AND id = :id")
                .bind("tid", tenantId).bind("id", id).mapTo(String.class).findOne()
                .map(doc -> Json.read(doc, Scope.class)));
    }

    @Override
    public Optional<Service> findService(String tenantId, String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT doc FROM services WHERE tenant_id = :tid AND id = :id")
                .bind("tid", tenantId).bind("id", id).mapTo(String.class).findOne()
                .map(doc -> Json.read(doc, Service.class)));
    }

    @Override
    public void saveScope(Scope scope) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE scopes SET name = :name, service_id = :sid, doc = :doc
                            WHERE tenant_id = :tid AND id = :id AND workspace_id = :aid""")
                    .bind("tid", scope.tenantId()).bind("aid", scope.authorizationServerId()).bind("id", scope.id())
                    .bind("name", scope.name()).bind("sid", scope.serviceId()).bind("doc", Json.write(scope))
                    .execute();
            if (updated == 0) {
                h.createUpdate("""
                                INSERT INTO scopes (tenant_id, workspace_id, id, name, service_id, doc)
                                VALUES (:tid, :aid, :id, :name, :sid, :doc)""")
                        .bind("tid", scope.tenantId()).bind("aid", scope.authorizationServerId())
                        .bind("id", scope.id()).bind("name", scope.name()).bind("sid", scope.serviceId())
                        .bind("doc", Json.write(scope)).execute();
            }
        });
    }

    @Override
    public void saveService(Service service) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE services SET name = :name, doc = :doc
                            WHERE tenant_id = :tid AND id = :id AND workspace_id = :aid""")
                    .bind("tid", service.tenantId()).bind("aid", service.authorizationServerId())
                    .bind("id", service.id()).bind("name", service.name()).bind("doc", Json.write(service))
                    .execute();
            if (updated == 0) {
                h.createUpdate("""
                                INSERT INTO services (tenant_id, workspace_id, id, name, doc)
                                VALUES (:tid, :aid, :id, :name, :doc)""")
                        .bind("tid", service.tenantId()).bind("aid", service.authorizationServerId())
                        .bind("id", service.id()).bind("name", service.name()).bind("doc", Json.write(service))
                        .execute();
            }
        });
    }

    @Override
    public boolean deleteScope(String tenantId, String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM scopes WHERE tenant_id = :tid AND id = :id")
                .bind("tid", tenantId).bind("id", id).execute() > 0);
    }

    @Override
    public boolean deleteService(String tenantId, String id) {
        return jdbi.inTransaction(h -> {
            deleteScopesOf(h, tenantId, id);
            return h.createUpdate("DELETE FROM services WHERE tenant_id = :tid AND id = :id")
                    .bind("tid", tenantId).bind("id", id).execute() > 0;
        });
    }

    private static void deleteScopesOf(Handle h, String tenantId, String serviceId) {
        h.createUpdate("DELETE FROM scopes WHERE tenant_id = :tid AND service_id = :sid")
                .bind("tid", tenantId).bind("sid", serviceId).execute();
    }
}

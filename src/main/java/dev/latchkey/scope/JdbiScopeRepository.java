package dev.latchkey.scope;

import dev.latchkey.support.Json;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

/** {@link ScopeRepository} over JDBI. */
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
    public void insertService(Service service) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO services (tenant_id, workspace_id, id, name, doc)
                        VALUES (:tid, :aid, :id, :name, :doc)""")
                .bind("tid", service.tenantId()).bind("aid", service.authorizationServerId())
                .bind("id", service.id()).bind("name", service.name()).bind("doc", Json.write(service)).execute());
    }

    @Override
    public void insertScope(Scope scope) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO scopes (tenant_id, workspace_id, id, name, service_id, doc)
                        VALUES (:tid, :aid, :id, :name, :sid, :doc)""")
                .bind("tid", scope.tenantId()).bind("aid", scope.authorizationServerId()).bind("id", scope.id())
                .bind("name", scope.name()).bind("sid", scope.serviceId()).bind("doc", Json.write(scope)).execute());
    }
}

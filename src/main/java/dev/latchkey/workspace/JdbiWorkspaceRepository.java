package dev.latchkey.workspace;

import dev.latchkey.support.Json;
import dev.latchkey.store.SecretBox;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Optional;

/** {@link WorkspaceRepository} over JDBI; the workspace secret is encrypted at rest. */
public final class JdbiWorkspaceRepository implements WorkspaceRepository {

    private final Jdbi jdbi;
    private final SecretBox box;
    private final Clock clock;

    public JdbiWorkspaceRepository(Jdbi jdbi, SecretBox box, Clock clock) {
        this.jdbi = jdbi;
        this.box = box;
        this.clock = clock;
    }

    @Override
    public Optional<Workspace> find(String tenantId, String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT doc FROM workspaces WHERE tenant_id = :tid AND id = :id")
                .bind("tid", tenantId).bind("id", id).mapTo(String.class).findOne()
                .map(doc -> {
                    Workspace stored = Json.read(doc, Workspace.class);
                    return stored.withSecret(box.decrypt(stored.secret(), context(stored)));
                }));
    }

    @Override
    public void insert(Workspace workspace) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO workspaces (tenant_id, id, name, doc, created_at, updated_at)
                        VALUES (:tid, :id, :name, :doc, :at, :at)""")
                .bind("tid", workspace.tenantId()).bind("id", workspace.id()).bind("name", workspace.name())
                .bind("doc", sealed(workspace)).bind("at", workspace.createdAt()).execute());
    }

    @Override
    public void update(Workspace workspace) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE workspaces SET name = :name, doc = :doc, updated_at = :at
                        WHERE tenant_id = :tid AND id = :id""")
                .bind("tid", workspace.tenantId()).bind("id", workspace.id()).bind("name", workspace.name())
                .bind("doc", sealed(workspace)).bind("at", clock.instant()).execute());
    }

    private String sealed(Workspace workspace) {
        return Json.write(workspace.withSecret(box.encrypt(workspace.secret(), context(workspace))));
    }

    private static String context(Workspace w) {
        return "workspace-secret:" + w.tenantId() + "/" + w.id();
    }
}

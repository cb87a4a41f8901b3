package dev.latchkey.workspace;

import dev.latchkey.store.SecretBox;
import dev.latchkey.support.Json;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link WorkspaceRepository} over JDBI. The document is the workspace's JSON with its secret and rotated
 * secrets encrypted (associated data binds each to its row); {@code workspace_type} and {@code template}
 * are copied into columns for list filters. Thread-safe.
 */
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
        return findOne("SELECT doc FROM workspaces WHERE tenant_id = :tid AND id = :id", tenantId, id);
    }

    @Override
    public Optional<Workspace> lock(String tenantId, String id) {
        return findOne("SELECT doc FROM workspaces WHERE tenant_id = :tid AND id = :id FOR UPDATE", tenantId, id);
    }

    private Optional<Workspace> findOne(String sql, String tenantId, String id) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("tid", tenantId).bind("id", id)
                .mapTo(String.class).findOne().map(this::opened));
    }

    @Override
    public void insert(Workspace workspace) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO workspaces (tenant_id, id, name, workspace_type, template, doc, created_at,
                                                updated_at)
                        VALUES (:tid, :id, :name, :type, :template, :doc, :at, :at)""")
                .bind("tid", workspace.tenantId()).bind("id", workspace.id()).bind("name", workspace.name())
                .bind("type", workspace.type()).bind("template", workspace.template())
                .bind("doc", sealed(workspace)).bind("at", workspace.createdAt()).execute());
    }

    @Override
    public void update(Workspace workspace) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE workspaces SET name = :name, workspace_type = :type, template = :template, doc = :doc,
                                              updated_at = :at
                        WHERE tenant_id = :tid AND id = :id""")
                .bind("tid", workspace.tenantId()).bind("id", workspace.id()).bind("name", workspace.name())
                .bind("type", workspace.type()).bind("template", workspace.template())
                .bind("doc", sealed(workspace)).bind("at", clock.instant()).execute());
    }

    @Override
    public boolean delete(String tenantId, String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM workspaces WHERE tenant_id = :tid AND id = :id")
                .bind("tid", tenantId).bind("id", id).execute()) > 0;
    }

    @Override
    public List<Workspace> page(WorkspaceQuery q) {
        if (q.types().isEmpty()) {
            return List.of();
        }
        String column = switch (q.sort()) {
            case ID -> "id";
            case NAME -> "name";
            case TYPE -> "workspace_type";
            case CREATED_AT -> "created_at";
        };
        String cursor = q.afterId() != null ? q.afterId() : q.beforeId();
        // a page before the cursor is read backwards from it, then put back in order
        boolean backwards = q.beforeId() != null;
        boolean sqlDescending = q.descending() != backwards;
        String direction = sqlDescending ? "DESC" : "ASC";
        String cmp = sqlDescending ? "<" : ">";
        StringBuilder sql = new StringBuilder(
                "SELECT doc FROM workspaces WHERE tenant_id = :tid AND workspace_type IN (<types>)");
        if (q.searchPhrase() != null && !q.searchPhrase().isEmpty()) {
            sql.append(" AND (LOWER(name) LIKE :phrase ESCAPE '!' OR LOWER(id) LIKE :phrase ESCAPE '!')");
        }
        if (q.template() != null) {
            sql.append(" AND template = :template");
        }
        if (cursor != null) {
            if (column.equals("id")) {
                sql.append(" AND id ").append(cmp).append(" :cursor");
            } else {
                String value = "(SELECT c." + column + " FROM workspaces c WHERE c.tenant_id = :tid AND c.id = :cursor)";
                sql.append(" AND (").append(column).append(' ').append(cmp).append(' ').append(value)
                        .append(" OR (").append(column).append(" = ").append(value)
                        .append(" AND id ").append(cmp).append(" :cursor))");
            }
        }
        sql.append(" ORDER BY ").append(column).append(' ').append(direction);
        if (!column.equals("id")) {
            sql.append(", id ").append(direction);
        }
        sql.append(" LIMIT :limit");
        List<Workspace> found = jdbi.withHandle(h -> {
            Query query = h.createQuery(sql.toString()).bind("tid", q.tenantId()).bindList("types", q.types())
                    .bind("limit", q.limit());
            if (q.searchPhrase() != null && !q.searchPhrase().isEmpty()) {
                query.bind("phrase", "%" + likeEscaped(q.searchPhrase().toLowerCase(Locale.ROOT)) + "%");
            }
            if (q.template() != null) {
                query.bind("template", q.template().booleanValue());
            }
            if (cursor != null) {
                query.bind("cursor", cursor);
            }
            return query.mapTo(String.class).map(this::opened).list();
        });
        if (backwards) {
            List<Workspace> reversed = new ArrayList<>(found);
            Collections.reverse(reversed);
            return reversed;
        }
        return found;
    }

    private static String likeEscaped(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private Workspace opened(String doc) {
        Workspace stored = Json.read(doc, Workspace.class);
        List<String> rotated = new ArrayList<>();
        for (String sealed : stored.rotatedSecrets()) {
            rotated.add(box.decrypt(sealed, rotatedContext(stored)));
        }
        return stored.withSecrets(box.decrypt(stored.secret(), context(stored)), rotated);
    }

    private String sealed(Workspace workspace) {
        List<String> rotated = new ArrayList<>();
        for (String secret : workspace.rotatedSecrets()) {
            rotated.add(box.encrypt(secret, rotatedContext(workspace)));
        }
        return Json.write(workspace.withSecrets(box.encrypt(workspace.secret(), context(workspace)), rotated));
    }

    private static String context(Workspace w) {
        return "workspace-secret:" + w.tenantId() + "/" + w.id();
    }

    private static String rotatedContext(Workspace w) {
        return "workspace-rotated-secret:" + w.tenantId() + "/" + w.id();
    }
}

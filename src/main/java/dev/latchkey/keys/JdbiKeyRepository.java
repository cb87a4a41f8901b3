package dev.latchkey.keys;

import dev.latchkey.support.Json;
import dev.latchkey.store.SecretBox;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

/** {@link KeyRepository} over JDBI; private JWKs are encrypted at rest, bound to their workspace and kid. */
public final class JdbiKeyRepository implements KeyRepository {

    private final Jdbi jdbi;
    private final SecretBox box;

    public JdbiKeyRepository(Jdbi jdbi, SecretBox box) {
        this.jdbi = jdbi;
        this.box = box;
    }

    @Override
    public List<KeyMaterial> keysOf(String tenantId, String workspaceId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT doc, private_enc FROM workspace_keys
                        WHERE tenant_id = :tid AND workspace_id = :aid ORDER BY created_at, kid""")
                .bind("tid", tenantId).bind("aid", workspaceId)
                .map((rs, ctx) -> {
                    StoredKey key = Json.read(rs.getString("doc"), StoredKey.class);
                    String privateJwk = box.decrypt(rs.getString("private_enc"), context(tenantId, workspaceId, key.kid()));
                    return new KeyMaterial(key, privateJwk);
                }).list());
    }

    @Override
    public List<StoredKey> storedKeysOf(String tenantId, String workspaceId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT doc FROM workspace_keys
                        WHERE tenant_id = :tid AND workspace_id = :aid ORDER BY created_at, kid""")
                .bind("tid", tenantId).bind("aid", workspaceId)
                .map((rs, ctx) -> Json.read(rs.getString("doc"), StoredKey.class)).list());
    }

    @Override
    public void insert(String tenantId, String workspaceId, KeyMaterial material) {
        StoredKey key = material.key();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO workspace_keys (tenant_id, workspace_id, kid, key_use, status, doc, private_enc, created_at)
                        VALUES (:tid, :aid, :kid, :use, :status, :doc, :priv, :at)""")
                .bind("tid", tenantId).bind("aid", workspaceId).bind("kid", key.kid()).bind("use", key.use())
                .bind("status", key.status().name()).bind("doc", Json.write(key))
                .bind("priv", box.encrypt(material.privateJwk(), context(tenantId, workspaceId, key.kid())))
                .bind("at", key.createdAt()).execute());
    }

    @Override
    public boolean insertIfNone(String tenantId, String workspaceId, String use, List<KeyMaterial> keys) {
        return jdbi.inTransaction(h -> {
            boolean workspace = h.createQuery("""
                            SELECT id FROM workspaces WHERE tenant_id = :tid AND id = :aid FOR UPDATE""")
                    .bind("tid", tenantId).bind("aid", workspaceId).mapTo(String.class).findOne().isPresent();
            if (!workspace || h.createQuery("""
                            SELECT COUNT(*) FROM workspace_keys
                            WHERE tenant_id = :tid AND workspace_id = :aid AND key_use = :use""")
                    .bind("tid", tenantId).bind("aid", workspaceId).bind("use", use).mapTo(Long.class).one() > 0) {
                return false;
            }
            keys.forEach(key -> insert(tenantId, workspaceId, key));
            return true;
        });
    }

    @Override
    public List<WorkspaceRef> workspacesLackingKeys() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT w.tenant_id, w.id FROM workspaces w
                        WHERE (SELECT COUNT(DISTINCT k.key_use) FROM workspace_keys k
                               WHERE k.tenant_id = w.tenant_id AND k.workspace_id = w.id) < 2
                        ORDER BY w.tenant_id, w.id""")
                .map((rs, ctx) -> new WorkspaceRef(rs.getString(1), rs.getString(2))).list());
    }

    @Override
    public boolean update(String tenantId, String workspaceId, StoredKey key, KeyStatus from) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE workspace_keys SET status = :status, doc = :doc
                        WHERE tenant_id = :tid AND workspace_id = :aid AND kid = :kid AND status = :from""")
                .bind("tid", tenantId).bind("aid", workspaceId).bind("kid", key.kid())
                .bind("status", key.status().name()).bind("doc", Json.write(key)).bind("from", from.name())
                .execute()) == 1;
    }

    @Override
    public boolean delete(String tenantId, String workspaceId, String kid, KeyStatus from) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        DELETE FROM workspace_keys
                        WHERE tenant_id = :tid AND workspace_id = :aid AND kid = :kid AND status = :from""")
                .bind("tid", tenantId).bind("aid", workspaceId).bind("kid", kid).bind("from", from.name())
                .execute()) == 1;
    }

    private static String context(String tenantId, String workspaceId, String kid) {
        return "workspace-key:" + tenantId + "/" + workspaceId + "/" + kid;
    }
}

package dev.latchkey.idp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.latchkey.store.SecretBox;
import dev.latchkey.support.Json;
import org.jdbi.v3.core.Jdbi;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@link IdpRepository} over JDBI. Each IDP is its JSON document; mock users' passwords are encrypted in
 * it with {@link SecretBox}, bound to tenant, workspace, IDP and username, so a value copied to another
 * user or IDP does not decrypt. Lists read only the {@link IdpBase} part of each document.
 */
public final class JdbiIdpRepository implements IdpRepository {

    private static final ObjectReader BASE_READER =
            Json.MAPPER.readerFor(IdpBase.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Jdbi jdbi;
    private final SecretBox box;
    private final Clock clock;

    public JdbiIdpRepository(Jdbi jdbi, SecretBox box, Clock clock) {
        this.jdbi = jdbi;
        this.box = box;
        this.clock = clock;
    }

    @Override
    public Optional<StaticIdp> findStatic(String tenantId, String workspaceId, String id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT doc FROM idps WHERE tenant_id = :tid AND workspace_id = :aid AND id = :id
                        AND method = :method""")
                .bind("tid", tenantId).bind("aid", workspaceId).bind("id", id).bind("method", StaticIdp.METHOD)
                .mapTo(String.class).findOne()
                .map(doc -> {
                    StaticIdp sealed = Json.read(doc, StaticIdp.class);
                    return sealed.withPasswords(u -> box.decrypt(u.password(), context(sealed, u)));
                }));
    }

    @Override
    public List<IdpBase> list(String tenantId, String workspaceId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT doc FROM idps WHERE tenant_id = :tid AND workspace_id = :aid ORDER BY name, id""")
                .bind("tid", tenantId).bind("aid", workspaceId).mapTo(String.class)
                .map(JdbiIdpRepository::base).list());
    }

    @Override
    public void insert(StaticIdp idp) {
        var now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO idps (tenant_id, workspace_id, id, method, name, doc, created_at, updated_at)
                        VALUES (:tid, :aid, :id, :method, :name, :doc, :at, :at)""")
                .bind("tid", idp.tenantId()).bind("aid", idp.authorizationServerId()).bind("id", idp.id())
                .bind("method", idp.method()).bind("name", idp.name()).bind("doc", sealed(idp)).bind("at", now)
                .execute());
    }

    @Override
    public boolean update(StaticIdp idp) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE idps SET name = :name, doc = :doc, updated_at = :at
                        WHERE tenant_id = :tid AND workspace_id = :aid AND id = :id AND method = :method""")
                .bind("tid", idp.tenantId()).bind("aid", idp.authorizationServerId()).bind("id", idp.id())
                .bind("method", idp.method()).bind("name", idp.name()).bind("doc", sealed(idp))
                .bind("at", clock.instant()).execute() > 0);
    }

    @Override
    public boolean delete(String tenantId, String workspaceId, String id) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "DELETE FROM idps WHERE tenant_id = :tid AND workspace_id = :aid AND id = :id")
                .bind("tid", tenantId).bind("aid", workspaceId).bind("id", id).execute() > 0);
    }

    private String sealed(StaticIdp idp) {
        return Json.write(idp.withPasswords(u -> box.encrypt(u.password(), context(idp, u))));
    }

    private static String context(StaticIdp idp, StaticUser user) {
        return "idp-user-password:" + idp.tenantId() + "/" + idp.authorizationServerId() + "/" + idp.id() + "/"
                + user.username();
    }

    private static IdpBase base(String doc) {
        try {
            return BASE_READER.readValue(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

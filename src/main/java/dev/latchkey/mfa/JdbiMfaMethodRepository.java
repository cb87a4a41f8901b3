package dev.latchkey.mfa;

import dev.latchkey.store.Database;
import dev.latchkey.store.SecretBox;
import dev.latchkey.support.Json;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@link MfaMethodRepository} over JDBI (table {@code mfa_methods}): the method as JSON in {@code doc}, its
 * secrets encrypted with the {@link SecretBox}, each bound to its row and field
 * ({@code mfa-smtp-password:tid/id}), so a value copied elsewhere does not decrypt. Thread-safe.
 */
public final class JdbiMfaMethodRepository implements MfaMethodRepository {

    private final Jdbi jdbi;
    private final SecretBox box;
    private final Clock clock;

    public JdbiMfaMethodRepository(Jdbi jdbi, SecretBox box, Clock clock) {
        this.jdbi = jdbi;
        this.box = box;
        this.clock = clock;
    }

    @Override
    public List<MfaMethod> list(String tenantId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT doc FROM mfa_methods WHERE tenant_id = :tid ORDER BY created_at, id")
                .bind("tid", tenantId).mapTo(String.class).map(this::opened).list());
    }

    @Override
    public Optional<MfaMethod> find(String tenantId, String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT doc FROM mfa_methods WHERE tenant_id = :tid AND id = :id")
                .bind("tid", tenantId).bind("id", id).mapTo(String.class).findOne().map(this::opened));
    }

    @Override
    public Optional<MfaMethod> findForUpdate(String tenantId, String id) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT doc FROM mfa_methods WHERE tenant_id = :tid AND id = :id FOR UPDATE")
                .bind("tid", tenantId).bind("id", id).mapTo(String.class).findOne().map(this::opened));
    }

    @Override
    public boolean insert(MfaMethod method) {
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO mfa_methods (tenant_id, id, mechanism, enabled, doc, created_at, updated_at)
                            VALUES (:tid, :id, :mechanism, :enabled, :doc, :at, :at)""")
                    .bind("tid", method.tenantId()).bind("id", method.id()).bind("mechanism", method.mechanism())
                    .bind("enabled", method.enabled()).bind("doc", sealed(method)).bind("at", clock.instant())
                    .execute());
            return true;
        } catch (RuntimeException e) {
            if (Database.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void update(MfaMethod method) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE mfa_methods SET mechanism = :mechanism, enabled = :enabled, doc = :doc, updated_at = :at
                        WHERE tenant_id = :tid AND id = :id""")
                .bind("tid", method.tenantId()).bind("id", method.id()).bind("mechanism", method.mechanism())
                .bind("enabled", method.enabled()).bind("doc", sealed(method)).bind("at", clock.instant())
                .execute());
    }

    @Override
    public boolean delete(String tenantId, String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM mfa_methods WHERE tenant_id = :tid AND id = :id")
                .bind("tid", tenantId).bind("id", id).execute()) > 0;
    }

    private String sealed(MfaMethod method) {
        MfaAuth auth = method.auth().mapSecrets((name, value) ->
                value.isEmpty() ? value : box.encrypt(value, context(name, method)));
        return Json.write(method.withAuth(auth));
    }

    private MfaMethod opened(String doc) {
        MfaMethod stored = Json.read(doc, MfaMethod.class);
        return stored.withAuth(stored.auth().mapSecrets((name, value) ->
                value.isEmpty() ? value : box.decrypt(value, context(name, stored))));
    }

    private static String context(String secretName, MfaMethod method) {
        return "mfa-" + secretName + ":" + method.tenantId() + "/" + method.id();
    }
}

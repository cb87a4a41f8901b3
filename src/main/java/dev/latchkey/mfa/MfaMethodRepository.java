package dev.latchkey.mfa;

import java.util.List;
import java.util.Optional;

/** The MFA methods of each tenant. Calls made inside a transaction on the same thread join it. */
public interface MfaMethodRepository {

    List<MfaMethod> list(String tenantId);

    Optional<MfaMethod> find(String tenantId, String id);

    /** Finds and locks the row until the transaction ends (PostgreSQL {@code FOR UPDATE}). */
    Optional<MfaMethod> findForUpdate(String tenantId, String id);

    /** Inserts; false when the tenant already has a method with this id. */
    boolean insert(MfaMethod method);

    void update(MfaMethod method);

    boolean delete(String tenantId, String id);
}

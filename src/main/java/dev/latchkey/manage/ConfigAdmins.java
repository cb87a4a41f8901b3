package dev.latchkey.manage;

import dev.latchkey.store.ChangeBus;

/**
 * The Admin API services a configuration import writes through, so that every entity meets the same rules
 * as when it is written one at a time. Built per import with a {@link ChangeBus} that holds the changes back
 * until the import's one transaction has ended.
 */
public record ConfigAdmins(WorkspaceAdmin workspaces, ServiceAdmin services, ScopeAdmin scopes, IdpAdmin idps,
                           ClientAdmin clients, MfaAdmin mfa) {

    /** Builds the services on a given change bus (wired in app/ManagementApi). */
    @FunctionalInterface
    public interface Factory {
        ConfigAdmins on(ChangeBus bus);
    }
}

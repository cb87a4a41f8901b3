package dev.latchkey.manage;

import dev.latchkey.scope.Scope;
import dev.latchkey.scope.Service;

import java.util.List;

/** A service with its scopes, by name. */
public record ServiceDetails(Service service, List<Scope> scopes) {

    public ServiceDetails {
        scopes = List.copyOf(scopes);
    }
}

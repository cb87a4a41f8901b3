package dev.latchkey.manage;

import dev.latchkey.scope.Scope;
import dev.latchkey.scope.Service;

/** A scope with the service it belongs to ({@code null} for a scope without service). */
public record ScopeDetails(Scope scope, Service service) {
}

package dev.latchkey.http.api;

import dev.latchkey.manage.ScopeDetails;
import dev.latchkey.scope.Scope;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scopes in Cloudentity's JSON: {@code Scope}, {@code ScopeWithServiceID} (create and update responses)
 * and {@code ScopeWithService} (get and list). The internal {@code system} flag is not part of them.
 */
final class ScopeViews {

    private ScopeViews() {
    }

    /** {@code Scope}. */
    static Map<String, Object> scope(Scope s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("name", s.name());
        out.put("display_name", s.displayName());
        out.put("description", s.description());
        out.put("tenant_id", s.tenantId());
        out.put("authorization_server_id", s.authorizationServerId());
        out.put("implicit", s.implicit());
        out.put("implicit_grant", s.implicitGrant());
        out.put("transient", s.transientGrants());
        out.put("metadata", s.metadata());
        return out;
    }

    /** {@code ScopeWithServiceID}: {@code service_id} only when the scope has a service. */
    static Map<String, Object> withServiceId(Scope s) {
        Map<String, Object> out = scope(s);
        if (s.serviceId() != null) {
            out.put("service_id", s.serviceId());
        }
        return out;
    }

    /** {@code ScopeWithService}: the scope, its service ({@code Service}) and {@code with_service}. */
    static Map<String, Object> withService(ScopeDetails d) {
        Map<String, Object> out = scope(d.scope());
        if (d.service() != null) {
            out.put("service", ServiceViews.service(d.service()));
        }
        out.put("with_service", d.service() != null);
        return out;
    }
}

package dev.latchkey.http.api;

import dev.latchkey.manage.ServiceDetails;
import dev.latchkey.scope.Service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Services in Cloudentity's JSON: {@code Service}, {@code ServiceWithAudience} (create and update),
 * {@code ServiceWithScopesResponse} (get) and {@code ServiceResponse} (list items, with counts).
 */
final class ServiceViews {

    private ServiceViews() {
    }

    /** {@code Service}. */
    static Map<String, Object> service(Service s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("name", s.name());
        out.put("description", s.description());
        out.put("tenant_id", s.tenantId());
        out.put("authorization_server_id", s.authorizationServerId());
        out.put("type", s.type());
        out.put("system", s.system());
        out.put("custom_audience", s.customAudience());
        out.put("gateway_id", s.gatewayId());
        out.put("with_specification", s.withSpecification());
        if (s.updatedAt() != null) {
            out.put("updated_at", s.updatedAt().toString());
        }
        return out;
    }

    /** {@code ServiceWithAudience}. */
    static Map<String, Object> withAudience(Service s) {
        Map<String, Object> out = service(s);
        out.put("audience", s.audience());
        return out;
    }

    /** {@code ServiceWithScopesResponse}. */
    static Map<String, Object> withScopes(ServiceDetails d) {
        Map<String, Object> out = withAudience(d.service());
        out.put("scopes", d.scopes().stream().map(ScopeViews::scope).toList());
        return out;
    }

    /** {@code ServiceResponse}: APIs and subscribers are not tracked yet, so they count 0. */
    static Map<String, Object> listItem(ServiceDetails d) {
        Map<String, Object> out = withAudience(d.service());
        out.put("number_of_apis", 0);
        out.put("number_of_scopes", d.scopes().size());
        out.put("number_of_subscribers", 0);
        return out;
    }
}

package dev.latchkey.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.client.Client;
import dev.latchkey.support.Json;

import java.util.List;
import java.util.Map;

/**
 * The console's application forms as request bodies of the Admin API's client service: "Create application" by
 * type, the OAuth view (grant types, authentication method, redirect URIs) and the Scopes view. Each update starts
 * from the application's full representation, so the service validates and replaces it exactly as a PUT would.
 */
public final class ApplicationForm {

    /** Application types offered by "Create application", Cloudentity's purposes, with their labels. */
    public static final Map<String, String> TYPES = new java.util.LinkedHashMap<>();

    static {
        TYPES.put("server_web", "Server web application");
        TYPES.put("service", "Service application (machine to machine)");
        TYPES.put("single_page", "Single page application");
        TYPES.put("mobile_desktop", "Native (mobile or desktop) application");
    }

    public static final List<String> CREATE_FIELDS = List.of("application_purpose", "client_name", "client_id");
    public static final List<String> OAUTH_FIELDS = List.of("token_endpoint_auth_method", "grant_types",
            "redirect_uris");
    public static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post",
            "client_secret_jwt", "private_key_jwt", "self_signed_tls_client_auth", "tls_client_auth", "none");

    private ApplicationForm() {
    }

    /** The body of createClient for a form with {@code client_name}, optional {@code client_id}. */
    public static ObjectNode create(String tenantId, String workspaceId, FormData form) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("tenant_id", tenantId);
        body.put("authorization_server_id", workspaceId);
        body.put("client_name", form.get("client_name"));
        if (!form.get("client_id").isEmpty()) {
            body.put("client_id", form.get("client_id"));
        }
        return body;
    }

    /** {@code current} (the application's representation) with the OAuth view's values. */
    public static ObjectNode oauth(ObjectNode current, FormData form) {
        ObjectNode body = current.deepCopy();
        array(body, "grant_types", form.all("grant_types"));
        body.put("token_endpoint_auth_method", form.get("token_endpoint_auth_method"));
        array(body, "redirect_uris", form.lines("redirect_uris"));
        return body;
    }

    /** {@code current} with the Scopes view's values. */
    public static ObjectNode scopes(ObjectNode current, FormData form) {
        ObjectNode body = current.deepCopy();
        array(body, "scopes", form.all("scopes"));
        body.remove("scope");
        return body;
    }

    /** The OAuth view's values of a stored application. */
    public static OAuthView view(Client client) {
        return new OAuthView(client.grantTypes(), client.tokenEndpointAuthMethod(),
                String.join("\n", client.redirectUris()));
    }

    /** The OAuth view's values as submitted. */
    public static OAuthView view(FormData form) {
        return new OAuthView(form.all("grant_types"), form.get("token_endpoint_auth_method"),
                form.get("redirect_uris"));
    }

    /** What the OAuth view shows. */
    public record OAuthView(List<String> grantTypes, String authMethod, String redirectUris) {
    }

    private static void array(ObjectNode body, String name, List<String> values) {
        ArrayNode array = body.putArray(name);
        values.forEach(array::add);
    }
}

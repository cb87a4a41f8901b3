package dev.latchkey.idp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.latchkey.support.Secrets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A static (sandbox) identity provider, Cloudentity's {@code StaticIDP}: the {@link IdpBase} fields plus
 * {@code settings} and the mock users in {@code credentials}. Components are in the order of the seed
 * document's sample response, which is the order of the JSON. Immutable; passwords are in clear here and
 * encrypted at rest by the repository. Absent flags and numbers read as false and 0 (Go's zero values), the
 * version as {@link #CURRENT_VERSION}; none is null once built.
 */
public record StaticIdp(String id, String tenantId, String authorizationServerId, String clientId, String name,
                        Boolean disabled, String method, List<IdpParts.Attribute> attributes,
                        List<IdpParts.Mapping> mappings, List<String> staticAmr,
                        @JsonInclude(Include.NON_NULL) IdpParts.Transformer transformer, IdpParts.Config config,
                        @JsonInclude(Include.NON_NULL) List<String> domains, Settings settings,
                        Credentials credentials,
                        @JsonInclude(Include.NON_NULL) String workspaceId, Boolean hidden, Long displayOrder,
                        @JsonInclude(Include.NON_NULL) String logoUri,
                        @JsonInclude(Include.NON_NULL) String identityPoolId,
                        @JsonInclude(Include.NON_NULL) IdpParts.DiscoverySettings discoverySettings,
                        @JsonInclude(Include.NON_NULL) Map<String, Object> jit,
                        @JsonInclude(Include.NON_NULL) IdpParts.SsoSettings ssoSettings,
                        @JsonInclude(Include.NON_NULL) IdpParts.TokenExchangeSettings tokenExchangeSettings,
                        @JsonInclude(Include.NON_NULL) String postAuthnAppId, Long version) {

    public static final String METHOD = "static";
    /** The IDP version Cloudentity currently writes. */
    public static final long CURRENT_VERSION = 3;
    /** Compared against when a username is unknown, so that the time taken does not tell whether it exists. */
    private static final String NO_PASSWORD = "\u0000no such user\u0000";

    /** {@code settings} of a static IDP: whether the login page shows a hint. */
    public record Settings(Boolean hint) {

        public Settings {
            hint = Boolean.TRUE.equals(hint);
        }
    }

    /** {@code credentials} of a static IDP: its mock users. */
    public record Credentials(List<StaticUser> users) {

        public Credentials {
            users = users == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(users));
        }
    }

    public StaticIdp {
        method = method == null || method.isEmpty() ? METHOD : method;
        config = config == null ? IdpParts.Config.defaults() : config;
        settings = settings == null ? new Settings(false) : settings;
        credentials = credentials == null ? new Credentials(List.of()) : credentials;
        disabled = Boolean.TRUE.equals(disabled);
        hidden = Boolean.TRUE.equals(hidden);
        displayOrder = displayOrder == null ? 0 : displayOrder;
        version = version == null || version == 0 ? CURRENT_VERSION : version;
    }

    public List<StaticUser> users() {
        return credentials.users();
    }

    /**
     * Checks a mock user's credentials, as the login page will: the password is compared in constant time,
     * and an unknown username costs the same comparison. Returns the user's authentication context
     * (empty map when none was configured), or empty when the IDP is disabled or the credentials are wrong.
     */
    public Optional<Map<String, Object>> authenticate(String username, String password) {
        StaticUser match = null;
        for (StaticUser user : users()) {
            if (Secrets.equal(user.username(), username) && match == null) {
                match = user;
            }
        }
        boolean passwordOk = Secrets.equal(match == null ? NO_PASSWORD : match.password(), password);
        if (match == null || !passwordOk || disabled) {
            return Optional.empty();
        }
        return Optional.of(match.authenticationContext() == null ? Map.of() : match.authenticationContext());
    }

    /** This IDP with its identity (id, tenant, workspace) set. */
    public StaticIdp withIdentity(String newId, String newTenantId, String newWorkspaceId) {
        return new StaticIdp(newId, newTenantId, newWorkspaceId, clientId, name, disabled, method, attributes,
                mappings, staticAmr, transformer, config, domains, settings, credentials, workspaceId, hidden,
                displayOrder, logoUri, identityPoolId, discoverySettings, jit, ssoSettings, tokenExchangeSettings,
                postAuthnAppId, version);
    }

    /** This IDP with {@code newUsers} as its mock users. */
    public StaticIdp withUsers(List<StaticUser> newUsers) {
        return new StaticIdp(id, tenantId, authorizationServerId, clientId, name, disabled, method, attributes,
                mappings, staticAmr, transformer, config, domains, settings, new Credentials(newUsers), workspaceId,
                hidden, displayOrder, logoUri, identityPoolId, discoverySettings, jit, ssoSettings,
                tokenExchangeSettings, postAuthnAppId, version);
    }

    /** This IDP with {@code newMappings} as its attribute mappings. */
    public StaticIdp withMappings(List<IdpParts.Mapping> newMappings) {
        return new StaticIdp(id, tenantId, authorizationServerId, clientId, name, disabled, method, attributes,
                newMappings, staticAmr, transformer, config, domains, settings, credentials, workspaceId, hidden,
                displayOrder, logoUri, identityPoolId, discoverySettings, jit, ssoSettings, tokenExchangeSettings,
                postAuthnAppId, version);
    }

    /** This IDP with every user's password replaced by {@code password(user)} (encryption at rest). */
    public StaticIdp withPasswords(Function<StaticUser, String> password) {
        List<StaticUser> changed = users().stream().map(u -> u.withPassword(password.apply(u))).toList();
        return new StaticIdp(id, tenantId, authorizationServerId, clientId, name, disabled, method, attributes,
                mappings, staticAmr, transformer, config, domains, settings, new Credentials(changed), workspaceId,
                hidden, displayOrder, logoUri, identityPoolId, discoverySettings, jit, ssoSettings,
                tokenExchangeSettings, postAuthnAppId, version);
    }
}

package dev.latchkey.workspace;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.support.Interned;
import dev.latchkey.support.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A workspace (authorization server, Cloudentity's {@code Server}) in Cloudentity's names. The fields
 * that mean something to Latchkey today are components, in the order of the seed's sample response;
 * every other field of the spec's {@code Server} schema is kept unchanged in {@code extras} (checked
 * against the schema by {@link WorkspaceSchema}) and returned as it was given. {@code secret} and
 * {@code rotatedSecrets} are held in clear here and encrypted at rest by the repository. Durations
 * serialize as Go duration strings ({@code 1h0m0s}). Immutable: JSON members are copied in and out.
 * Documents stored before version 3 of the schema held an {@code issuer_url} (now computed): it is skipped.
 */
@JsonIgnoreProperties("issuer_url")
public record Workspace(
        String tenantId,
        String id,
        String profile,
        String name,
        String type,
        String color,
        String description,
        String logoUri,
        String secret,
        List<String> rotatedSecrets,
        String accessTokenStrategy,
        String keyType,
        JsonNode dynamicClientRegistration,
        List<String> grantTypes,
        List<String> tokenEndpointAuthnMethods,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        Duration authorizationCodeTtl,
        Duration idTokenTtl,
        Duration cookieMaxAge,
        boolean enforcePkce,
        boolean enforcePkceForPublicClients,
        String rootCas,
        boolean readClientCertificateFromHeader,
        String clientCertificateHeader,
        List<String> subjectIdentifierTypes,
        String subjectIdentifierAlgorithmSalt,
        boolean enableTrustAnchor,
        JsonNode trustAnchorConfiguration,
        boolean enableQuickAccess,
        boolean enableIdpDiscovery,
        boolean enableLegacyClientsWithNoSoftwareStatement,
        String dynamicScopeSeparator,
        List<String> backchannelTokenDeliveryModesSupported,
        boolean backchannelUserCodeParameterSupported,
        Boolean template,
        ObjectNode extras,
        Instant createdAt) {

    public Workspace {
        // values thousands of workspaces share are shared instances (Interned): the token endpoint reads another
        // workspace on every request, and compares these
        tenantId = Interned.string(tenantId);
        id = Interned.string(id);
        accessTokenStrategy = Interned.string(accessTokenStrategy);
        keyType = Interned.string(keyType);
        rotatedSecrets = rotatedSecrets == null ? List.of() : List.copyOf(rotatedSecrets);
        grantTypes = grantTypes == null ? List.of() : Interned.list(grantTypes);
        tokenEndpointAuthnMethods = tokenEndpointAuthnMethods == null ? List.of() : Interned.list(tokenEndpointAuthnMethods);
        subjectIdentifierTypes = subjectIdentifierTypes == null ? List.of() : Interned.list(subjectIdentifierTypes);
        // null is a value here (the seed sends and gets back null); copy so the list cannot change
        backchannelTokenDeliveryModesSupported = backchannelTokenDeliveryModesSupported == null ? null
                : List.copyOf(backchannelTokenDeliveryModesSupported);
        dynamicClientRegistration = dynamicClientRegistration == null ? null : dynamicClientRegistration.deepCopy();
        trustAnchorConfiguration = trustAnchorConfiguration == null ? null : trustAnchorConfiguration.deepCopy();
        extras = extras == null ? Json.MAPPER.createObjectNode() : extras.deepCopy();
        template = Boolean.TRUE.equals(template); // boxed: absent from documents stored before it existed
    }

    @Override
    public JsonNode dynamicClientRegistration() {
        return dynamicClientRegistration == null ? null : dynamicClientRegistration.deepCopy();
    }

    @Override
    public JsonNode trustAnchorConfiguration() {
        return trustAnchorConfiguration == null ? null : trustAnchorConfiguration.deepCopy();
    }

    /** The other fields of Cloudentity's {@code Server} that were given, as given (a copy). */
    @Override
    public ObjectNode extras() {
        return extras.deepCopy();
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }

    public boolean allowsAuthMethod(String method) {
        return tokenEndpointAuthnMethods.contains(method);
    }

    /** The subject type written in the {@code st} claim: the first of the supported types. */
    public String defaultSubjectType() {
        return subjectIdentifierTypes.isEmpty() ? "public" : subjectIdentifierTypes.get(0);
    }

    public Workspace withSecrets(String newSecret, List<String> newRotatedSecrets) {
        return new Workspace(tenantId, id, profile, name, type, color, description, logoUri, newSecret,
                newRotatedSecrets, accessTokenStrategy, keyType, dynamicClientRegistration, grantTypes,
                tokenEndpointAuthnMethods, accessTokenTtl, refreshTokenTtl, authorizationCodeTtl, idTokenTtl,
                cookieMaxAge, enforcePkce, enforcePkceForPublicClients, rootCas, readClientCertificateFromHeader,
                clientCertificateHeader, subjectIdentifierTypes, subjectIdentifierAlgorithmSalt, enableTrustAnchor,
                trustAnchorConfiguration, enableQuickAccess, enableIdpDiscovery,
                enableLegacyClientsWithNoSoftwareStatement, dynamicScopeSeparator,
                backchannelTokenDeliveryModesSupported, backchannelUserCodeParameterSupported, template, extras,
                createdAt);
    }

    public Workspace withSecret(String newSecret) {
        return withSecrets(newSecret, rotatedSecrets);
    }

    public Workspace withGrantTypes(List<String> newGrantTypes) {
        return new Workspace(tenantId, id, profile, name, type, color, description, logoUri, secret,
                rotatedSecrets, accessTokenStrategy, keyType, dynamicClientRegistration, newGrantTypes,
                tokenEndpointAuthnMethods, accessTokenTtl, refreshTokenTtl, authorizationCodeTtl, idTokenTtl,
                cookieMaxAge, enforcePkce, enforcePkceForPublicClients, rootCas, readClientCertificateFromHeader,
                clientCertificateHeader, subjectIdentifierTypes, subjectIdentifierAlgorithmSalt, enableTrustAnchor,
                trustAnchorConfiguration, enableQuickAccess, enableIdpDiscovery,
                enableLegacyClientsWithNoSoftwareStatement, dynamicScopeSeparator,
                backchannelTokenDeliveryModesSupported, backchannelUserCodeParameterSupported, template, extras,
                createdAt);
    }

    public Workspace withAccessTokenTtl(Duration ttl) {
        return new Workspace(tenantId, id, profile, name, type, color, description, logoUri, secret,
                rotatedSecrets, accessTokenStrategy, keyType, dynamicClientRegistration, grantTypes,
                tokenEndpointAuthnMethods, ttl, refreshTokenTtl, authorizationCodeTtl, idTokenTtl,
                cookieMaxAge, enforcePkce, enforcePkceForPublicClients, rootCas, readClientCertificateFromHeader,
                clientCertificateHeader, subjectIdentifierTypes, subjectIdentifierAlgorithmSalt, enableTrustAnchor,
                trustAnchorConfiguration, enableQuickAccess, enableIdpDiscovery,
                enableLegacyClientsWithNoSoftwareStatement, dynamicScopeSeparator,
                backchannelTokenDeliveryModesSupported, backchannelUserCodeParameterSupported, template, extras,
                createdAt);
    }
}

package dev.latchkey.workspace;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A workspace (authorization server, Cloudentity's {@code Server}), with the fields of the seed's
 * create request, in Cloudentity's names. {@code secret} is held in clear here and encrypted at rest by
 * the repository. Durations serialize as Go duration strings ({@code 1h0m0s}).
 */
public record Workspace(
        String tenantId,
        String id,
        String name,
        String profile,
        String type,
        String color,
        String secret,
        List<String> rotatedSecrets,
        String accessTokenStrategy,
        String keyType,
        String logoUri,
        String issuerUrl,
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
        Instant createdAt) {

    public Workspace {
        rotatedSecrets = rotatedSecrets == null ? List.of() : List.copyOf(rotatedSecrets);
        grantTypes = grantTypes == null ? List.of() : List.copyOf(grantTypes);
        tokenEndpointAuthnMethods = tokenEndpointAuthnMethods == null ? List.of() : List.copyOf(tokenEndpointAuthnMethods);
        subjectIdentifierTypes = subjectIdentifierTypes == null ? List.of() : List.copyOf(subjectIdentifierTypes);
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

    public Workspace withSecret(String newSecret) {
        return new Workspace(tenantId, id, name, profile, type, color, newSecret, rotatedSecrets,
                accessTokenStrategy, keyType, logoUri, issuerUrl, dynamicClientRegistration, grantTypes,
                tokenEndpointAuthnMethods, accessTokenTtl, refreshTokenTtl, authorizationCodeTtl, idTokenTtl,
                cookieMaxAge, enforcePkce, enforcePkceForPublicClients, rootCas, readClientCertificateFromHeader,
                clientCertificateHeader, subjectIdentifierTypes, subjectIdentifierAlgorithmSalt, enableTrustAnchor,
                trustAnchorConfiguration, enableQuickAccess, enableIdpDiscovery,
                enableLegacyClientsWithNoSoftwareStatement, dynamicScopeSeparator,
                backchannelTokenDeliveryModesSupported, backchannelUserCodeParameterSupported, createdAt);
    }

    public Workspace withGrantTypes(List<String> newGrantTypes) {
        return new Workspace(tenantId, id, name, profile, type, color, secret, rotatedSecrets,
                accessTokenStrategy, keyType, logoUri, issuerUrl, dynamicClientRegistration, newGrantTypes,
                tokenEndpointAuthnMethods, accessTokenTtl, refreshTokenTtl, authorizationCodeTtl, idTokenTtl,
                cookieMaxAge, enforcePkce, enforcePkceForPublicClients, rootCas, readClientCertificateFromHeader,
                clientCertificateHeader, subjectIdentifierTypes, subjectIdentifierAlgorithmSalt, enableTrustAnchor,
                trustAnchorConfiguration, enableQuickAccess, enableIdpDiscovery,
                enableLegacyClientsWithNoSoftwareStatement, dynamicScopeSeparator,
                backchannelTokenDeliveryModesSupported, backchannelUserCodeParameterSupported, createdAt);
    }

    public Workspace withAccessTokenTtl(Duration ttl) {
        return new Workspace(tenantId, id, name, profile, type, color, secret, rotatedSecrets,
                accessTokenStrategy, keyType, logoUri, issuerUrl, dynamicClientRegistration, grantTypes,
                tokenEndpointAuthnMethods, ttl, refreshTokenTtl, authorizationCodeTtl, idTokenTtl,
                cookieMaxAge, enforcePkce, enforcePkceForPublicClients, rootCas, readClientCertificateFromHeader,
                clientCertificateHeader, subjectIdentifierTypes, subjectIdentifierAlgorithmSalt, enableTrustAnchor,
                trustAnchorConfiguration, enableQuickAccess, enableIdpDiscovery,
                enableLegacyClientsWithNoSoftwareStatement, dynamicScopeSeparator,
                backchannelTokenDeliveryModesSupported, backchannelUserCodeParameterSupported, createdAt);
    }
}

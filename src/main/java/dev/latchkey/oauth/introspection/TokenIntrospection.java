package dev.latchkey.oauth.introspection;

import dev.latchkey.client.Client;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.grant.Grant;
import dev.latchkey.grant.SubjectIdentifiers;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.token.AccessTokenVerifier.VerifiedToken;
import dev.latchkey.oauth.token.JwtAccessTokens;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Token introspection (RFC 7662 §2.2) with Cloudentity's {@code IntrospectResponse} fields. An active token
 * answers {@code active: true}, {@code sub}, {@code client_id}, {@code scope}, {@code aud}, {@code iss},
 * {@code exp}, {@code iat}, {@code nbf}, {@code token_type} ({@code access_token} or {@code refresh_token}),
 * {@code tenant_id}, {@code server_id}, the {@code jti} of a JWT, {@code cnf} ({@code x5t#S256}, RFC 8705
 * §3.2) of a certificate-bound token, and for a user's token the {@code idp},
 * {@code amr} and {@code acr} of its grant. Anything else is {@code {"active": false}} and nothing more
 * (§2.2): unknown, expired, revoked, of another workspace, or not the caller's to see (a caller sees its own
 * client's tokens, and with {@code introspect_tokens} every token of its workspace).
 */
public final class TokenIntrospection {

    private final TokenLookup lookup;
    private final ClientRepository clients;

    public TokenIntrospection(TokenLookup lookup, ClientRepository clients) {
        this.lookup = lookup;
        this.clients = clients;
    }

    public Map<String, Object> introspect(WorkspaceContext workspace, Caller caller, String token, String hint) {
        PresentedToken found = lookup.find(workspace, token, hint).orElse(null);
        if (found == null || !caller.mayActOn(found.clientId(), Caller.INTROSPECT_TOKENS)) {
            return inactive();
        }
        return switch (found) {
            case PresentedToken.Access access -> access(workspace, access);
            case PresentedToken.Refresh refresh -> refresh(workspace, refresh).orElseGet(TokenIntrospection::inactive);
        };
    }

    public static Map<String, Object> inactive() {
        return Map.of("active", false);
    }

    private Map<String, Object> access(WorkspaceContext workspace, PresentedToken.Access access) {
        VerifiedToken token = access.token();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("sub", token.subject());
        body.put("client_id", token.clientId());
        body.put("scope", String.join(" ", token.scopes()));
        body.put("aud", token.audience());
        body.put("iss", workspace.issuer());
        body.put("exp", token.expiresAt().getEpochSecond());
        if (token.issuedAt() != null) {
            body.put("iat", token.issuedAt().getEpochSecond());
            body.put("nbf", token.issuedAt().getEpochSecond());
        }
        if (access.jwt()) {
            body.put("jti", token.tokenId());
        }
        body.put("token_type", TokenLookup.ACCESS_TOKEN);
        if (token.certificateThumbprint() != null) {
            body.put("cnf", Map.of(JwtAccessTokens.CNF_THUMBPRINT, token.certificateThumbprint()));
        }
        body.put("tenant_id", workspace.tenantId());
        body.put("server_id", workspace.workspaceId());
        // a client credentials token's subject is its client; only a user's token has a grant to tell more
        if (token.subject() != null && !token.subject().equals(token.clientId())) {
            lookup.grantOf(access).ifPresent(grant -> authentication(body, grant));
        }
        return body;
    }

    private Optional<Map<String, Object>> refresh(WorkspaceContext workspace, PresentedToken.Refresh refresh) {
        var token = refresh.token();
        Client client = clients.find(token.tenantId(), token.clientId()).orElse(null);
        if (client == null || !workspace.workspaceId().equals(client.authorizationServerId())) {
            return Optional.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("sub", clientSubject(workspace, client, refresh.grant()));
        body.put("client_id", token.clientId());
        body.put("scope", String.join(" ", token.scopes()));
        body.put("aud", List.of(token.clientId()));
        body.put("iss", workspace.issuer());
        body.put("exp", token.expiresAt().getEpochSecond());
        if (token.issuedAt() != null) {
            body.put("iat", token.issuedAt().getEpochSecond());
            body.put("nbf", token.issuedAt().getEpochSecond());
        }
        body.put("token_type", TokenLookup.REFRESH_TOKEN);
        body.put("tenant_id", workspace.tenantId());
        body.put("server_id", workspace.workspaceId());
        authentication(body, refresh.grant());
        return Optional.of(body);
    }

    /**
     * The subject the client sees (OIDC Core §8): public, or pairwise by the client's {@code subject_type}
     * (else the workspace's first), as {@code oauth.grant.UserTokens} writes it into the client's tokens.
     */
    static String clientSubject(WorkspaceContext workspace, Client client, Grant grant) {
        String type = client.extra().path("subject_type").asText("");
        if (type.isEmpty()) {
            type = workspace.workspace().defaultSubjectType();
        }
        String sector = client.extra().path("sector_identifier_uri").asText("");
        return SubjectIdentifiers.forClient(grant.subject(), type, sector, client.redirectUris(),
                workspace.workspace().subjectIdentifierAlgorithmSalt());
    }

    private static void authentication(Map<String, Object> body, Grant grant) {
        if (grant.idp() != null) {
            body.put("idp", grant.idp());
        }
        body.put("amr", grant.amr());
        if (grant.acr() != null && !grant.acr().isEmpty()) {
            body.put("acr", grant.acr());
        }
    }
}

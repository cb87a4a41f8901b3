package dev.latchkey.oauth.grant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import dev.latchkey.client.Client;
import dev.latchkey.grant.Grant;
import dev.latchkey.grant.GrantRepository;
import dev.latchkey.grant.RefreshToken;
import dev.latchkey.grant.RefreshTokenRepository;
import dev.latchkey.grant.ScopeClaims;
import dev.latchkey.grant.SubjectIdentifiers;
import dev.latchkey.grant.TokenRevocations;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.TokenResponse;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.token.AccessTokenClaims;
import dev.latchkey.oauth.token.AccessTokenIssuer;
import dev.latchkey.oauth.token.IdTokens;
import dev.latchkey.oauth.token.IssuedAccessToken;
import dev.latchkey.scope.Scope;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.support.TokenHashes;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tokens of a user's grant, as the authorization code and refresh token grants issue them: an access
 * token (through the workspace's {@link AccessTokenIssuer}; {@code sub} is the subject the client sees,
 * public or pairwise, {@code aud} the client and the services of the scopes) recorded under the grant so
 * that revoking the grant reaches it; a refresh token when the client and the workspace allow the
 * {@code refresh_token} grant (as Cloudentity does: {@code offline_access} is not required), bounded by
 * the grant's lifetime; and an ID token when {@code openid} is among the scopes.
 *
 * <p>A grant may be revoked while its tokens are being issued (a code replayed during its first
 * redemption). After recording them, the grant is confirmed active under its row lock; if it was revoked
 * meanwhile, the request fails with {@code invalid_grant}: the tokens never leave the server, and are
 * revoked besides (the access token by id, the refresh token spent). Thread-safe.
 */
public final class UserTokens {

    static final String REFRESH_TOKEN = "refresh_token";
    static final String OPENID = "openid";

    private final AccessTokenIssuer accessTokens;
    private final IdTokens idTokens;
    private final GrantRepository grants;
    private final RefreshTokenRepository refreshTokens;
    private final TokenRevocations revocations;
    private final Clock clock;
    private final SecureRandomness randomness;

    public UserTokens(AccessTokenIssuer accessTokens, IdTokens idTokens, GrantRepository grants,
                      RefreshTokenRepository refreshTokens, TokenRevocations revocations, Clock clock,
                      SecureRandomness randomness) {
        this.accessTokens = accessTokens;
        this.idTokens = idTokens;
        this.grants = grants;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.clock = clock;
        this.randomness = randomness;
    }

    /**
     * Issues the tokens of {@code grant} to {@code client}: the access (and ID) token for {@code scopes}, a
     * refresh token for {@code refreshScopes} when refresh is allowed; {@code nonce} goes into the ID token; the
     * access token is bound to the certificate of {@code certificateThumbprint} unless it is null.
     */
    TokenResponse issue(WorkspaceContext workspace, Client client, Grant grant, List<String> scopes,
                        List<String> refreshScopes, String nonce, String certificateThumbprint) {
        ObjectNode extra = client.extra();
        String subjectType = extra.path("subject_type").asText("");
        if (subjectType.isEmpty()) {
            subjectType = workspace.workspace().defaultSubjectType();
        }
        String subject = SubjectIdentifiers.forClient(grant.subject(), subjectType,
                extra.path("sector_identifier_uri").asText(""), client.redirectUris(),
                workspace.workspace().subjectIdentifierAlgorithmSalt());

        var ttl = workspace.workspace().accessTokenTtl();
        IssuedAccessToken access = accessTokens.issue(workspace, new AccessTokenClaims(subject, client.clientId(),
                audience(workspace, client, scopes), scopes, grant.idp() == null ? "" : grant.idp(), grant.amr(),
                subjectType, ttl, certificateThumbprint));
        grants.recordAccessToken(grant.grantId(), access.tokenId(), access.expiresAt());

        String refresh = null;
        if (client.allowsGrant(REFRESH_TOKEN) && workspace.workspace().allowsGrant(REFRESH_TOKEN)) {
            refresh = randomness.secret(32);
            Instant now = clock.instant();
            Instant limit = now.plus(workspace.workspace().refreshTokenTtl());
            refreshTokens.insert(TokenHashes.hash(refresh), new RefreshToken(workspace.tenantId(),
                    workspace.workspaceId(), grant.grantId(), client.clientId(), refreshScopes, now,
                    limit.isBefore(grant.expiresAt()) ? limit : grant.expiresAt()));
        }

        String idToken = null;
        if (scopes.contains(OPENID)) {
            idToken = idTokens.issue(workspace, new IdTokens.Claims(subject, client.clientId(), grant.authTime(),
                    nonce, grant.acr(), grant.amr(), grant.sessionId(), access.value(),
                    ScopeClaims.released(grant.claims(), scopes)));
        }

        if (!grants.confirmActive(grant.grantId(), clock.instant())) {
            revocations.revokeToken(access.tokenId(), workspace.tenantId(), workspace.workspaceId(),
                    access.expiresAt());
            if (refresh != null) {
                refreshTokens.use(TokenHashes.hash(refresh), clock.instant());
            }
            throw invalidGrant("The grant has been revoked");
        }
        return new TokenResponse(access.value(), ttl.toSeconds(), String.join(" ", scopes), "bearer", refresh,
                idToken, grant.subject());
    }

    /** {@code aud}: the client, then the service of each scope that belongs to one (as client credentials). */
    private static List<String> audience(WorkspaceContext workspace, Client client, List<String> scopes) {
        Set<String> audience = new LinkedHashSet<>();
        audience.add(client.clientId());
        for (String name : scopes) {
            workspace.scope(name).map(Scope::serviceId)
                    .ifPresent(service -> audience.add(workspace.audienceOf(service)));
        }
        return List.copyOf(audience);
    }

    static OAuthException invalidGrant(String description) {
        return OAuthException.of(OAuth2Error.INVALID_GRANT, description);
    }
}

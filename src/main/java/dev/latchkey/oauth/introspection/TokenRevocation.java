package dev.latchkey.oauth.introspection;

import dev.latchkey.accesstoken.OpaqueTokenRepository;
import dev.latchkey.grant.TokenRevocations;
import dev.latchkey.oauth.WorkspaceContext;

import java.time.Clock;

/**
 * Token revocation (RFC 7009 §2.1). A refresh token revokes its whole grant: every refresh token and access
 * token issued under it ({@link TokenRevocations#revokeGrant}). An access token revokes only itself, even
 * when it belongs to a grant: a JWT by its {@code jti} (kept until it would have expired, and dropped from
 * every node's cache), an opaque token by deleting it. The caller may revoke its own client's tokens, and
 * with {@code revoke_tokens} any token of its workspace. Whatever the outcome the endpoint answers 200
 * (§2.2: an invalid, unknown or already revoked token is not an error), so a token that is not the caller's
 * to revoke is silently left alone; {@link #revoke} tells which happened, for tests and logs only.
 */
public final class TokenRevocation {

    /** What a revocation did. */
    public enum Outcome { REVOKED_ACCESS_TOKEN, REVOKED_GRANT, NOT_FOUND, NOT_PERMITTED }

    /** Told what was revoked (for the audit event): the token's type, client and subject. */
    @FunctionalInterface
    public interface Revoked {
        void revoked(String type, String tokenClientId, String subject);
    }

    private final TokenLookup lookup;
    private final TokenRevocations revocations;
    private final OpaqueTokenRepository opaqueTokens;
    private final Clock clock;

    public TokenRevocation(TokenLookup lookup, TokenRevocations revocations, OpaqueTokenRepository opaqueTokens,
                           Clock clock) {
        this.lookup = lookup;
        this.revocations = revocations;
        this.opaqueTokens = opaqueTokens;
        this.clock = clock;
    }

    public Outcome revoke(WorkspaceContext workspace, Caller caller, String token, String hint) {
        return revoke(workspace, caller, token, hint, (type, client, subject) -> { });
    }

    /** The same, telling {@code revoked} what it revoked, if anything. */
    public Outcome revoke(WorkspaceContext workspace, Caller caller, String token, String hint, Revoked revoked) {
        PresentedToken found = lookup.find(workspace, token, hint).orElse(null);
        if (found == null) {
            return Outcome.NOT_FOUND;
        }
        if (!caller.mayActOn(found.clientId(), Caller.REVOKE_TOKENS)) {
            return Outcome.NOT_PERMITTED;
        }
        switch (found) {
            case PresentedToken.Access access -> {
                var verified = access.token();
                if (access.jwt()) {
                    revocations.revokeToken(verified.tokenId(), verified.tenantId(), verified.workspaceId(),
                            verified.expiresAt());
                } else {
                    opaqueTokens.delete(verified.tokenId());
                }
                revoked.revoked("access_token", verified.clientId(), verified.subject());
                return Outcome.REVOKED_ACCESS_TOKEN;
            }
            case PresentedToken.Refresh refresh -> {
                revocations.revokeGrant(refresh.token().tenantId(), refresh.token().workspaceId(),
                        refresh.grant().grantId(), clock.instant());
                revoked.revoked("refresh_token", refresh.token().clientId(), refresh.grant().subject());
                return Outcome.REVOKED_GRANT;
            }
        }
    }
}

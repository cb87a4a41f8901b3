package dev.latchkey.oauth.grant;

import dev.latchkey.client.Client;
import dev.latchkey.grant.AuthorizationCode;
import dev.latchkey.grant.AuthorizationCodeRepository;
import dev.latchkey.grant.AuthorizationCodeRepository.Redemption;
import dev.latchkey.grant.Grant;
import dev.latchkey.grant.GrantRepository;
import dev.latchkey.grant.TokenRevocations;
import dev.latchkey.oauth.GrantHandler;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.TokenRequest;
import dev.latchkey.oauth.TokenResponse;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.support.TokenHashes;

import java.time.Clock;
import java.time.Instant;

import static dev.latchkey.oauth.grant.UserTokens.invalidGrant;

/**
 * The authorization code grant at the token endpoint (RFC 6749 §4.1.3, RFC 7636 §4.6, RFC 9700 §2.1.1,
 * §4.2.4). Syntax first ({@code code} present, {@code code_verifier} well formed: else
 * {@code invalid_request}, the code untouched); then the code is redeemed atomically, once. Every later
 * presentation of it revokes the grant and everything its first redemption issued. A redeemed code must
 * belong to this workspace and client, come with the {@code redirect_uri} of its authorization request
 * (when that had one), pass PKCE (a verifier matching the challenge; a verifier for a code without
 * challenge is a downgrade and refused), and its grant must still be active; each failure is
 * {@code invalid_grant}. Then {@link UserTokens} issues.
 */
public final class AuthorizationCodeGrant implements GrantHandler {

    private final AuthorizationCodeRepository codes;
    private final GrantRepository grants;
    private final TokenRevocations revocations;
    private final UserTokens tokens;
    private final Clock clock;

    public AuthorizationCodeGrant(AuthorizationCodeRepository codes, GrantRepository grants,
                                  TokenRevocations revocations, UserTokens tokens, Clock clock) {
        this.codes = codes;
        this.grants = grants;
        this.revocations = revocations;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public String grantType() {
        return "authorization_code";
    }

    @Override
    public TokenResponse handle(TokenRequest request) {
        var params = request.params();
        String code = params.get("code")
                .orElseThrow(() -> OAuthException.invalidRequest("The code parameter is missing"));
        String verifier = params.get("code_verifier").orElse(null);
        if (verifier != null && !Pkce.wellFormed(verifier)) {
            throw OAuthException.invalidRequest("The code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9 "
                    + "and the punctuation - . _ ~");
        }
        Instant now = clock.instant();
        Redemption redemption = codes.redeem(TokenHashes.hash(code), now);
        WorkspaceContext workspace = request.workspace();
        switch (redemption.status()) {
            case REDEEMED -> { }
            case REUSED -> {
                // RFC 6749 §4.1.2: a code used twice revokes what was issued based on it
                AuthorizationCode used = redemption.code().orElseThrow();
                revocations.revokeGrant(used.tenantId(), used.workspaceId(), used.grantId(), now);
                throw invalidGrant("The authorization code has already been used");
            }
            default -> throw invalidGrant("The authorization code is invalid or expired");
        }
        AuthorizationCode redeemed = redemption.code().orElseThrow();
        Client client = request.client();
        if (!redeemed.tenantId().equals(workspace.tenantId()) || !redeemed.workspaceId().equals(workspace.workspaceId())
                || !redeemed.clientId().equals(client.clientId())) {
            throw invalidGrant("The authorization code was not issued to this client");
        }
        if (redeemed.redirectUri() != null
                && !redeemed.redirectUri().equals(params.get("redirect_uri").orElse(null))) {
            throw invalidGrant("The redirect_uri is missing or differs from the one of the authorization request");
        }
        checkPkce(redeemed, verifier);
        Grant grant = grants.findActive(redeemed.grantId(), now)
                .filter(g -> g.clientId().equals(client.clientId()))
                .orElseThrow(() -> invalidGrant("The grant of the authorization code has been revoked or has "
                        + "expired"));
        return tokens.issue(workspace, client, grant, grant.scopes(), grant.scopes(), redeemed.nonce(),
                request.certificateThumbprint());
    }

    private static void checkPkce(AuthorizationCode code, String verifier) {
        boolean challenged = code.codeChallenge() != null && !code.codeChallenge().isEmpty();
        if (!challenged) {
            if (verifier != null) { // RFC 9700 §2.1.1: a PKCE downgrade
                throw invalidGrant("A code_verifier was sent, but the authorization request had no "
                        + "code_challenge");
            }
            return;
        }
        if (verifier == null) {
            throw invalidGrant("The code_verifier is required: the authorization request had a code_challenge");
        }
        if (!Pkce.matches(code.codeChallenge(), code.codeChallengeMethod(), verifier)) {
            throw invalidGrant("The code_verifier does not match the code_challenge");
        }
    }
}

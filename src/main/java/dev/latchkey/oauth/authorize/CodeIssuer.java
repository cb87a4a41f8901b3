package dev.latchkey.oauth.authorize;

import dev.latchkey.grant.AuthorizationCode;
import dev.latchkey.grant.AuthorizationCodeRepository;
import dev.latchkey.grant.Grant;
import dev.latchkey.grant.GrantRepository;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.session.SsoSession;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.support.TokenHashes;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Issues an authorization code (RFC 6749 §4.1.2) for a validated request and an authenticated session:
 * a new {@link Grant} (lasting the workspace's {@code refresh_token_ttl}) and the code bound to it, the
 * client, the redirect URI as sent (null when the request omitted it), the PKCE challenge and the
 * {@code nonce}; lasting {@code authorization_code_ttl}. The code is 256 random bits, stored as its hash.
 */
public final class CodeIssuer {

    private final GrantRepository grants;
    private final AuthorizationCodeRepository codes;
    private final Clock clock;
    private final SecureRandomness randomness;

    public CodeIssuer(GrantRepository grants, AuthorizationCodeRepository codes, Clock clock,
                      SecureRandomness randomness) {
        this.grants = grants;
        this.codes = codes;
        this.clock = clock;
        this.randomness = randomness;
    }

    public AuthorizationResponse issue(WorkspaceContext ws, AuthorizationRequest request, SsoSession session) {
        Instant now = clock.instant();
        var workspace = ws.workspace();
        String grantId = randomness.secret(24);
        grants.insert(new Grant(grantId, ws.tenantId(), ws.workspaceId(), request.clientId(), session.subject(),
                session.idp(), session.amr(), "", session.authTime(), request.scopes(), session.claims(),
                session.sessionId(), now, now.plus(workspace.refreshTokenTtl())));
        String code = randomness.secret(32);
        codes.insert(TokenHashes.hash(code), new AuthorizationCode(ws.tenantId(), ws.workspaceId(), grantId,
                request.clientId(), request.redirectUriParam(), request.codeChallenge(),
                request.codeChallengeMethod(), request.nonce(), request.scopes(), now,
                now.plus(workspace.authorizationCodeTtl())));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        if (request.state() != null) {
            params.put("state", request.state());
        }
        params.put("iss", ws.issuer());
        return new AuthorizationResponse(request.redirectUri(), request.responseMode(), params);
    }
}

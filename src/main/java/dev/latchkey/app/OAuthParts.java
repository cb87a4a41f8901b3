package dev.latchkey.app;

import dev.latchkey.accesstoken.JdbiOpaqueTokenRepository;
import dev.latchkey.client.JdbiClientAssertionJtiRepository;
import dev.latchkey.grant.AuthorizationCodeRepository;
import dev.latchkey.grant.GrantRepository;
import dev.latchkey.grant.JdbiAuthorizationCodeRepository;
import dev.latchkey.grant.JdbiGrantRepository;
import dev.latchkey.grant.JdbiRefreshTokenRepository;
import dev.latchkey.grant.JdbiRevokedTokenRepository;
import dev.latchkey.grant.RefreshTokenRepository;
import dev.latchkey.grant.TokenRevocations;
import dev.latchkey.idp.IdpRepository;
import dev.latchkey.idp.JdbiIdpRepository;
import dev.latchkey.oauth.CountedGrant;
import dev.latchkey.oauth.TokenService;
import dev.latchkey.oauth.WorkspaceContexts;
import dev.latchkey.oauth.authorize.AuthorizationFlow;
import dev.latchkey.oauth.authorize.AuthorizationRequestValidator;
import dev.latchkey.oauth.authorize.CodeIssuer;
import dev.latchkey.oauth.authorize.LoginThrottle;
import dev.latchkey.oauth.authorize.LogoutFlow;
import dev.latchkey.oauth.authorize.SsoSessions;
import dev.latchkey.oauth.authorize.StaticLogin;
import dev.latchkey.oauth.clientauth.ClientAuthentication;
import dev.latchkey.oauth.grant.AuthorizationCodeGrant;
import dev.latchkey.oauth.grant.ClientCredentialsGrant;
import dev.latchkey.oauth.grant.RefreshTokenGrant;
import dev.latchkey.oauth.grant.UserTokens;
import dev.latchkey.oauth.introspection.Callers;
import dev.latchkey.oauth.introspection.TokenIntrospection;
import dev.latchkey.oauth.introspection.TokenLookup;
import dev.latchkey.oauth.introspection.TokenRevocation;
import dev.latchkey.oauth.introspection.UserInfo;
import dev.latchkey.oauth.token.AccessTokenIssuer;
import dev.latchkey.oauth.token.AccessTokenVerifier;
import dev.latchkey.oauth.token.IdTokens;
import dev.latchkey.oauth.token.JwtAccessTokens;
import dev.latchkey.oauth.token.OpaqueAccessTokens;
import dev.latchkey.oauth.token.StrategyAccessTokens;
import dev.latchkey.session.AuthorizationRequestRepository;
import dev.latchkey.session.JdbiAuthorizationRequestRepository;
import dev.latchkey.session.JdbiSessionRepository;
import dev.latchkey.session.SessionRepository;
import dev.latchkey.support.TrustedProxies;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/**
 * The OAuth 2.0 / OpenID Connect side of the server: the stores of end-user authorization (grants,
 * codes, refresh tokens, revocations, sessions, pending requests), the token issuers and verifier, the
 * grant registry and client authentication. Wiring only; no logic.
 */
record OAuthParts(WorkspaceContexts contexts, IdpRepository idps, GrantRepository grants,
                  AuthorizationCodeRepository codes, RefreshTokenRepository refreshTokens,
                  TokenRevocations revocations, SessionRepository sessions,
                  AuthorizationRequestRepository authorizationRequests, AccessTokenIssuer accessTokens,
                  AccessTokenVerifier verifier, TokenService tokenService, ClientAuthentication clientAuth,
                  Callers callers, TokenIntrospection introspection, TokenRevocation revocation, UserInfo userInfo) {

    static OAuthParts build(Core core, String baseUrl, TrustedProxies trustedProxies, MeterRegistry metrics) {
        var jdbi = core.database().jdbi();
        var contexts = new WorkspaceContexts(core.workspaces(), core.keys(), core.scopes(), baseUrl, core.bus());
        var opaqueTokens = new JdbiOpaqueTokenRepository(jdbi);
        var grants = new JdbiGrantRepository(jdbi);
        var revocations = new TokenRevocations(new JdbiRevokedTokenRepository(jdbi), grants, core.bus(),
                core.clock());
        var accessTokens = new StrategyAccessTokens(new JwtAccessTokens(core.clock(), core.randomness(), core.cpu()),
                new OpaqueAccessTokens(opaqueTokens, core.clock(), core.randomness()));
        var codes = new JdbiAuthorizationCodeRepository(jdbi);
        var refreshTokens = new JdbiRefreshTokenRepository(jdbi);
        var userTokens = new UserTokens(accessTokens, new IdTokens(core.clock(), core.cpu()), grants, refreshTokens,
                revocations, core.clock(), core.randomness());
        var tokenService = new TokenService(CountedGrant.all(List.of(new ClientCredentialsGrant(accessTokens),
                new AuthorizationCodeGrant(codes, grants, revocations, userTokens, core.clock()),
                new RefreshTokenGrant(refreshTokens, grants, revocations, userTokens, core.clock())), metrics));
        var verifier = new AccessTokenVerifier(contexts, core.clock(), core.cpu(), opaqueTokens, revocations);
        var clientAuth = new ClientAuthentication(core.clients(), new JdbiClientAssertionJtiRepository(jdbi),
                trustedProxies, core.clock());
        var lookup = new TokenLookup(verifier, refreshTokens, grants, core.clock());
        return new OAuthParts(contexts, new JdbiIdpRepository(jdbi, core.box(), core.clock()), grants,
                codes, refreshTokens, revocations,
                new JdbiSessionRepository(jdbi), new JdbiAuthorizationRequestRepository(jdbi), accessTokens,
                verifier, tokenService, clientAuth, new Callers(clientAuth, lookup),
                new TokenIntrospection(lookup, core.clients()),
                new TokenRevocation(lookup, revocations, opaqueTokens, core.clock()), new UserInfo(lookup));
    }

    /** The browser side of the code flow (authorization requests, login page, SSO sessions, codes); built once. */
    AuthorizationFlow authorizationFlow(Core core) {
        return new AuthorizationFlow(new AuthorizationRequestValidator(core.clients()), authorizationRequests,
                new SsoSessions(sessions, core.clock(), core.randomness()), new StaticLogin(idps),
                new LoginThrottle(core.clock()), new CodeIssuer(grants, codes, core.clock(), core.randomness()),
                core.clock(), core.randomness(), core.securityEvents());
    }

    /** RP-initiated logout of the SSO sessions. */
    LogoutFlow logoutFlow(Core core) {
        return new LogoutFlow(core.clients(), new SsoSessions(sessions, core.clock(), core.randomness()));
    }
}

package dev.latchkey.http;

import dev.latchkey.oauth.clientauth.CertificateBinding;
import dev.latchkey.oauth.token.AccessTokenVerifier;
import dev.latchkey.oauth.token.AccessTokenVerifier.VerifiedToken;
import dev.latchkey.support.ApiException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Authenticates callers of the management APIs (design §2): a bearer access token is accepted only if it
 * verifies against its issuing workspace's keys, is unexpired, and was issued by the workspace the API
 * group requires. No or bad token: 401; a good token of the wrong workspace or tenant, or without the
 * scope an operation needs: 403.
 */
public final class ApiCallerAuth {

    private final AccessTokenVerifier verifier;

    public ApiCallerAuth(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** Who may call an operation of the path's tenant: checks the request's token, returns it (else 401/403). */
    @FunctionalInterface
    public interface Caller {
        VerifiedToken check(ServerRequest req, String tenantId);
    }

    /** The System API's caller for an operation that names {@code scope}. */
    public Caller systemWith(String scope) {
        return (req, tenantId) -> system(req, tenantId, scope);
    }

    /** Admin API of {@code tenantId}: a token of that tenant's {@code admin} workspace. */
    public VerifiedToken admin(ServerRequest req, String tenantId) {
        return require(req, tenantId, "admin", null);
    }

    /** System API of {@code tenantId}: a token of that tenant's {@code system} workspace with {@code scope}. */
    public VerifiedToken system(ServerRequest req, String tenantId, String scope) {
        return require(req, tenantId, "system", scope);
    }

    /**
     * Root API (tenants, global configuration, rate limits): a token of the {@code system} tenant's
     * {@code system} workspace (Cloudentity's "setup") or {@code admin} workspace ("adminSystem").
     */
    public VerifiedToken root(ServerRequest req) {
        VerifiedToken token = verified(req);
        if (!token.tenantId().equals("system")
                || !(token.workspaceId().equals("system") || token.workspaceId().equals("admin"))) {
            throw ApiException.forbidden("The access token was not issued for this API: a token of the system "
                    + "tenant's system or admin workspace is required");
        }
        return token;
    }

    private VerifiedToken require(ServerRequest req, String tenantId, String workspaceId, String scope) {
        VerifiedToken token = verified(req);
        if (!token.tenantId().equals(tenantId) || !token.workspaceId().equals(workspaceId)) {
            throw ApiException.forbidden("The access token was not issued for this API: a token of the "
                    + workspaceId + " workspace of this tenant is required");
        }
        if (scope != null && !token.scopes().contains(scope)) {
            throw ApiException.forbidden("The access token lacks the scope " + scope);
        }
        return token;
    }

    /** The actor of an authenticated management call, for audit events. */
    public static dev.latchkey.manage.Actor actor(ServerRequest req, VerifiedToken token) {
        String ip = RequestOrigins.clientIp(req);
        String agent = req.headers().first(io.helidon.http.HeaderNames.USER_AGENT).orElse("");
        return new dev.latchkey.manage.Actor(token.tenantId(), token.clientId(), token.subject(), ip,
                agent.length() > 200 ? agent.substring(0, 200) : agent);
    }

    /**
     * A certificate-bound token (RFC 8705 §3) only with its certificate on the TLS connection: the management
     * APIs read no proxy's certificate header (it belongs to a workspace, and these APIs are not a workspace's).
     */
    private static VerifiedToken bound(ServerRequest req, VerifiedToken token) {
        if (token.certificateThumbprint() == null) {
            return token;
        }
        java.util.Optional<String> presented = !req.isSecure() ? java.util.Optional.empty()
                : req.remotePeer().tlsCertificates().filter(chain -> chain.length > 0
                        && chain[0] instanceof java.security.cert.X509Certificate)
                        .map(chain -> CertificateBinding.thumbprint((java.security.cert.X509Certificate) chain[0]));
        if (!CertificateBinding.matches(token.certificateThumbprint(), presented)) {
            throw ApiException.unauthorized("The access token is bound to a client certificate that the request "
                    + "does not present");
        }
        return token;
    }

    private VerifiedToken verified(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw ApiException.unauthorized("A bearer access token is required");
        }
        AccessTokenVerifier.Result result = verifier.verify(header.substring(7).trim());
        return switch (result.status()) {
            case VALID -> bound(req, result.token().orElseThrow());
            case EXPIRED -> throw new ApiException(401, "token_expired", "The access token has expired");
            case INVALID -> throw ApiException.unauthorized("The access token is invalid");
        };
    }
}

package dev.latchkey.oauth.introspection;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import dev.latchkey.grant.Grant;
import dev.latchkey.grant.ScopeClaims;
import dev.latchkey.oauth.FormParams;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.clientauth.CertificateBinding;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The UserInfo endpoint's rules (OIDC Core §5.3), a protected resource (RFC 6750). The access token comes
 * in {@code Authorization: Bearer} or, on POST, in the form field {@code access_token} (§2.1, §2.2; never
 * both: 400 {@code invalid_request}). It must be a valid access token of this workspace (else 401
 * {@code invalid_token}), carry {@code openid} (else 403 {@code insufficient_scope}) and have been issued to
 * an end user under a grant that is still active, and, when it is bound to a client certificate (RFC 8705 §3),
 * be presented with that certificate (else 401 {@code invalid_token}): a client credentials token has no user to describe, so it
 * is 401 {@code invalid_token}, as a token that cannot be used here at all. The answer is the token's
 * {@code sub} (the subject the client sees) and the user's claims that the token's scopes release
 * ({@link ScopeClaims}, the same as in the ID token).
 */
public final class UserInfo {

    private static final String OPENID = "openid";

    private final TokenLookup lookup;

    public UserInfo(TokenLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * The claims for {@code accessToken}; {@code presentedCertificate} is the thumbprint of the client certificate
     * the request presents, which a certificate-bound token requires.
     */
    public Map<String, Object> claims(WorkspaceContext workspace, String accessToken,
                                      Optional<String> presentedCertificate) {
        PresentedToken.Access access = lookup.access(workspace, accessToken).orElseThrow(() ->
                OAuthException.bearer(BearerTokenError.INVALID_TOKEN,
                        "The access token is invalid, expired or revoked"));
        if (!CertificateBinding.matches(access.token().certificateThumbprint(), presentedCertificate)) {
            throw OAuthException.bearer(BearerTokenError.INVALID_TOKEN,
                    "The access token is bound to a client certificate that the request does not present");
        }
        if (!access.token().scopes().contains(OPENID)) {
            throw OAuthException.bearer(BearerTokenError.INSUFFICIENT_SCOPE.setScope(new Scope(OPENID)),
                    "The access token was not granted the openid scope");
        }
        Grant grant = lookup.grantOf(access).orElseThrow(() -> OAuthException.bearer(
                BearerTokenError.INVALID_TOKEN, "The access token was not issued for an end user"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", access.token().subject());
        body.putAll(ScopeClaims.released(grant.claims(), access.token().scopes()));
        return body;
    }

    /**
     * The access token of a request (RFC 6750 §2.1, §2.2): from {@code Authorization: Bearer}, else from the
     * form field {@code access_token} ({@code form} is null unless the request is a form POST). Another
     * scheme in the header counts as no token.
     */
    public static String bearerToken(String authorizationHeader, FormParams form, String realm) {
        String fromHeader = null;
        if (authorizationHeader != null) {
            String header = authorizationHeader.strip();
            if (header.regionMatches(true, 0, "Bearer", 0, 6) && (header.length() == 6 || header.charAt(6) == ' ')) {
                fromHeader = header.substring(6).strip();
                if (fromHeader.isEmpty() || fromHeader.indexOf(' ') >= 0) {
                    throw OAuthException.bearer(BearerTokenError.INVALID_REQUEST,
                            "The Authorization header is malformed");
                }
            }
        }
        String fromForm = form == null ? null : form.get("access_token").orElse(null);
        if (fromHeader != null && fromForm != null) {
            throw OAuthException.bearer(BearerTokenError.INVALID_REQUEST,
                    "The request carries the access token in more than one way");
        }
        String token = fromHeader != null ? fromHeader : fromForm;
        if (token == null) {
            throw OAuthException.bearerMissing(realm);
        }
        return token;
    }
}

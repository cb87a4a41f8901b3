package dev.latchkey.oauth.endpoint;

import dev.latchkey.http.Responses;
import dev.latchkey.oauth.DiscoveryMetadata;
import dev.latchkey.oauth.FormParams;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.clientauth.CertificateBinding;
import dev.latchkey.oauth.introspection.UserInfo;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET|POST /{tid}/{aid}/userinfo} (OIDC Core §5.3): takes the bearer token from the header or, on a
 * form POST, the body, and the client certificate the request presents (for certificate-bound tokens, RFC 8705
 * §3), and answers the user's claims ({@link UserInfo}) with {@code Cache-Control:
 * no-store}; errors carry RFC 6750's {@code WWW-Authenticate: Bearer} challenge.
 */
public final class UserInfoEndpoint {

    private final UserInfo userInfo;
    private final CertificateBinding binding;

    public UserInfoEndpoint(UserInfo userInfo, CertificateBinding binding) {
        this.userInfo = userInfo;
        this.binding = binding;
    }

    public void handle(WorkspaceContext workspace, ServerRequest req, ServerResponse res) {
        FormParams form = Method.POST.equals(req.prologue().method()) && FormBodies.isForm(req)
                ? FormParams.parse(FormBodies.text(req)) : null;
        String token = UserInfo.bearerToken(FormBodies.authorization(req), form, workspace.issuer());
        var presented = binding.presented(workspace,
                ClientCredentialsRequest.of(req, form == null ? FormParams.parse("") : form, "/userinfo"));
        Responses.noStore(res, 200, userInfo.claims(workspace, token, presented));
    }

    /** {@code userinfo_endpoint}. */
    public static DiscoveryMetadata metadata() {
        return (workspace, doc) -> doc.put("userinfo_endpoint", workspace.issuer() + "/userinfo");
    }
}

package dev.latchkey.oauth.authorize;

import dev.latchkey.idp.IdpBase;
import dev.latchkey.idp.IdpRepository;
import dev.latchkey.idp.StaticIdp;
import dev.latchkey.oauth.WorkspaceContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Username and password login against a workspace's static IDP. The password is checked in constant time
 * by {@link StaticIdp#authenticate}. The user's {@code authentication_context} becomes the claims through
 * the IDP's {@code mappings} ({@link ClaimMappings}); {@code amr} is the IDP's {@code static_amr}, or
 * {@code ["pwd"]} when it has none; the subject is the {@code sub} of the user's authentication context
 * when it is a non-empty string, else the username.
 */
public final class StaticLogin {

    static final List<String> DEFAULT_AMR = List.of("pwd");

    private final IdpRepository idps;

    public StaticLogin(IdpRepository idps) {
        this.idps = idps;
    }

    /** The enabled static IDPs of a workspace that the login page offers (not hidden), in display order. */
    public List<IdpBase> offered(WorkspaceContext ws) {
        return idps.list(ws.tenantId(), ws.workspaceId()).stream()
                .filter(i -> StaticIdp.METHOD.equals(i.method()) && !i.disabled() && !i.hidden())
                .sorted(java.util.Comparator.comparing(IdpBase::displayOrder))
                .toList();
    }

    /** The enabled static IDP {@code id} of the workspace. */
    public Optional<StaticIdp> find(WorkspaceContext ws, String id) {
        return idps.findStatic(ws.tenantId(), ws.workspaceId(), id).filter(i -> !i.disabled());
    }

    /** The authenticated user, or empty when the credentials are wrong. */
    public Optional<AuthenticatedUser> authenticate(StaticIdp idp, String username, String password) {
        Optional<Map<String, Object>> context = idp.authenticate(username, password);
        if (context.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> claims = ClaimMappings.apply(idp.mappings(), context.get());
        Object sub = context.get().get("sub");
        String subject = sub instanceof String s && !s.isEmpty() ? s : username;
        List<String> amr = idp.staticAmr() == null || idp.staticAmr().isEmpty() ? DEFAULT_AMR : idp.staticAmr();
        return Optional.of(new AuthenticatedUser(subject, idp.id(), amr, claims));
    }
}

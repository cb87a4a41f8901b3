package dev.latchkey.oauth.clientauth;

import dev.latchkey.client.Client;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.client.RotatedSecret;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.support.Secrets;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The check shared by the two shared-secret methods (RFC 6749 §2.3.1): the client exists in this workspace,
 * is enabled ({@code client_status} active), is an OAuth client (not SAML), is registered for a secret-based method, and the secret matches (constant-time) its current
 * secret, unless that has passed {@code client_secret_expires_at}, or one of its rotated secrets that is
 * neither revoked nor past its {@code auto_revoke_after}. Every failure gives the same {@code invalid_client}
 * description, so a caller cannot tell an unknown client from a wrong secret.
 */
final class ClientSecrets {

    /** Clients registered for either secret method accept both (Cloudentity accepts post for basic clients). */
    private static final Set<String> SECRET_METHODS = Set.of("client_secret_basic", "client_secret_post");
    static final String FAILED = "Client authentication failed";

    private final ClientRepository clients;
    private final Clock clock;

    ClientSecrets(ClientRepository clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    Client verify(WorkspaceContext workspace, String clientId, String secret, boolean basic) {
        Client client = workspace.client(clientId, clients).orElse(null);
        boolean matches = matchesAny(client, secret, clock.instant());
        if (client == null || !matches || client.disabled() || !"oauth2".equals(client.clientType())
                || !SECRET_METHODS.contains(client.tokenEndpointAuthMethod())) {
            throw OAuthException.invalidClient(FAILED, basic);
        }
        return client;
    }

    /**
     * Compares {@code given} with the current secret and with every rotated slot, always all of them and
     * always at least {@code 1 + MAX_ROTATED_SECRETS} comparisons (empty slots compare against ""), with no
     * early exit: the time taken does not reveal which secret matched, nor whether the client exists or has
     * rotated secrets. Empty, expired and revoked secrets never match.
     */
    private static boolean matchesAny(Client client, String given, Instant now) {
        String current = client == null || client.clientSecret() == null ? "" : client.clientSecret();
        boolean currentLive = !current.isEmpty() && !client.secretExpiredAt(now);
        boolean matched = Secrets.equal(current, given) & currentLive;
        List<RotatedSecret> rotated = client == null ? List.of() : client.rotatedSecrets();
        int slots = Math.max(rotated.size(), Client.MAX_ROTATED_SECRETS);
        for (int i = 0; i < slots; i++) {
            RotatedSecret slot = i < rotated.size() ? rotated.get(i) : null;
            String candidate = slot == null || slot.secret() == null ? "" : slot.secret();
            boolean live = slot != null && !candidate.isEmpty() && slot.activeAt(now);
            matched |= Secrets.equal(candidate, given) & live;
        }
        return matched;
    }
}

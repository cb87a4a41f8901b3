package dev.latchkey.manage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.client.Client;
import dev.latchkey.client.ClientRegistration;
import dev.latchkey.client.ClientRegistrationRepository;
import dev.latchkey.scope.Scope;
import dev.latchkey.scope.ScopeRepository;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.support.Secrets;
import dev.latchkey.support.TokenHashes;
import dev.latchkey.workspace.RegistrationSettings;
import dev.latchkey.workspace.Workspace;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Dynamic client registration (RFC 7591) and the management of a registration with its registration access token
 * (RFC 7592), in a workspace whose {@code dynamic_client_registration} is enabled. The client is created, replaced
 * and deleted by {@link ClientAdmin}, so with the same rules, transaction, audit event and change event as through
 * the Admin API; its metadata is read by {@link RegistrationMetadata}. A registered client is an application whose
 * {@code application_types} is {@code [dcr]}.
 *
 * <p>The registration access token is 256 random bits, stored only as its hash ({@link TokenHashes}); it is checked
 * by looking the hash up, and is bound to its client and workspace. It expires after the workspace's {@code
 * registration_access_token_ttl} unless expiry is disabled. Each update (PUT) issues a new one and the old one stops
 * working, unless the workspace disables rotation; a read (GET) changes nothing and answers the token it was sent.
 * A wrong, expired or foreign token is 401 {@code invalid_token}, as a client that does not exist (or was deleted):
 * the answer does not tell which. Thread-safe.
 */
public final class DynamicRegistration {

    /** A registered client with its registration access token and when that expires (null: never). */
    public record Registered(Client client, String registrationToken, Instant tokenExpiresAt) {
    }

    private final ClientAdmin clients;
    private final ClientRegistrationRepository registrations;
    private final ScopeRepository scopes;
    private final Clock clock;
    private final SecureRandomness randomness;

    public DynamicRegistration(ClientAdmin clients, ClientRegistrationRepository registrations, ScopeRepository scopes,
                               Clock clock, SecureRandomness randomness) {
        this.clients = clients;
        this.registrations = registrations;
        this.scopes = scopes;
        this.clock = clock;
        this.randomness = randomness;
    }

    /** RFC 7591 §3.1: registers a client with the metadata of {@code body}. */
    public Registered register(Actor actor, Workspace workspace, ObjectNode body) {
        RegistrationSettings settings = requireEnabled(workspace);
        ClientAdminRequest request = RegistrationMetadata.read(body, workspace, scopeNames(workspace));
        String token = randomness.secret(32);
        Instant expiresAt = expiry(settings);
        try {
            Client client = clients.create(actor, workspace.tenantId(), request, "dcr", created -> registrations.save(
                    new ClientRegistration(workspace.tenantId(), workspace.id(), created.clientId(),
                            TokenHashes.hash(token), clock.instant(), expiresAt)));
            return new Registered(client, token, expiresAt);
        } catch (ApiException e) {
            throw RegistrationMetadata.translated(e);
        }
    }

    /** RFC 7592 §2.1: the client's current registration; the token is the one presented. */
    public Registered read(Workspace workspace, String clientId, String token) {
        requireEnabled(workspace);
        ClientRegistration registration = authorized(workspace, clientId, token);
        Client client = clients.get(workspace.tenantId(), clientId);
        return new Registered(client, token, registration.expiresAt());
    }

    /**
     * RFC 7592 §2.2: replaces the client's metadata. {@code client_id} must be sent and name the client; a {@code
     * client_secret}, if sent, must be the client's secret. {@code metadata} is read only once the token is
     * accepted. A new registration access token is issued unless the workspace disables rotation.
     */
    public Registered update(Actor actor, Workspace workspace, String clientId, String token,
                             Supplier<ObjectNode> metadata) {
        RegistrationSettings settings = requireEnabled(workspace);
        ClientRegistration registration = authorized(workspace, clientId, token);
        Client current = clients.get(workspace.tenantId(), clientId);
        ObjectNode body = metadata.get(); // read once the token is known to be good: a bad one is 401, not 400
        if (!clientId.equals(body.path("client_id").asText(null))) {
            throw RegistrationMetadata.invalidMetadata("client_id must be sent and be the id of the client");
        }
        if (body.hasNonNull("client_secret") && !(body.get("client_secret").isTextual()
                && Secrets.equal(current.clientSecret(), body.get("client_secret").textValue()))) {
            throw RegistrationMetadata.invalidMetadata("client_secret does not match the client's secret");
        }
        ClientAdminRequest request = RegistrationMetadata.read(body, workspace, scopeNames(workspace));
        String next = settings.tokenRotation() ? randomness.secret(32) : token;
        Instant expiresAt = settings.tokenRotation() ? expiry(settings) : registration.expiresAt();
        try {
            Client updated = clients.update(actor, workspace.tenantId(), clientId, request,
                    locked -> authorizedInTransaction(workspace, clientId, token),
                    written -> {
                        if (settings.tokenRotation()) {
                            registrations.save(new ClientRegistration(workspace.tenantId(), workspace.id(), clientId,
                                    TokenHashes.hash(next), clock.instant(), expiresAt));
                        }
                    });
            return new Registered(updated, next, expiresAt);
        } catch (ApiException e) {
            throw RegistrationMetadata.translated(e);
        }
    }

    /** RFC 7592 §2.3: deletes the client; it can no longer get tokens. */
    public void delete(Actor actor, Workspace workspace, String clientId, String token) {
        requireEnabled(workspace);
        authorized(workspace, clientId, token);
        clients.delete(actor, workspace.tenantId(), clientId,
                locked -> authorizedInTransaction(workspace, clientId, token));
    }

    private RegistrationSettings requireEnabled(Workspace workspace) {
        RegistrationSettings settings = RegistrationSettings.of(workspace);
        if (!settings.enabled()) {
            throw new ApiException(404, "not_found", "Dynamic client registration is not enabled for this workspace");
        }
        return settings;
    }

    /** The registration that {@code token} manages, if it is {@code clientId}'s in {@code workspace} and live. */
    private ClientRegistration authorized(Workspace workspace, String clientId, String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            throw invalidToken();
        }
        String hash = TokenHashes.hash(token);
        ClientRegistration registration = registrations.findByTokenHash(hash)
                .orElseThrow(DynamicRegistration::invalidToken);
        if (!Secrets.equal(registration.tokenHash(), hash) || !registration.tenantId().equals(workspace.tenantId())
                || !registration.workspaceId().equals(workspace.id()) || !registration.clientId().equals(clientId)
                || registration.expiredAt(clock.instant())) {
            throw invalidToken();
        }
        return registration;
    }

    /** The same check on the locked row, so that a token rotated or a client deleted meanwhile is refused. */
    private void authorizedInTransaction(Workspace workspace, String clientId, String token) {
        ClientRegistration locked = registrations.findForUpdate(workspace.tenantId(), clientId)
                .orElseThrow(DynamicRegistration::invalidToken);
        if (!Secrets.equal(locked.tokenHash(), TokenHashes.hash(token))) {
            throw invalidToken();
        }
    }

    private Instant expiry(RegistrationSettings settings) {
        // whole seconds: what the databases store (microseconds, rounded) then compares exactly
        return settings.tokenTtl() == null ? null
                : clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(settings.tokenTtl());
    }

    private Set<String> scopeNames(Workspace workspace) {
        return scopes.scopesOf(workspace.tenantId(), workspace.id()).stream().map(Scope::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static ApiException invalidToken() {
        return new ApiException(401, "invalid_token", "The registration access token is missing, invalid or expired");
    }
}

package dev.latchkey.manage;

import dev.latchkey.mfa.EmailOtpSender;
import dev.latchkey.mfa.MfaAuth;
import dev.latchkey.mfa.MfaMethod;
import dev.latchkey.mfa.MfaMethodRepository;
import dev.latchkey.mfa.MfaSettings;
import dev.latchkey.mfa.OtpAddress;
import dev.latchkey.mfa.OtpMessage;
import dev.latchkey.mfa.OtpSender;
import dev.latchkey.mfa.SmsGatewayOtpSender;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;
import dev.latchkey.store.Transactions;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.support.Xid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The MFA methods of a tenant (admin.yaml {@code listMFAMethods} ... {@code testMFAMethod}). Changes are
 * validated first, then stored and audited in one transaction and published after commit. Every method
 * handed out is without its secrets. {@link #test} sends a real one-time password (a fresh random code
 * that is neither stored nor logged) through the method's provider. Thread-safe.
 */
public final class MfaAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(MfaAdmin.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    /** A create or update request, as the caller sent it; {@code tenantId} is ignored (the path decides). */
    public record Request(String id, String mechanism, Boolean enabled, MfaSettings settings, MfaAuth auth) {
    }

    private final MfaMethodRepository repository;
    private final Transactions tx;
    private final Audit audit;
    private final ChangeBus bus;
    private final Xid ids;
    private final SecureRandomness randomness;
    private final List<OtpSender> senders;

    public MfaAdmin(MfaMethodRepository repository, Transactions tx, Audit audit, ChangeBus bus, Xid ids,
                    SecureRandomness randomness, List<OtpSender> senders) {
        this.repository = repository;
        this.tx = tx;
        this.audit = audit;
        this.bus = bus;
        this.ids = ids;
        this.randomness = randomness;
        this.senders = List.copyOf(senders);
    }

    /** The service with Latchkey's senders: SMTP and the HTTP SMS gateway, each bounded to 10 seconds. */
    public static MfaAdmin withStandardSenders(MfaMethodRepository repository, Transactions tx, Audit audit,
                                               ChangeBus bus, Xid ids, SecureRandomness randomness, Clock clock) {
        return new MfaAdmin(repository, tx, audit, bus, ids, randomness, List.of(
                new EmailOtpSender(clock, SEND_TIMEOUT), new SmsGatewayOtpSender(SEND_TIMEOUT)));
    }

    public List<MfaMethod> list(String tenantId) {
        return repository.list(tenantId).stream().map(MfaMethod::withoutSecrets).toList();
    }

    public MfaMethod get(String tenantId, String id) {
        return repository.find(tenantId, id).map(MfaMethod::withoutSecrets).orElseThrow(MfaAdmin::notFound);
    }

    public MfaMethod create(Actor actor, String tenantId, Request request) {
        String id = request.id() == null || request.id().isEmpty() ? ids.next() : request.id();
        MfaAdminValidation.id(id);
        MfaMethod method = validated(tenantId, id, request, null);
        tx.run(() -> {
            if (!repository.insert(method)) {
                throw ApiException.conflict("An MFA method with id " + id + " already exists");
            }
            audit.record(actor, null, "created", "mfa_method", id, Map.of("mechanism", method.mechanism(),
                    "provider", method.provider(), "enabled", method.enabled()));
        });
        bus.publish(new Change("mfa_method", tenantId, null, id));
        return method.withoutSecrets();
    }

    /**
     * Replaces a method. A secret left out of a part of {@code auth} that was stored keeps its stored value
     * (GET returns none). {@code precondition} sees the current method (without secrets) inside the
     * transaction, before anything changes, and may throw (If-Match).
     */
    public MfaMethod update(Actor actor, String tenantId, String id, Request request,
                           Consumer<MfaMethod> precondition) {
        if (request.id() != null && !request.id().isEmpty() && !request.id().equals(id)) {
            throw ApiException.badRequest("id in the body does not match the path");
        }
        validated(tenantId, id, request, null); // shape errors before any read
        MfaMethod updated = tx.inTransaction(() -> {
            MfaMethod current = repository.findForUpdate(tenantId, id).orElseThrow(MfaAdmin::notFound);
            precondition.accept(current.withoutSecrets());
            MfaMethod method = validated(tenantId, id, request, current.auth());
            repository.update(method);
            audit.record(actor, null, "updated", "mfa_method", id, Map.of("mechanism", method.mechanism(),
                    "provider", method.provider(), "enabled", method.enabled()));
            return method;
        });
        bus.publish(new Change("mfa_method", tenantId, null, id));
        return updated.withoutSecrets();
    }

    public void delete(Actor actor, String tenantId, String id, Consumer<MfaMethod> precondition) {
        tx.run(() -> {
            MfaMethod current = repository.findForUpdate(tenantId, id).orElseThrow(MfaAdmin::notFound);
            precondition.accept(current.withoutSecrets());
            repository.delete(tenantId, id);
            audit.record(actor, null, "deleted", "mfa_method", id, Map.of("mechanism", current.mechanism()));
        });
        bus.publish(new Change("mfa_method", tenantId, null, id));
    }

    /**
     * Sends a test one-time password to {@code address} through method {@code id}: 404 for an unknown
     * method, 400 for a disabled one, a bad address or a provider Latchkey cannot deliver through, 502 when
     * the provider does not take the message. Nothing is stored but an audit event.
     */
    public void test(Actor actor, String tenantId, String id, String address) {
        if (address == null || address.isEmpty()) {
            throw ApiException.badRequest("address is required");
        }
        MfaMethod method = repository.find(tenantId, id).orElseThrow(MfaAdmin::notFound);
        if (!method.enabled()) {
            throw ApiException.badRequest("The MFA method is disabled: enable it before sending a test message");
        }
        String to;
        try {
            to = MfaMethod.EMAIL.equals(method.mechanism()) ? OtpAddress.email(address) : OtpAddress.phone(address);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        OtpSender sender = senders.stream().filter(s -> s.delivers(method)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("The MFA method's provider " + method.provider()
                        + " cannot deliver messages in Latchkey: use provider "
                        + (MfaMethod.EMAIL.equals(method.mechanism()) ? "smtp with auth.email"
                        : "gateway with auth.sms_gateway")));
        OtpMessage message = OtpMessage.render(method, to, newCode((int) (long) method.otp().length()));
        try {
            sender.send(method, message);
        } catch (OtpSender.DeliveryException e) {
            Throwable cause = e.getCause();
            String why = cause == null ? "" : " (" + cause.getClass().getSimpleName() + ": "
                    + firstLine(cause.getMessage()) + ")";
            LOG.warn("test OTP of MFA method {} of tenant {} not delivered: {}{}", id, tenantId, e.getMessage(), why);
            throw new ApiException(502, "otp_delivery_failed", e.getMessage());
        }
        LOG.info("test OTP of MFA method {} of tenant {} sent through {}", id, tenantId, method.provider());
        tx.run(() -> audit.record(actor, null, "tested", "mfa_method", id, Map.of("provider", method.provider())));
    }

    /** The method a request describes, checked; {@code storedAuth} gives the secrets it leaves out (or null). */
    MfaMethod validated(String tenantId, String id, Request r, MfaAuth storedAuth) {
        if (r.mechanism() == null) {
            throw ApiException.badRequest("mechanism is required");
        }
        if (r.enabled() == null) {
            throw ApiException.badRequest("enabled is required");
        }
        MfaAuth auth = r.auth() == null ? new MfaAuth(null, null, null, null) : r.auth();
        if (storedAuth != null) {
            auth = auth.withSecretsKept(storedAuth);
        }
        MfaMethod method = new MfaMethod(id, tenantId, r.mechanism(), r.enabled(), r.settings(), auth);
        MfaAdminValidation.method(method);
        return method;
    }

    /** A code of {@code length} decimal digits, each drawn uniformly from the injected randomness. */
    private String newCode(int length) {
        char[] digits = new char[length];
        for (int i = 0; i < length; i++) {
            digits[i] = (char) ('0' + randomness.random().nextInt(10));
        }
        return new String(digits);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }

    private static ApiException notFound() {
        return ApiException.notFound("MFA method not found");
    }
}

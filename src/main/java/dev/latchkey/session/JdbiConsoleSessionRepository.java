package dev.latchkey.session;

import dev.latchkey.console.ConsoleSessionRepository;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** The console's {@link ConsoleSessionRepository} over JDBI (its sessions and sign-ins in progress). */
public final class JdbiConsoleSessionRepository implements ConsoleSessionRepository {

    private final Jdbi jdbi;

    public JdbiConsoleSessionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insertSession(StoredSession s) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO console_sessions (session_hash, tenant_id, subject, access_token, created_at,
                                                      last_seen_at, token_expires_at, expires_at)
                        VALUES (:hash, :tid, :subject, :token, :created, :seen, :tokenExp, :exp)""")
                .bind("hash", s.hash()).bind("tid", s.tenantId()).bind("subject", s.subject())
                .bind("token", s.sealedToken()).bind("created", s.createdAt()).bind("seen", s.lastSeenAt())
                .bind("tokenExp", s.tokenExpiresAt()).bind("exp", s.expiresAt()).execute());
    }

    @Override
    public Optional<StoredSession> findSession(String hash, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT session_hash, tenant_id, subject, access_token, created_at, last_seen_at,
                               token_expires_at, expires_at
                        FROM console_sessions WHERE session_hash = :hash AND expires_at > :now""")
                .bind("hash", hash).bind("now", now)
                .map((rs, ctx) -> new StoredSession(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), instant(rs.getObject(5, OffsetDateTime.class)),
                        instant(rs.getObject(6, OffsetDateTime.class)), instant(rs.getObject(7, OffsetDateTime.class)),
                        instant(rs.getObject(8, OffsetDateTime.class))))
                .findOne());
    }

    @Override
    public void touchSession(String hash, Instant lastSeenAt, Instant expiresAt) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE console_sessions SET last_seen_at = :seen, expires_at = :exp WHERE session_hash = :hash")
                .bind("hash", hash).bind("seen", lastSeenAt).bind("exp", expiresAt).execute());
    }

    @Override
    public void deleteSession(String hash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM console_sessions WHERE session_hash = :hash")
                .bind("hash", hash).execute());
    }

    @Override
    public void insertSignIn(StoredSignIn s) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO console_sign_ins (state_hash, tenant_id, verifier, return_to, expires_at)
                        VALUES (:hash, :tid, :verifier, :returnTo, :exp)""")
                .bind("hash", s.hash()).bind("tid", s.tenantId()).bind("verifier", s.sealedVerifier())
                .bind("returnTo", s.returnTo()).bind("exp", s.expiresAt()).execute());
    }

    @Override
    public Optional<StoredSignIn> takeSignIn(String hash) {
        return jdbi.withHandle(h -> {
            Optional<StoredSignIn> found = h.createQuery("""
                            SELECT state_hash, tenant_id, verifier, return_to, expires_at
                            FROM console_sign_ins WHERE state_hash = :hash""")
                    .bind("hash", hash)
                    .map((rs, ctx) -> new StoredSignIn(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), instant(rs.getObject(5, OffsetDateTime.class))))
                    .findOne();
            // the delete decides: a callback racing this one on another node deletes nothing and gets nothing
            boolean taken = found.isPresent() && h.createUpdate("DELETE FROM console_sign_ins WHERE state_hash = :hash")
                    .bind("hash", hash).execute() == 1;
            return taken ? found : Optional.empty();
        });
    }

    private static Instant instant(OffsetDateTime t) {
        return t.toInstant();
    }
}

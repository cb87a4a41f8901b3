package dev.latchkey.grant;

import dev.latchkey.support.Json;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** {@link RefreshTokenRepository} over JDBI (table {@code refresh_tokens}). */
public final class JdbiRefreshTokenRepository implements RefreshTokenRepository {

    private final Jdbi jdbi;

    public JdbiRefreshTokenRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(String tokenHash, RefreshToken token) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO refresh_tokens (token_hash, grant_id, doc, created_at, expires_at)
                        VALUES (:hash, :grant, :doc, :created, :exp)""")
                .bind("hash", tokenHash).bind("grant", token.grantId()).bind("doc", Json.write(token))
                .bind("created", token.issuedAt()).bind("exp", token.expiresAt()).execute());
    }

    @Override
    public Use use(String tokenHash, Instant now) {
        return jdbi.inTransaction(h -> {
            int won = h.createUpdate("""
                            UPDATE refresh_tokens SET rotated_at = :now
                            WHERE token_hash = :hash AND rotated_at IS NULL AND expires_at > :now""")
                    .bind("now", now).bind("hash", tokenHash).execute();
            var row = h.createQuery("SELECT doc, rotated_at FROM refresh_tokens WHERE token_hash = :hash")
                    .bind("hash", tokenHash)
                    .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getObject(2, OffsetDateTime.class)})
                    .findOne().orElse(null);
            if (row == null) {
                return new Use(Use.Status.UNKNOWN, Optional.empty(), Optional.empty());
            }
            var token = Optional.of(Json.read((String) row[0], RefreshToken.class));
            var usedAt = Optional.ofNullable((OffsetDateTime) row[1]).map(OffsetDateTime::toInstant);
            if (won == 1) {
                return new Use(Use.Status.ROTATED, token, usedAt);
            }
            return new Use(usedAt.isPresent() ? Use.Status.REUSED : Use.Status.EXPIRED, token, usedAt);
        });
    }

    @Override
    public Optional<RefreshToken> findActive(String tokenHash, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT doc FROM refresh_tokens
                        WHERE token_hash = :hash AND rotated_at IS NULL AND expires_at > :now""")
                .bind("hash", tokenHash).bind("now", now).mapTo(String.class).findOne()
                .map(doc -> Json.read(doc, RefreshToken.class)));
    }
}

package dev.latchkey.grant;

import dev.latchkey.support.Json;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.Optional;

/** {@link AuthorizationCodeRepository} over JDBI (table {@code authorization_codes}). */
public final class JdbiAuthorizationCodeRepository implements AuthorizationCodeRepository {

    private final Jdbi jdbi;

    public JdbiAuthorizationCodeRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(String codeHash, AuthorizationCode code) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO authorization_codes (code_hash, grant_id, doc, expires_at)
                        VALUES (:hash, :grant, :doc, :exp)""")
                .bind("hash", codeHash).bind("grant", code.grantId()).bind("doc", Json.write(code))
                .bind("exp", code.expiresAt()).execute());
    }

    @Override
    public Redemption redeem(String codeHash, Instant now) {
        return jdbi.inTransaction(h -> {
            // the conditional update decides the one winner, whatever the isolation level and the node
            int won = h.createUpdate("""
                            UPDATE authorization_codes SET redeemed_at = :now
                            WHERE code_hash = :hash AND redeemed_at IS NULL AND expires_at > :now""")
                    .bind("now", now).bind("hash", codeHash).execute();
            var row = h.createQuery("SELECT doc, redeemed_at FROM authorization_codes WHERE code_hash = :hash")
                    .bind("hash", codeHash).mapToMap().findOne().orElse(null);
            if (row == null) {
                return new Redemption(Redemption.Status.UNKNOWN, Optional.empty());
            }
            var code = Optional.of(Json.read(String.valueOf(row.get("doc")), AuthorizationCode.class));
            if (won == 1) {
                return new Redemption(Redemption.Status.REDEEMED, code);
            }
            return new Redemption(row.get("redeemed_at") == null ? Redemption.Status.EXPIRED
                    : Redemption.Status.REUSED, code);
        });
    }
}

package dev.latchkey.grant;

import java.time.Instant;
import java.util.Optional;

/** Stored authorization codes, by the hash of the code. */
public interface AuthorizationCodeRepository {

    void insert(String codeHash, AuthorizationCode code);

    /**
     * Redeems a code atomically: of any number of concurrent calls (on any node) exactly one gets
     * {@link Redemption.Status#REDEEMED}; later ones get {@link Redemption.Status#REUSED} with the code, so
     * that the caller can revoke what the first redemption issued (RFC 6749 §4.1.2, RFC 9700 §4.2.4 ... ).
     */
    Redemption redeem(String codeHash, Instant now);

    /** The outcome of {@link #redeem}; {@code code} is present unless the status is UNKNOWN. */
    record Redemption(Status status, Optional<AuthorizationCode> code) {

        public enum Status { REDEEMED, REUSED, EXPIRED, UNKNOWN }
    }
}

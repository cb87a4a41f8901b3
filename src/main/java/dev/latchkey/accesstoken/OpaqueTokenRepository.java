package dev.latchkey.accesstoken;

import java.util.Optional;

/** Stored opaque access tokens, by the hash of the token. */
public interface OpaqueTokenRepository {

    void insert(String tokenHash, OpaqueToken token);

    Optional<OpaqueToken> find(String tokenHash);

    /** Deletes a token (its revocation); false when there was none. */
    boolean delete(String tokenHash);
}

package dev.latchkey.oauth.introspection;

import dev.latchkey.grant.Grant;
import dev.latchkey.grant.RefreshToken;
import dev.latchkey.oauth.token.AccessTokenVerifier.VerifiedToken;

/** A token presented to introspection or revocation, found active in the workspace: an access or a refresh token. */
public sealed interface PresentedToken {

    /** The client the token was issued to. */
    String clientId();

    /** A valid access token (JWT or opaque); {@code jwt} tells which. */
    record Access(VerifiedToken token, boolean jwt) implements PresentedToken {

        @Override
        public String clientId() {
            return token.clientId();
        }
    }

    /** An active refresh token of an active grant; {@code hash} is its stored form. */
    record Refresh(String hash, RefreshToken token, Grant grant) implements PresentedToken {

        @Override
        public String clientId() {
            return token.clientId();
        }
    }
}

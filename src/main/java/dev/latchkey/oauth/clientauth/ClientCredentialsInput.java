package dev.latchkey.oauth.clientauth;

import dev.latchkey.oauth.FormParams;

/** What a request carries that can authenticate a client: the Authorization header and the form. */
public record ClientCredentialsInput(String authorizationHeader, FormParams params) {

    public boolean hasBasicHeader() {
        return authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6);
    }
}

package dev.latchkey.oauth.clientauth;

import dev.latchkey.oauth.FormParams;

/** What a request carries that can authenticate a client: the Authorization header and the form. */
public record ClientCredentialsInput(String authorizationHeader, FormParams params) {

    /** True for the Basic scheme, with or without credentials after it (a bare "Basic" is a malformed attempt). */
    public boolean hasBasicHeader() {
        if (authorizationHeader == null) {
            return false;
        }
        String header = authorizationHeader.strip();
        return header.regionMatches(true, 0, "Basic", 0, 5) && (header.length() == 5 || header.charAt(5) == ' ');
    }
}

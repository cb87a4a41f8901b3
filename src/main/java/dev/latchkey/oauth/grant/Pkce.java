package dev.latchkey.oauth.grant;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.latchkey.support.Secrets;

/**
 * PKCE at the token endpoint (RFC 7636 §4.6): the {@code code_verifier} is 43 to 128 unreserved characters
 * (§4.1), and {@code S256} compares {@code BASE64URL(SHA256(verifier))}, {@code plain} the verifier itself,
 * with the stored challenge, in constant time. A method stored as absent is {@code plain} (§4.3). Pure.
 */
final class Pkce {

    private Pkce() {
    }

    static boolean wellFormed(String verifier) {
        try {
            new CodeVerifier(verifier);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean matches(String challenge, String method, String verifier) {
        CodeChallengeMethod parsed = method == null || method.isEmpty() ? CodeChallengeMethod.PLAIN
                : CodeChallengeMethod.parse(method);
        if (!parsed.equals(CodeChallengeMethod.S256) && !parsed.equals(CodeChallengeMethod.PLAIN)) {
            return false;
        }
        String computed = CodeChallenge.compute(parsed, new CodeVerifier(verifier)).getValue();
        return Secrets.equal(challenge, computed);
    }
}

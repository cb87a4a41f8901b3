package dev.latchkey.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.latchkey.grant.Grant;
import dev.latchkey.oauth.UserGrantFixture.TestClient;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.UserGrantFixture.USER;
import static dev.latchkey.oauth.UserGrantFixture.ok;
import static dev.latchkey.oauth.UserGrantFixture.pairwise;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subject identifier types (OIDC Core §8): a {@code pairwise} client sees
 * {@code base64url(SHA-256(sector || subject || salt))} in its access and ID tokens (sector: the host of
 * its {@code sector_identifier_uri}, else of its redirect URI), stable across logins and refreshes, equal
 * for clients of one sector and different across sectors; a {@code public} client sees the user's own
 * subject.
 */
class PairwiseSubjectsTest {

    static final String WS = "pairwise";

    static TestServer server;
    static UserGrantFixture fx;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        fx = new UserGrantFixture(server);
        fx.createWorkspace(WS, "jwt", List.of("public", "pairwise"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static TestClient client(String redirectUri, Map<String, Object> subject) {
        var extra = new java.util.HashMap<String, Object>(subject);
        extra.put("scopes", List.of("openid"));
        return fx.createClient(WS, List.of("authorization_code", "refresh_token"), List.of(redirectUri), extra);
    }

    /** Logs the user in to {@code client}; returns the token response. */
    static Map<String, Object> login(TestClient client, String redirectUri) {
        Grant grant = fx.grant(WS, client, List.of("openid"));
        return ok(fx.exchange(WS, client, fx.code(grant, redirectUri, null, null, null), redirectUri, null));
    }

    /** The subject of the access token and of the ID token, checked to agree; and the access token's st. */
    static String subject(Map<String, Object> tokens, String expectedType) throws Exception {
        JWTClaimsSet access = fx.verify(WS, (String) tokens.get("access_token"));
        JWTClaimsSet id = fx.verify(WS, (String) tokens.get("id_token"));
        assertThat(access.getStringClaim("st")).isEqualTo(expectedType);
        assertThat(id.getSubject()).isEqualTo(access.getSubject());
        return access.getSubject();
    }

    @Test
    void pairwiseSubjectsDifferAcrossSectorsAndAreStableWithinOne() throws Exception {
        String cbA = "https://a.example.com/cb";
        String cbB = "https://b.example.org/cb";
        String cbC = "https://c.example.net/cb";
        TestClient a = client(cbA, Map.of("subject_type", "pairwise"));
        TestClient b = client(cbB, Map.of("subject_type", "pairwise"));
        TestClient c = client(cbC, Map.of("subject_type", "pairwise",
                "sector_identifier_uri", "https://a.example.com/sector.json"));
        TestClient open = client(cbA, Map.of("subject_type", "public"));

        Map<String, Object> loginA = login(a, cbA);
        String subA = subject(loginA, "pairwise");
        String subB = subject(login(b, cbB), "pairwise");
        assertThat(subA).isEqualTo(pairwise("a.example.com", USER)).isNotEqualTo(USER);
        assertThat(subB).isEqualTo(pairwise("b.example.org", USER)).isNotEqualTo(subA);

        // stable for one client: a second login and a refresh give the same subject
        assertThat(subject(login(a, cbA), "pairwise")).isEqualTo(subA);
        assertThat(subject(ok(fx.refresh(WS, a, (String) loginA.get("refresh_token"))), "pairwise")).isEqualTo(subA);
        // a client of the same sector (by its sector_identifier_uri) sees the same subject
        assertThat(subject(login(c, cbC), "pairwise")).isEqualTo(subA);
        // a public client sees the user's own subject
        assertThat(subject(login(open, cbA), "public")).isEqualTo(USER);
    }
}

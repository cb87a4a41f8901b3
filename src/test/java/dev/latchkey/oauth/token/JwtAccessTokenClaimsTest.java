package dev.latchkey.oauth.token;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.latchkey.support.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The access token's claims, written by Jackson, read as Nimbus' own {@code JWTClaimsSet} would have written them. */
class JwtAccessTokenClaimsTest {

    private static final long IAT = 1_780_000_000L;

    @Test
    void sameClaimsAsNimbusWouldWriteForOneAudienceAndAbsentClaims() throws Exception {
        var claims = new AccessTokenClaims("client-1", "client-1", List.of("https://api.example"), List.of("read", "write"),
                null, List.of(), "client", Duration.ofMinutes(5));
        assertSame(claims);
        Map<String, Object> written = written(claims);
        assertThat(written.get("aud")).isEqualTo("https://api.example"); // one audience: a string, as Nimbus writes it
        assertThat(written).doesNotContainKeys("idp", "cnf").containsEntry("amr", List.of())
                .containsEntry("exp", (int) (IAT + 300)).containsEntry("nbf", (int) IAT);
    }

    @Test
    void sameClaimsAsNimbusWouldWriteForSeveralAudiencesNoneAndACertificate() throws Exception {
        assertSame(new AccessTokenClaims("alice", "app", List.of("a", "b"), List.of(), "idp-1", List.of("pwd"), "user",
                Duration.ofHours(1), "thumb-1"));
        var none = new AccessTokenClaims("alice", "app", List.of(), List.of("s"), "idp-1", List.of("pwd"), "user",
                Duration.ofHours(1));
        assertSame(none);
        assertThat(written(none)).doesNotContainKey("aud");
        assertThat(written(new AccessTokenClaims("alice", "app", List.of("a", "b"), List.of(), null, null, null,
                Duration.ofSeconds(1), "t")).get("cnf")).isEqualTo(Map.of(JwtAccessTokens.CNF_THUMBPRINT, "t"));
    }

    private static Map<String, Object> written(AccessTokenClaims claims) {
        return Json.read(Json.write(JwtAccessTokens.claims("t1", "ws1", "https://iss/t1/ws1", claims, IAT,
                IAT + claims.ttl().toSeconds(), "jti-1")), Map.class);
    }

    /** What the tokens carried before: the same claims through Nimbus' builder, read back the same. */
    private static void assertSame(AccessTokenClaims claims) throws Exception {
        Date iat = new Date(IAT * 1000);
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().claim("aid", "ws1").claim("amr", claims.amr())
                .audience(claims.audience()).expirationTime(new Date((IAT + claims.ttl().toSeconds()) * 1000))
                .issueTime(iat).claim("idp", claims.idp()).issuer("https://iss/t1/ws1").jwtID("jti-1")
                .notBeforeTime(iat).claim("scp", claims.scopes()).claim("st", claims.subjectType())
                .subject(claims.subject()).claim("tid", "t1");
        if (claims.certificateThumbprint() != null) {
            builder.claim("cnf", Map.of(JwtAccessTokens.CNF_THUMBPRINT, claims.certificateThumbprint()));
        }
        JWTClaimsSet nimbus = builder.build();
        JWTClaimsSet ours = JWTClaimsSet.parse(Json.write(JwtAccessTokens.claims("t1", "ws1", "https://iss/t1/ws1",
                claims, IAT, IAT + claims.ttl().toSeconds(), "jti-1")));
        assertThat(ours.toJSONObject()).isEqualTo(JWTClaimsSet.parse(nimbus.toString()).toJSONObject());
        assertThat(ours.getAudience()).isEqualTo(nimbus.getAudience());
        assertThat(ours.getExpirationTime()).isEqualTo(nimbus.getExpirationTime());
    }
}

package dev.latchkey.interop;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.latchkey.testing.LoginWalker;
import dev.latchkey.testing.OidcFixture;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Nimbus OAuth 2.0 / OIDC SDK as a relying party that authenticates with {@code private_key_jwt}:
 * discovery, authorization code with PKCE through the login page, ID token validation against the JWKS,
 * userinfo, refresh with rotation, revocation of the refresh token (after which it is refused).
 */
class NimbusInteropTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void nimbusCompletesTheCodeFlowAuthenticatingWithPrivateKeyJwt() throws Exception {
        ECKey clientKey = new ECKeyGenerator(Curve.P_256).keyID("rp-key-1").generate();
        OidcFixture rp = OidcFixture.create(server, "nimbus", "private_key_jwt",
                "\"jwks\": " + new JWKSet(clientKey.toPublicJWK()).toString(true) + ", \"token_endpoint_auth_signing_alg\": \"ES256\"");
        ClientID clientId = new ClientID(rp.clientId);

        OIDCProviderMetadata op = OIDCProviderMetadata.resolve(new Issuer(rp.issuer));
        CodeVerifier verifier = new CodeVerifier();
        Nonce nonce = new Nonce();
        State state = new State();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "email", "offline_access"), clientId, URI.create(OidcFixture.REDIRECT_URI))
                .endpointURI(op.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();
        URI callback = new LoginWalker().login(request.toURI(), OidcFixture.REDIRECT_URI, OidcFixture.USERNAME,
                OidcFixture.PASSWORD);
        AuthenticationSuccessResponse authorized = AuthenticationResponseParser.parse(callback).toSuccessResponse();
        assertThat(authorized.getState()).isEqualTo(state);
        assertThat(authorized.getIssuer()).isEqualTo(op.getIssuer()); // RFC 9207

        TokenResponse exchanged = OIDCTokenResponseParser.parse(new TokenRequest(op.getTokenEndpointURI(),
                assertion(clientId, op, clientKey), new AuthorizationCodeGrant(authorized.getAuthorizationCode(),
                URI.create(OidcFixture.REDIRECT_URI), verifier)).toHTTPRequest().send());
        assertThat(exchanged.indicatesSuccess()).as(String.valueOf(exchanged)).isTrue();
        OIDCTokenResponse tokens = (OIDCTokenResponse) exchanged.toSuccessResponse();
        IDTokenClaimsSet idToken = new IDTokenValidator(op.getIssuer(), clientId, JWSAlgorithm.ES256,
                op.getJWKSetURI().toURL()).validate(tokens.getOIDCTokens().getIDToken(), nonce);
        assertThat(idToken.getSubject().getValue()).isNotBlank();

        UserInfoResponse userInfo = UserInfoResponse.parse(new UserInfoRequest(op.getUserInfoEndpointURI(),
                tokens.getOIDCTokens().getBearerAccessToken()).toHTTPRequest().send());
        assertThat(userInfo.indicatesSuccess()).isTrue();
        assertThat(userInfo.toSuccessResponse().getUserInfo().getSubject()).isEqualTo(idToken.getSubject());
        assertThat(userInfo.toSuccessResponse().getUserInfo().getEmailAddress()).isEqualTo(OidcFixture.EMAIL);

        RefreshToken first = tokens.getOIDCTokens().getRefreshToken();
        TokenResponse refreshed = OIDCTokenResponseParser.parse(new TokenRequest(op.getTokenEndpointURI(),
                assertion(clientId, op, clientKey), new RefreshTokenGrant(first)).toHTTPRequest().send());
        assertThat(refreshed.indicatesSuccess()).as(String.valueOf(refreshed)).isTrue();
        RefreshToken second = refreshed.toSuccessResponse().getTokens().getRefreshToken();
        assertThat(second).isNotEqualTo(first);

        var revoked = new TokenRevocationRequest(op.getRevocationEndpointURI(), assertion(clientId, op, clientKey),
                second).toHTTPRequest().send();
        assertThat(revoked.getStatusCode()).isEqualTo(200);
        TokenResponse afterRevocation = OIDCTokenResponseParser.parse(new TokenRequest(op.getTokenEndpointURI(),
                assertion(clientId, op, clientKey), new RefreshTokenGrant(second)).toHTTPRequest().send());
        assertThat(afterRevocation.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) afterRevocation).getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    /** A fresh client assertion (new jti each time) for the token endpoint as audience. */
    private static PrivateKeyJWT assertion(ClientID clientId, OIDCProviderMetadata op, ECKey key) throws Exception {
        return new PrivateKeyJWT(clientId, op.getTokenEndpointURI(), JWSAlgorithm.ES256, key.toECPrivateKey(),
                key.getKeyID(), null);
    }
}

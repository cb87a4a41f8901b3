package dev.latchkey.oauth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link FormParams}: RFC 6749 §3.1/§3.2 parameter rules for form-encoded bodies. */
class FormParamsTest {

    @Test
    void parsesSingleParameters() {
        FormParams params = FormParams.parse("grant_type=client_credentials&client_id=abc&scope=x");

        assertThat(params.get("grant_type")).hasValue("client_credentials");
        assertThat(params.get("client_id")).hasValue("abc");
        assertThat(params.get("scope")).hasValue("x");
        assertThat(params.has("client_secret")).isFalse();
        assertThat(params.get("client_secret")).isEmpty();
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        OAuthException e = catchThrowableOfType(OAuthException.class,
                () -> FormParams.parse("grant_type=client_credentials&scope=a&scope=b"));

        assertThat(e).isNotNull();
        assertThat(e.error().getCode()).isEqualTo("invalid_request");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.error().getDescription()).contains("'scope'").contains("more than once");
    }

    @Test
    void repeatedParameterWithTheSameValueIsStillRejected() {
        assertThatThrownBy(() -> FormParams.parse("grant_type=client_credentials&grant_type=client_credentials"))
                .isInstanceOfSatisfying(OAuthException.class, e ->
                        assertThat(e.error().getCode()).isEqualTo("invalid_request"));
    }

    @Test
    void repeatedParameterIsDetectedAfterDecodingTheName() {
        // client%5Fid decodes to client_id
        assertThatThrownBy(() -> FormParams.parse("client_id=a&client%5Fid=b"))
                .isInstanceOfSatisfying(OAuthException.class, e ->
                        assertThat(e.error().getCode()).isEqualTo("invalid_request"));
    }

    @Test
    void repeatedParameterIsRejectedEvenIfOneOccurrenceIsEmpty() {
        // "included more than once" is about the request as sent (§3.2)
        assertThatThrownBy(() -> FormParams.parse("scope=&scope=a"))
                .isInstanceOfSatisfying(OAuthException.class, e ->
                        assertThat(e.error().getCode()).isEqualTo("invalid_request"));
    }

    @Test
    void descriptionNeverEchoesUnsafeCharactersOrLongNames() {
        OAuthException quoted = catchThrowableOfType(OAuthException.class,
                () -> FormParams.parse("a%22%3Cb%3E=1&a%22%3Cb%3E=2"));
        assertThat(quoted.error().getDescription()).contains("'a??b?'").doesNotContain("\"").doesNotContain("<");

        String longName = "n".repeat(500);
        OAuthException longOne = catchThrowableOfType(OAuthException.class,
                () -> FormParams.parse(longName + "=1&" + longName + "=2"));
        assertThat(longOne.error().getDescription()).contains("'" + "n".repeat(64) + "'")
                .doesNotContain("n".repeat(65));
    }

    @Test
    void emptyValuesAreAbsent() {
        FormParams params = FormParams.parse("grant_type=client_credentials&scope=&client_secret&client_id=x");

        assertThat(params.has("scope")).isFalse();
        assertThat(params.get("scope")).isEmpty();
        assertThat(params.has("client_secret")).isFalse();
        assertThat(params.get("client_secret")).isEmpty();
        assertThat(params.get("client_id")).hasValue("x");
    }

    @Test
    void emptyOrNullBodyHasNoParameters() {
        for (String body : new String[] {null, "", "&", "&&&", "="}) {
            FormParams params = FormParams.parse(body);
            assertThat(params.has("grant_type")).as(String.valueOf(body)).isFalse();
            assertThat(params.get("grant_type")).isEmpty();
        }
    }

    @Test
    void plusAndPercent20DecodeToSpace() {
        FormParams params = FormParams.parse("a=x+y&b=x%20y&c=x%2By&d=%3D%26%25%3A&e=%C3%BC");

        assertThat(params.get("a")).hasValue("x y");
        assertThat(params.get("b")).hasValue("x y");
        assertThat(params.get("c")).hasValue("x+y");
        assertThat(params.get("d")).hasValue("=&%:");
        assertThat(params.get("e")).hasValue("\u00fc");
    }

    @Test
    void namesAreDecodedToo() {
        FormParams params = FormParams.parse("client%5Fsecret=s&my+name=v");

        assertThat(params.get("client_secret")).hasValue("s");
        assertThat(params.get("my name")).hasValue("v");
    }

    @Test
    void valueMayContainEqualsSigns() {
        assertThat(FormParams.parse("client_secret=a=b==").get("client_secret")).hasValue("a=b==");
    }

    @Test
    void lookupIsCaseSensitive() {
        FormParams params = FormParams.parse("Grant_Type=client_credentials");

        assertThat(params.has("grant_type")).isFalse();
        assertThat(params.get("Grant_Type")).hasValue("client_credentials");
    }

    @Test
    void differentNamesAreNotDuplicates() {
        FormParams params = FormParams.parse("scope=a&Scope=b&scopes=c");

        assertThat(params.get("scope")).hasValue("a");
        assertThat(params.get("Scope")).hasValue("b");
        assertThat(params.get("scopes")).hasValue("c");
    }
}

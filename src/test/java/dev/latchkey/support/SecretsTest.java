package dev.latchkey.support;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    @Test
    void equalOnlyForTheSameSecret() {
        assertThat(Secrets.equal("s3cret-0123456789", "s3cret-0123456789")).isTrue();
        assertThat(Secrets.equal("s3cret-0123456789", "s3cret-0123456788")).isFalse();
        assertThat(Secrets.equal("s3cret", "s3cret-0123456789")).isFalse(); // a prefix
        assertThat(Secrets.equal("s3cret-0123456789", "s3cret")).isFalse();
        assertThat(Secrets.equal("abc", "abc\u0000")).isFalse(); // past the end counts as 0, the length still differs
        assertThat(Secrets.equal("", "")).isTrue();
        assertThat(Secrets.equal("", "a")).isFalse();
        assertThat(Secrets.equal("geheim-\u00e9\u4e2d", "geheim-\u00e9\u4e2d")).isTrue();
        assertThat(Secrets.equal("geheim-\u00e9", "geheim-\u00e8")).isFalse();
        assertThat(Secrets.equal(null, "a")).isFalse();
        assertThat(Secrets.equal("a", null)).isFalse();
        assertThat(Secrets.equal(null, null)).isFalse();
    }

    @Property
    void agreesWithStringEquality(@ForAll String expected, @ForAll String given) {
        assertThat(Secrets.equal(expected, given)).isEqualTo(expected.equals(given));
        assertThat(Secrets.equal(expected, new String(expected.toCharArray()))).isTrue();
    }
}

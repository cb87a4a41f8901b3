package dev.latchkey.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shared instances of repeated values: equal values give one instance, unmodifiable, nulls as before. */
class InternedTest {

    @Test
    void equalStringsAreOneInstance() {
        String a = new String("client_secret_post".toCharArray());
        String b = new String("client_secret_post".toCharArray());
        assertThat(a).isNotSameAs(b);
        assertThat(Interned.string(a)).isSameAs(Interned.string(b)).isSameAs("client_secret_post");
        assertThat(Interned.string(null)).isNull();
    }

    @Test
    void recentGivesBackTheEqualStringItLastSawAndNeverAnUnequalOne() {
        String first = new String("Mozilla/5.0 (X11; Linux x86_64)".toCharArray());
        String again = new String(first.toCharArray());
        assertThat(Interned.recent(first)).isSameAs(first);
        assertThat(Interned.recent(again)).isSameAs(first); // a later equal string: the first one
        assertThat(Interned.recent(null)).isNull();
        // strings that share a slot replace each other and are never mistaken for each other ("Aa", "BB": one hash)
        String aa = new String("Aa".toCharArray());
        String bb = new String("BB".toCharArray());
        assertThat(aa.hashCode()).isEqualTo(bb.hashCode());
        assertThat(Interned.recent(aa)).isSameAs(aa);
        assertThat(Interned.recent(bb)).isSameAs(bb);
        assertThat(Interned.recent(new String("Aa".toCharArray()))).isEqualTo("Aa").isNotSameAs(aa);
    }

    @net.jqwik.api.Property(tries = 500)
    void recentAlwaysGivesAnEqualString(@net.jqwik.api.ForAll java.util.List<String> values) {
        for (String value : values) {
            assertThat(Interned.recent(new String(value.toCharArray()))).isEqualTo(value);
        }
    }

    @Test
    void equalListsAreOneUnmodifiableInstanceOfInternedElements() {
        List<String> a = new ArrayList<>(List.of(new String("client_credentials".toCharArray()), "implicit"));
        List<String> b = new ArrayList<>(List.of("client_credentials", new String("implicit".toCharArray())));
        List<String> shared = Interned.list(a);
        assertThat(shared).isSameAs(Interned.list(b)).containsExactly("client_credentials", "implicit");
        assertThat(shared.get(0)).isSameAs("client_credentials");
        a.set(0, "changed"); // the shared copy does not follow the caller's list
        assertThat(shared).containsExactly("client_credentials", "implicit");
        assertThatThrownBy(() -> shared.add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Interned.list(List.of())).isEmpty();
    }

    @Test
    void nullElementsAreRefusedAsListCopyOfDoes() {
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> Interned.list(withNull)).isInstanceOf(NullPointerException.class);
    }
}

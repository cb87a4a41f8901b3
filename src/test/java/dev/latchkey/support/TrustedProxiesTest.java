package dev.latchkey.support;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --trusted-proxies}: CIDR blocks of IPv4 and IPv6 literals, never host names. */
class TrustedProxiesTest {

    private static boolean trusts(TrustedProxies proxies, String address) throws Exception {
        return proxies.contains(InetAddress.getByName(address));
    }

    @Test
    void blocksAndSingleAddressesMatchWhatTheyCover() throws Exception {
        TrustedProxies proxies = TrustedProxies.parse(" 10.0.0.0/8, 192.168.1.7 ,172.16.0.0/12, fd00::/8, ::1");
        assertThat(trusts(proxies, "10.255.1.2")).isTrue();
        assertThat(trusts(proxies, "11.0.0.1")).isFalse();
        assertThat(trusts(proxies, "192.168.1.7")).isTrue();
        assertThat(trusts(proxies, "192.168.1.8")).isFalse();
        assertThat(trusts(proxies, "172.31.255.255")).isTrue();
        assertThat(trusts(proxies, "172.32.0.0")).isFalse();
        assertThat(trusts(proxies, "fd12:3456::1")).isTrue();
        assertThat(trusts(proxies, "fe80::1")).isFalse();
        assertThat(trusts(proxies, "::1")).isTrue();
        assertThat(trusts(proxies, "::ffff:10.1.1.1")).as("IPv4-mapped is IPv4").isTrue();
        assertThat(proxies.contains(null)).isFalse();
        assertThat(TrustedProxies.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8"))).isTrue();
    }

    @Test
    void emptyTrustsNobody() throws Exception {
        assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse(null).isEmpty()).isTrue();
        assertThat(trusts(TrustedProxies.parse(" , "), "127.0.0.1")).isFalse();
        assertThat(trusts(TrustedProxies.none(), "127.0.0.1")).isFalse();
    }

    @Test
    void badEntriesAreRefusedWithTheirText() {
        for (String bad : new String[] {"proxy.example.com", "10.0.0.0/33", "::1/129", "10.0.0.0/x", "10.0.0.0/-1",
                "1234", "10.0.0.256"}) {
            assertThatThrownBy(() -> TrustedProxies.parse("127.0.0.1," + bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }
}

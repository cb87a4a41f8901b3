package dev.latchkey.support;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client behind reverse proxies: forwarding headers believed only from a trusted peer, the rightmost
 * untrusted hop of {@code X-Forwarded-For} or RFC 7239 {@code Forwarded}, the scheme and host the client used.
 */
class ForwardedRequestTest {

    private static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/8, fd00::/8");

    private static ForwardedRequest resolve(String peer, boolean secure, Map<String, String> headers) throws Exception {
        return ForwardedRequest.resolve(InetAddress.getByName(peer), peer, secure, "node1.internal:8080", PROXIES,
                headers::get);
    }

    @Test
    void headersOfAnUntrustedPeerAreIgnored() throws Exception {
        var r = resolve("198.51.100.9", false, Map.of("X-Forwarded-For", "203.0.113.5",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "auth.example.com",
                "Forwarded", "for=203.0.113.6;proto=https"));
        assertThat(r).isEqualTo(new ForwardedRequest("198.51.100.9", "http", "node1.internal:8080"));
        assertThat(ForwardedRequest.resolve(InetAddress.getByName("10.0.0.2"), "10.0.0.2", true, null,
                TrustedProxies.none(), Map.of("X-Forwarded-For", "203.0.113.5")::get))
                .as("no --trusted-proxies: nobody is believed")
                .isEqualTo(new ForwardedRequest("10.0.0.2", "https", ""));
    }

    @Test
    void xForwardedForGivesTheRightmostUntrustedHop() throws Exception {
        var r = resolve("10.0.0.2", false, Map.of("X-Forwarded-For", "1.1.1.1, 203.0.113.5, 10.1.2.3",
                "X-Forwarded-Proto", "http,https", "X-Forwarded-Host", "auth.example.com"));
        assertThat(r).as("1.1.1.1 was written by the client itself: not believed")
                .isEqualTo(new ForwardedRequest("203.0.113.5", "https", "auth.example.com"));
        assertThat(resolve("10.0.0.2", true, Map.of("X-Forwarded-For", "10.9.9.9, 10.1.2.3")).clientIp())
                .as("every hop trusted: the leftmost").isEqualTo("10.9.9.9");
        assertThat(resolve("10.0.0.2", true, Map.of()).clientIp()).as("no header: the peer").isEqualTo("10.0.0.2");
        assertThat(resolve("10.0.0.2", false, Map.of("X-Forwarded-For", "203.0.113.5:41234")).clientIp())
                .isEqualTo("203.0.113.5");
    }

    @Test
    void aHopThatIsNotAnAddressEndsTheWalk() throws Exception {
        assertThat(resolve("10.0.0.2", false, Map.of("X-Forwarded-For", "203.0.113.5, unknown, 10.1.2.3"))
                .clientIp()).isEqualTo("10.1.2.3");
        assertThat(resolve("10.0.0.2", false, Map.of("X-Forwarded-For", "evil.example.com")).clientIp())
                .as("a name is never resolved").isEqualTo("10.0.0.2");
        assertThat(resolve("10.0.0.2", false, Map.of("X-Forwarded-Proto", "gopher")).proto()).isEqualTo("http");
    }

    @Test
    void forwardedHeaderOfRfc7239() throws Exception {
        var r = resolve("10.0.0.2", false, Map.of("Forwarded",
                "for=192.0.2.60;proto=http, for=\"[2001:db8:cafe::17]:4711\";proto=https;host=auth.example.com, "
                        + "for=10.3.3.3;proto=http", "X-Forwarded-For", "198.51.100.1"));
        assertThat(r).as("Forwarded wins over X-Forwarded-For; the client's hop gives scheme and host")
                .isEqualTo(new ForwardedRequest("2001:db8:cafe::17", "https", "auth.example.com"));
        assertThat(resolve("fd00::1", false, Map.of("Forwarded", "For=\"192.0.2.43:8080\"")).clientIp())
                .isEqualTo("192.0.2.43");
        assertThat(resolve("10.0.0.2", false, Map.of("Forwarded", "for=_hidden, for=10.1.1.1")).clientIp())
                .isEqualTo("10.1.1.1");
        assertThat(resolve("10.0.0.2", false, Map.of("Forwarded", "proto=https")).clientIp())
                .isEqualTo("10.0.0.2");
    }

    @Test
    void ipv6IsWrittenInItsCanonicalForm() throws Exception {
        assertThat(ForwardedRequest.text(InetAddress.getByName("0:0:0:0:0:0:0:1"))).isEqualTo("::1");
        assertThat(ForwardedRequest.text(InetAddress.getByName("2001:DB8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(ForwardedRequest.text(InetAddress.getByName("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(ForwardedRequest.text(InetAddress.getByName("fe80::"))).isEqualTo("fe80::");
        assertThat(ForwardedRequest.text(InetAddress.getByName("::"))).isEqualTo("::");
        assertThat(ForwardedRequest.text(InetAddress.getByName("203.0.113.5"))).isEqualTo("203.0.113.5");
    }
}

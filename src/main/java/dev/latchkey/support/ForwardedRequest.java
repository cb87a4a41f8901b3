package dev.latchkey.support;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a request really came from when it passed reverse proxies: the client's address, and the scheme and host
 * the client used. The forwarding headers are believed only from a trusted proxy ({@code --trusted-proxies}):
 * from anyone else they are ignored and the client is the TCP peer.
 *
 * <p>From a trusted peer, {@code Forwarded} (RFC 7239) is read when present, else {@code X-Forwarded-For},
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}. The address list is walked from the right (the hop
 * nearest to us) while the hops are trusted proxies; the first untrusted hop is the client (anything to its left
 * was written by the client and may be forged). When every hop is a trusted proxy, the leftmost is the client. A
 * hop that is not an IP literal ({@code unknown}, an obfuscated {@code _node}, garbage) ends the walk: the client
 * is then the last trusted hop, the one that wrote it. The scheme and host are those the client's hop reported
 * ({@code Forwarded}), or the rightmost value of {@code X-Forwarded-Proto}/{@code -Host} (the nearest proxy's).
 * Immutable; pure (no I/O, no name resolution).
 *
 * @param clientIp the client's address as text (IPv6 in RFC 5952 form, without brackets)
 * @param proto    {@code http} or {@code https}
 * @param host     the host (and port) the client asked for; empty when unknown
 */
public record ForwardedRequest(String clientIp, String proto, String host) {

    private static final int MAX_HOPS = 30;

    /**
     * Resolves a request. {@code peer} is the TCP peer (null when unknown), {@code secure} whether the connection
     * is TLS, {@code headers} gives every value of a header joined with commas (null when absent).
     */
    public static ForwardedRequest resolve(InetAddress peer, String peerText, boolean secure, String hostHeader,
                                           TrustedProxies proxies, Function<String, String> headers) {
        String ownProto = secure ? "https" : "http";
        String ownHost = hostHeader == null ? "" : hostHeader;
        ForwardedRequest direct = new ForwardedRequest(peer == null ? peerText : text(peer), ownProto, ownHost);
        if (peer == null || !proxies.contains(peer)) {
            return direct;
        }
        String forwarded = headers.apply("Forwarded");
        if (forwarded != null && !forwarded.isBlank()) {
            return fromForwarded(direct, forwarded, proxies);
        }
        String xff = headers.apply("X-Forwarded-For");
        List<Hop> hops = new ArrayList<>();
        if (xff != null) {
            for (String entry : xff.split(",")) {
                hops.add(new Hop(entry.strip(), null, null));
            }
        }
        Hop client = walk(direct, hops, proxies);
        String proto = rightmost(headers.apply("X-Forwarded-Proto"));
        String host = rightmost(headers.apply("X-Forwarded-Host"));
        return new ForwardedRequest(client.address(), scheme(proto).orElse(ownProto),
                host == null ? ownHost : host);
    }

    private static ForwardedRequest fromForwarded(ForwardedRequest direct, String header, TrustedProxies proxies) {
        List<Hop> hops = new ArrayList<>();
        for (String element : splitOutsideQuotes(header, ',')) {
            String forNode = null;
            String proto = null;
            String host = null;
            for (String pair : splitOutsideQuotes(element, ';')) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = unquote(pair.substring(eq + 1).strip());
                switch (name) {
                    case "for" -> forNode = value;
                    case "proto" -> proto = value;
                    case "host" -> host = value;
                    default -> { }
                }
            }
            hops.add(new Hop(forNode == null ? "" : forNode, proto, host));
        }
        Hop client = walk(direct, hops, proxies);
        return new ForwardedRequest(client.address(),
                scheme(client.proto()).orElse(direct.proto()),
                client.host() == null || client.host().isBlank() ? direct.host() : client.host());
    }

    /** The client among {@code hops} (leftmost first), the peer being a trusted proxy. */
    private static Hop walk(ForwardedRequest direct, List<Hop> hops, TrustedProxies proxies) {
        Hop client = new Hop(direct.clientIp(), null, null);
        int seen = 0;
        for (int i = hops.size() - 1; i >= 0 && seen < MAX_HOPS; i--, seen++) {
            Hop hop = hops.get(i);
            Optional<InetAddress> address = TrustedProxies.literal(stripPort(hop.address()));
            if (address.isEmpty()) {
                return client; // not an address: the hop that wrote it is as far as we can see
            }
            client = new Hop(text(address.get()), hop.proto(), hop.host());
            if (!proxies.contains(address.get())) {
                return client;
            }
        }
        return client;
    }

    /** {@code 192.0.2.1:8080} → {@code 192.0.2.1}; {@code [2001:db8::1]:8080} → {@code [2001:db8::1]}. */
    private static String stripPort(String node) {
        String n = node.strip();
        if (n.startsWith("[")) {
            int close = n.indexOf(']');
            return close < 0 ? n : n.substring(0, close + 1);
        }
        int colon = n.indexOf(':');
        return colon > 0 && colon == n.lastIndexOf(':') && n.indexOf('.') >= 0 ? n.substring(0, colon) : n;
    }

    /** IPv4 dotted; IPv6 in RFC 5952's canonical text (lower case, longest run of zero groups as "::"). */
    static String text(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not compressed
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static Optional<String> scheme(String proto) {
        if (proto == null) {
            return Optional.empty();
        }
        String p = proto.strip().toLowerCase(Locale.ROOT);
        return p.equals("http") || p.equals("https") ? Optional.of(p) : Optional.empty();
    }

    private static String rightmost(String list) {
        if (list == null || list.isBlank()) {
            return null;
        }
        String[] values = list.split(",");
        String last = values[values.length - 1].strip();
        return last.isEmpty() || last.length() > 255 ? null : last;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private record Hop(String address, String proto, String host) {
    }
}

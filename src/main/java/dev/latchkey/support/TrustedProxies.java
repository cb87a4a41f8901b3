package dev.latchkey.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The addresses of the reverse proxies whose headers are believed (the client certificate header of RFC 8705
 * deployments behind a TLS-terminating proxy, and the forwarding headers, {@link ForwardedRequest}): a list of CIDR blocks, IPv4 or IPv6, parsed from
 * {@code --trusted-proxies} ("10.0.0.0/8, 192.168.1.7, ::1/128"). A bare address is a block of one. Empty
 * trusts nobody. Literals only: a host name is refused, never resolved. Immutable.
 */
public final class TrustedProxies {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");
    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public static TrustedProxies none() {
        return NONE;
    }

    /** Parses comma-separated CIDR blocks; blank means none. IllegalArgumentException names the bad entry. */
    public static TrustedProxies parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return NONE;
        }
        List<Block> blocks = new ArrayList<>();
        for (String entry : commaSeparated.split(",")) {
            String cidr = entry.strip();
            if (!cidr.isEmpty()) {
                blocks.add(block(cidr));
            }
        }
        return new TrustedProxies(blocks);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** True when {@code address} is inside one of the blocks; false for null. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        return blocks.stream().anyMatch(b -> b.contains(bytes));
    }

    /**
     * The address written as {@code text}, an IPv4 or IPv6 literal (IPv6 possibly in brackets); empty for
     * anything else. Never resolves a name.
     */
    public static java.util.Optional<InetAddress> literal(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        String host = text.strip();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.length() > 45 || !LITERAL.matcher(host).matches()
                || (!host.contains(".") && !host.contains(":"))) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(host)); // a literal: no lookup
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return String.join(",", blocks.stream().map(Block::text).toList());
    }

    private static Block block(String cidr) {
        int slash = cidr.indexOf('/');
        String host = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!LITERAL.matcher(host).matches() || (!host.contains(".") && !host.contains(":"))) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + cidr);
        }
        byte[] network;
        try {
            network = InetAddress.getByName(host).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + cidr);
        }
        int bits = network.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + cidr);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix length out of range in " + cidr);
            }
        }
        return new Block(cidr, network, prefix);
    }

    private record Block(String text, byte[] network, int prefix) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}

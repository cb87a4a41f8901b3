package dev.latchkey.support;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates Cloudentity-style identifiers, which are <a href="https://github.com/rs/xid">rs/xid</a>
 * ids: 12 bytes (4-byte big-endian Unix seconds, 3-byte machine id, 2-byte process id, 3-byte
 * counter starting at a random value) encoded as 20 lowercase base32hex characters without padding,
 * so ids sort by creation second. Machine and process bytes are drawn at random at construction.
 * Thread-safe.
 */
public final class Xid {

    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuv";
    private static final byte[] DIGITS = ALPHABET.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Clock clock;
    private final byte[] machineAndPid = new byte[5];
    private final AtomicInteger counter;

    public Xid(Clock clock, SecureRandom random) {
        this.clock = clock;
        random.nextBytes(machineAndPid);
        this.counter = new AtomicInteger(random.nextInt());
    }

    /** Returns a fresh id. */
    public String next() {
        return id(reserve());
    }

    /**
     * Takes the next id without spelling it: its second and counter in one long, for {@link #id} to spell later
     * (the audit events' ids are spelled by the audit writer, off the request path). The ids are those
     * {@link #next} would have given in the same order.
     */
    public long reserve() {
        return reserve(clock.instant().getEpochSecond());
    }

    /** As {@link #reserve()} at {@code epochSecond}, a time the caller has just read from the same clock. */
    public long reserve(long epochSecond) {
        return (epochSecond << 32) | (counter.incrementAndGet() & 0xFFFFFFFFL);
    }

    /** The id {@link #reserve} took. */
    public String id(long reserved) {
        byte[] id = new byte[12];
        bytes(reserved, id);
        return spell(id);
    }

    /** The 12 bytes of the id {@link #reserve} took, into {@code id} (12 bytes long). */
    public void bytes(long reserved, byte[] id) {
        System.arraycopy(machineAndPid, 0, id, 4, 5);
        setSecondsAndCounter(id, reserved >>> 32, (int) reserved);
    }

    /** The Unix seconds of the xid {@code id} (12 bytes). */
    public static long seconds(byte[] id) {
        return ((id[0] & 0xFFL) << 24) | ((id[1] & 0xFF) << 16) | ((id[2] & 0xFF) << 8) | (id[3] & 0xFF);
    }

    /** The 24-bit counter of the xid {@code id}. */
    public static int counter(byte[] id) {
        return ((id[9] & 0xFF) << 16) | ((id[10] & 0xFF) << 8) | (id[11] & 0xFF);
    }

    /** Sets the seconds (their low 32 bits) and the counter (its low 24 bits) of {@code id}, keeping its other bytes. */
    public static void setSecondsAndCounter(byte[] id, long seconds, int counter) {
        id[0] = (byte) (seconds >>> 24);
        id[1] = (byte) (seconds >>> 16);
        id[2] = (byte) (seconds >>> 8);
        id[3] = (byte) seconds;
        id[9] = (byte) (counter >>> 16);
        id[10] = (byte) (counter >>> 8);
        id[11] = (byte) counter;
    }

    /**
     * The 12 bytes of {@code s} into {@code id} when {@code s} is an xid as {@link #spell} writes it (20
     * characters of the alphabet, the last one's padding bits zero): then {@code spell(id)} is {@code s}; else
     * false ({@code id} then holds anything).
     */
    public static boolean parse(String s, byte[] id) {
        if (s == null || s.length() != 20) {
            return false;
        }
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < 20; i++) {
            char c = s.charAt(i);
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'v' ? c - 'a' + 10 : -1;
            if (v < 0) {
                return false;
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                id[n++] = (byte) (buffer >>> bits);
            }
        }
        return (buffer & 0xF) == 0; // 100 bits read, 96 kept: the last 4 are padding
    }


    /** Whether {@code s} has the shape of an xid: 20 characters of the base32hex alphabet. */
    public static boolean isValid(String s) {
        return s != null && s.length() == 20 && s.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    /**
     * The 12 bytes of an xid spelled as rs/xid does: 5 bits per character, the last one padded with zero bits
     * ({@link #parse}'s inverse).
     */
    public static String spell(byte[] id) {
        if (id.length != 12) {
            throw new IllegalArgumentException("xid must be 12 bytes");
        }
        byte[] chars = new byte[20]; // ASCII, made into the string in one copy (a StringBuilder checks every char)
        int n = 0;
        int buffer = 0;
        int bits = 0;
        for (byte b : id) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                chars[n++] = DIGITS[(buffer >>> bits) & 0x1F];
            }
        }
        chars[n] = DIGITS[(buffer << (5 - bits)) & 0x1F]; // 96 = 19 * 5 + 1
        return new String(chars, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}

package dev.latchkey.support;

import java.time.Duration;

/**
 * Go {@code time.Duration} strings, as used by the Cloudentity API (for example {@code "1h0m0s"}).
 *
 * <p>{@link #parse} mirrors Go's {@code time.ParseDuration}: an optional sign, then one or more
 * decimal numbers, each with an optional fraction and a unit among {@code ns}, {@code us},
 * {@code µs} (U+00B5), {@code μs} (U+03BC), {@code ms}, {@code s}, {@code m}, {@code h}; the bare
 * string {@code "0"} is also accepted. Fractions use the same float64 arithmetic as Go, and the
 * total must fit Go's int64 nanoseconds. {@link #format} mirrors Go's {@code Duration.String()}:
 * {@code "0s"}; below one second the smallest unit ({@code "300ms"}, {@code "1.5µs"},
 * {@code "100ns"}); otherwise {@code "2h45m30.5s"}, fractions trimmed of trailing zeros.
 */
public final class GoDuration {

    private static final long TWO_63 = Long.MIN_VALUE; // 1 << 63 when read as unsigned

    private GoDuration() {}

    /** Parses a Go duration string; throws {@link IllegalArgumentException} where Go returns an error. */
    public static Duration parse(String s) {
        int i = 0;
        int n = s.length();
        boolean neg = false;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        if (s.substring(i).equals("0")) {
            return Duration.ZERO;
        } else if (i == n) {
            throw invalid(s);
        }
        long d = 0; // all sums below are unsigned and at most 1 << 63
        while (i < n) {
            if (s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                throw invalid(s);
            }
            int start = i;
            long v = 0; // integer part: overflow is an error
            for (; i < n && isDigit(s.charAt(i)); i++) {
                if (Long.compareUnsigned(v, Long.MAX_VALUE / 10) > 0) {
                    throw invalid(s);
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, TWO_63) > 0) {
                    throw invalid(s);
                }
            }
            boolean digits = i != start;
            long f = 0; // fraction: on overflow Go just stops accumulating precision
            double scale = 1;
            if (i < n && s.charAt(i) == '.') {
                boolean overflow = false;
                for (start = ++i; i < n && isDigit(s.charAt(i)); i++) {
                    long y = f * 10 + (s.charAt(i) - '0');
                    overflow |= Long.compareUnsigned(f, Long.MAX_VALUE / 10) > 0
                            || Long.compareUnsigned(y, TWO_63) > 0;
                    if (!overflow) {
                        f = y;
                        scale *= 10;
                    }
                }
                digits |= i != start;
            }
            if (!digits) { // e.g. ".s"
                throw invalid(s);
            }
            start = i; // the unit runs up to the next '.' or digit
            while (i < n && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                i++;
            }
            long unit = unit(s.substring(start, i));
            if (unit == 0 || Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, unit)) > 0) {
                throw invalid(s);
            }
            v *= unit;
            if (f != 0) {
                v += (long) ((f >= 0 ? (double) f : 0x1p63) * ((double) unit / scale));
                if (Long.compareUnsigned(v, TWO_63) > 0) {
                    throw invalid(s);
                }
            }
            if (Long.compareUnsigned(v, TWO_63 - d) > 0) { // d + v > 1 << 63
                throw invalid(s);
            }
            d += v;
        }
        if (!neg && d == TWO_63) { // 1 << 63 only fits as a negative int64
            throw invalid(s);
        }
        return Duration.ofNanos(neg ? -d : d);
    }

    /** Formats like Go's {@code Duration.String()}; {@link ArithmeticException} beyond int64 nanoseconds. */
    public static String format(Duration d) {
        long nanos = d.toNanos(); // range check
        if (nanos == 0) {
            return "0s";
        }
        long secs = d.abs().getSeconds();
        int frac = d.abs().getNano();
        StringBuilder sb = new StringBuilder(nanos < 0 ? "-" : "");
        if (secs == 0) {
            return (frac < 1_000 ? sb.append(frac).append("ns")
                    : frac < 1_000_000 ? fraction(sb.append(frac / 1_000), frac % 1_000, 3).append("\u00b5s")
                    : fraction(sb.append(frac / 1_000_000), frac % 1_000_000, 6).append("ms")).toString();
        }
        if (secs >= 3600) {
            sb.append(secs / 3600).append('h');
        }
        if (secs >= 60) {
            sb.append(secs / 60 % 60).append('m');
        }
        return fraction(sb.append(secs % 60), frac, 9).append('s').toString();
    }

    /** Appends "." and {@code value} zero-padded to {@code width} digits minus trailing zeros; nothing for 0. */
    private static StringBuilder fraction(StringBuilder sb, int value, int width) {
        if (value == 0) {
            return sb;
        }
        String digits = String.format("%0" + width + "d", value).replaceAll("0+$", "");
        return sb.append('.').append(digits);
    }

    private static long unit(String u) {
        return switch (u) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 0L; // missing or unknown unit
        };
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String s) {
        return new IllegalArgumentException("invalid duration \"" + s + "\"");
    }
}

package dev.latchkey.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    private static final long NS = 1, US = 1_000, MS = 1_000_000, S = 1_000_000_000, M = 60 * S, H = 60 * M;
    private static final long HOURS_10000 = 10_000 * H;

    /** Valid inputs, mostly from Go's own time_test.go (parseDurationTests). */
    static Stream<Arguments> validParses() {
        return Stream.of(
                arguments("0", 0L), arguments("-0", 0L), arguments("+0", 0L), arguments("0s", 0L),
                arguments("1h0m0s", H), arguments("720h0m0s", 720 * H), arguments("10m0s", 10 * M),
                arguments("90m", 90 * M), arguments("1.5h", 90 * M), arguments("300ms", 300 * MS),
                arguments("-1h30m", -(H + 30 * M)), arguments("2h45m30.5s", 2 * H + 45 * M + 30 * S + 500 * MS),
                arguments("5s", 5 * S), arguments("1478s", 1478 * S), arguments("-5s", -5 * S), arguments("+5s", 5 * S),
                arguments("5.0s", 5 * S), arguments("5.6s", 5 * S + 600 * MS), arguments("5.s", 5 * S),
                arguments(".5s", 500 * MS), arguments("1.004s", S + 4 * MS), arguments("1.0040s", S + 4 * MS),
                arguments("100.00100s", 100 * S + MS),
                arguments("10ns", 10 * NS), arguments("11us", 11 * US), arguments("12\u00b5s", 12 * US),
                arguments("12\u03bcs", 12 * US), arguments("13ms", 13 * MS), arguments("15m", 15 * M), arguments("16h", 16 * H),
                arguments("3h30m", 3 * H + 30 * M), arguments("10.5s4m", 4 * M + 10 * S + 500 * MS),
                arguments("-2m3.4s", -(2 * M + 3 * S + 400 * MS)),
                arguments("1h2m3s4ms5us6ns", H + 2 * M + 3 * S + 4 * MS + 5 * US + 6 * NS),
                arguments("39h9m14.425s", 39 * H + 9 * M + 14 * S + 425 * MS),
                arguments("52763797000ns", 52763797000L),
                arguments("0.3333333333333333333h", 20 * M),
                arguments("9007199254740993ns", (1L << 53) + 1),
                arguments("9223372036854775807ns", Long.MAX_VALUE),
                arguments("9223372036854775.807us", Long.MAX_VALUE),
                arguments("9223372036s854ms775us807ns", Long.MAX_VALUE),
                arguments("-9223372036854775808ns", Long.MIN_VALUE),
                arguments("-9223372036854775.808us", Long.MIN_VALUE),
                arguments("-9223372036s854ms775us808ns", Long.MIN_VALUE),
                arguments("-2562047h47m16.854775808s", Long.MIN_VALUE),
                arguments("0.100000000000000000000h", 6 * M),
                arguments("0.830103483285477580700h", 49 * M + 48 * S + 372539827L));
    }

    @ParameterizedTest
    @MethodSource("validParses")
    void parsesWhatGoAccepts(String input, long nanos) {
        assertThat(GoDuration.parse(input)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3", "-", "+", "s", "h", ".", "-.", ".s", "+.s", "1d", " 1h", "1h ", "1 h", "1H",
        "1.5", "00", "1h-1m", "--1s", "+-1s", "1,5s", "\uFFFD", "\uFFFD hello \uFFFD world", "\u0661s", "1sec",
        "9223372036854775810ns", "9223372036854775808ns", "-9223372036854775809ns", "9223372036854776us",
        "3000000h", "9223372036854775.808us", "9223372036854ms775us808ns", "2562047h47m16.854775808s",
        "-9223372036854775808ns1ns", "-9223372036854775808ns9223372036854775808ns",
        "99999999999999999999999s"})
    void rejectsWhatGoRejects(String input) {
        assertThatThrownBy(() -> GoDuration.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid duration \"" + input + "\"");
    }

    /** Expected strings are Go's Duration.String() outputs (including Go's own durationTests). */
    static Stream<Arguments> formats() {
        return Stream.of(
                arguments(0L, "0s"), arguments(NS, "1ns"), arguments(100 * NS, "100ns"), arguments(999L, "999ns"),
                arguments(1100L, "1.1\u00b5s"), arguments(1500L, "1.5\u00b5s"), arguments(US, "1\u00b5s"),
                arguments(2200 * US, "2.2ms"), arguments(300 * MS, "300ms"), arguments(999_999_999L, "999.999999ms"),
                arguments(3300 * MS, "3.3s"), arguments(1500 * MS, "1.5s"), arguments(S, "1s"),
                arguments(4 * M + 5 * S, "4m5s"), arguments(4 * M + 5001 * MS, "4m5.001s"),
                arguments(5 * H + 6 * M + 7001 * MS, "5h6m7.001s"), arguments(8 * M + 1, "8m0.000000001s"),
                arguments(H, "1h0m0s"), arguments(720 * H, "720h0m0s"), arguments(10 * M, "10m0s"),
                arguments(90 * S, "1m30s"), arguments(2 * H + 45 * M + 30 * S + 500 * MS, "2h45m30.5s"),
                arguments(H + 5 * S, "1h0m5s"), arguments(-(H + 30 * M), "-1h30m0s"), arguments(-300 * MS, "-300ms"),
                arguments(-1L, "-1ns"), arguments(-1500L, "-1.5\u00b5s"),
                arguments(Long.MAX_VALUE, "2562047h47m16.854775807s"),
                arguments(Long.MIN_VALUE, "-2562047h47m16.854775808s"));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void formatsLikeGo(long nanos, String expected) {
        assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(expected);
        assertThat(GoDuration.parse(expected)).isEqualTo(Duration.ofNanos(nanos));
    }

    @Test
    void formatRejectsDurationsBeyondGoRange() {
        assertThatThrownBy(() -> GoDuration.format(Duration.ofNanos(Long.MAX_VALUE).plusNanos(1)))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> GoDuration.format(Duration.ofDays(1_000_000)))
                .isInstanceOf(ArithmeticException.class);
    }

    @Property(tries = 2000)
    void roundTrips(@ForAll("durations") Duration d) {
        String formatted = GoDuration.format(d);
        assertThat(GoDuration.parse(formatted)).isEqualTo(d);
        assertThat(GoDuration.format(GoDuration.parse(formatted))).isEqualTo(formatted);
    }

    /** Durations in [-10000h, 10000h] at nanosecond precision, at several magnitudes so every unit shows up. */
    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-HOURS_10000, HOURS_10000),
                Arbitraries.longs().between(-H, H),
                Arbitraries.longs().between(-S, S),
                Arbitraries.longs().between(-MS, MS),
                Arbitraries.longs().between(-US, US),
                Arbitraries.longs().between(-HOURS_10000 / S, HOURS_10000 / S).map(s -> s * S),
                Arbitraries.longs().between(-HOURS_10000 / MS, HOURS_10000 / MS).map(ms -> ms * MS))
                .map(Duration::ofNanos);
    }
}

package dev.latchkey.http;

import io.helidon.common.GenericType;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.mapper.Value;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderValues;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A response header whose value is fixed and checked once, when it is made: Helidon checks every response header
 * again each time a response is written ({@code validate-response-headers}, on by default and kept on, since other
 * headers may carry request input), which for the headers we send on every response (the caching headers, the three
 * rate-limit headers) was ~1 % of a token's CPU (JDK 25 CPU-time sampler, 2026-11-29). This one is checked by
 * Helidon's own rules at construction, then skips the per-response check; everything else is the cached header
 * Helidon makes ({@link HeaderValues#createCached}), including its pre-encoded HTTP/1 line. Immutable.
 */
public final class PreparedHeader implements Header {

    private final Header header;

    private PreparedHeader(Header header) {
        header.validate(); // IllegalArgumentException for a name or value Helidon would refuse to send
        this.header = header;
    }

    /** {@code header} (e.g. one of Helidon's {@link HeaderValues} constants) checked once. */
    public static PreparedHeader of(Header header) {
        return new PreparedHeader(header);
    }

    public static PreparedHeader of(HeaderName name, String value) {
        return new PreparedHeader(HeaderValues.createCached(name, value));
    }

    public static PreparedHeader of(HeaderName name, long value) {
        return new PreparedHeader(HeaderValues.createCached(name, value));
    }

    /** Checked once, at construction. */
    @Override
    public void validate() {
    }

    @Override
    public String name() {
        return header.name();
    }

    @Override
    public HeaderName headerName() {
        return header.headerName();
    }

    @Override
    public String get() {
        return header.get();
    }

    @Override
    public List<String> allValues() {
        return header.allValues();
    }

    @Override
    public int valueCount() {
        return header.valueCount();
    }

    @Override
    public boolean sensitive() {
        return header.sensitive();
    }

    @Override
    public boolean changing() {
        return header.changing();
    }

    @Override
    public byte[] valueBytes() {
        return header.valueBytes();
    }

    @Override
    public void writeHttp1Header(BufferData buffer) {
        header.writeHttp1Header(buffer);
    }

    @Override
    public <N> Value<N> as(Class<N> type) {
        return header.as(type);
    }

    @Override
    public <N> Value<N> as(GenericType<N> type) {
        return header.as(type);
    }

    @Override
    public <N> Value<N> as(Function<? super String, ? extends N> mapper) {
        return header.as(mapper);
    }

    @Override
    public Optional<String> asOptional() {
        return header.asOptional();
    }

    @Override
    public Value<Boolean> asBoolean() {
        return header.asBoolean();
    }

    @Override
    public Value<String> asString() {
        return header.asString();
    }

    @Override
    public Value<Integer> asInt() {
        return header.asInt();
    }

    @Override
    public Value<Long> asLong() {
        return header.asLong();
    }

    @Override
    public Value<Double> asDouble() {
        return header.asDouble();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreparedHeader other && header.equals(other.header);
    }

    @Override
    public int hashCode() {
        return header.hashCode();
    }

    @Override
    public String toString() {
        return header.toString();
    }
}

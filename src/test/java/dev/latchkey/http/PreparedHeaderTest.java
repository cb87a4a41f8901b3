package dev.latchkey.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreparedHeaderTest {

    @Test
    void aValueHelidonWouldRefuseIsRefusedWhenTheHeaderIsMade() {
        var name = HeaderNames.create("X-Test");
        assertThatThrownBy(() -> HeaderValues.createCached(name, "a\r\nInjected: 1").validate())
                .isInstanceOf(IllegalArgumentException.class); // Helidon's rule, checked per response
        assertThatThrownBy(() -> PreparedHeader.of(name, "a\r\nInjected: 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PreparedHeader.of(name, "a\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesWhatHelidonsOwnHeaderWritesAndReadsTheSame() {
        var name = HeaderNames.create("X-RateLimit-Remaining");
        var prepared = PreparedHeader.of(name, 499);
        var helidon = HeaderValues.create(name, 499);

        assertThat(http1(prepared)).isEqualTo(http1(helidon)).isEqualTo("X-RateLimit-Remaining: 499\r\n");
        assertThat(prepared.headerName()).isEqualTo(name);
        assertThat(prepared.get()).isEqualTo("499");
        assertThat(prepared.allValues()).containsExactly("499");
        assertThat(prepared.asLong().get()).isEqualTo(499L);
        assertThat(prepared.valueCount()).isEqualTo(1);
        assertThat(PreparedHeader.of(HeaderValues.CONTENT_TYPE_JSON).get()).isEqualTo("application/json");
    }

    private static String http1(io.helidon.http.Header header) {
        BufferData buffer = BufferData.growing(64);
        header.writeHttp1Header(buffer);
        byte[] bytes = new byte[buffer.available()];
        buffer.read(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}

package dev.latchkey.oauth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/**
 * A {@link GrantHandler} that counts the token responses its grant type issued
 * ({@code latchkey.tokens.issued}, tag {@code grant_type}); refused requests are not counted. The counter is
 * made once per grant type.
 */
public final class CountedGrant implements GrantHandler {

    public static final String METER = "latchkey.tokens.issued";

    private final GrantHandler delegate;
    private final Counter issued;

    public CountedGrant(GrantHandler delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.issued = Counter.builder(METER).description("Token responses issued by the token endpoint")
                .tag("grant_type", delegate.grantType()).register(registry);
    }

    /** Each handler of {@code handlers}, counted. */
    public static List<GrantHandler> all(List<GrantHandler> handlers, MeterRegistry registry) {
        return handlers.stream().<GrantHandler>map(h -> new CountedGrant(h, registry)).toList();
    }

    @Override
    public String grantType() {
        return delegate.grantType();
    }

    @Override
    public TokenResponse handle(TokenRequest request) {
        TokenResponse response = delegate.handle(request);
        issued.increment();
        return response;
    }
}

package dev.latchkey.mfa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.support.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one-time passwords by SMS through an HTTP gateway (the method's {@code auth.sms_gateway}): a
 * POST of the JSON body template, with {@code {{to}}}, {@code {{from}}}, {@code {{message}}} and
 * {@code {{code}}} replaced by JSON-escaped values, and the configured authorization header. Any 2xx
 * answer means sent; redirects are not followed. This fits the HTTP APIs of most SMS providers and
 * in-house relays. Thread-safe.
 */
public final class SmsGatewayOtpSender implements OtpSender {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(to|from|message|code)\\s*}}");

    private final Duration timeout;
    /** Made on the first SMS, not at every server start (its selector thread and classes, issue 8). */
    private volatile HttpClient http;

    public SmsGatewayOtpSender(Duration timeout) {
        this.timeout = timeout;
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                    http = client;
                }
            }
        }
        return client;
    }

    @Override
    public boolean delivers(MfaMethod method) {
        return MfaMethod.SMS.equals(method.mechanism()) && MfaMethod.GATEWAY.equals(method.provider())
                && method.auth().smsGateway() != null;
    }

    @Override
    public void send(MfaMethod method, OtpMessage message) {
        MfaAuth.SmsGateway gateway = method.auth().smsGateway();
        URI uri = URI.create(gateway.url());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(render(gateway.bodyTemplateOrDefault(), message)));
        if (gateway.authHeaderValue() != null && !gateway.authHeaderValue().isEmpty()) {
            request.header(gateway.headerNameOrDefault(), gateway.authHeaderValue());
        }
        String where = "The SMS gateway at " + uri.getHost();
        try {
            HttpResponse<Void> response = http().send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new DeliveryException(where + " answered HTTP " + response.statusCode(), null);
            }
        } catch (HttpTimeoutException e) {
            throw new DeliveryException(where + " did not answer in time", e);
        } catch (IOException e) {
            throw new DeliveryException(where + " could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(where + " was not called: the request was interrupted", e);
        }
    }

    /**
     * What is wrong with a body template, if anything: it must mention {@code {{message}}} or
     * {@code {{code}}} and be a JSON object or array once filled in.
     */
    public static Optional<String> problemWith(String template) {
        boolean carriesCode = PLACEHOLDER.matcher(template).results()
                .anyMatch(m -> m.group(1).equals("message") || m.group(1).equals("code"));
        if (!carriesCode) {
            return Optional.of("must contain {{message}} or {{code}}");
        }
        String filled = render(template, new OtpMessage("+10000000000", "Sender \"x\"", null, "Text\n\\", "000000"));
        try {
            JsonNode node = Json.MAPPER.readTree(filled);
            return node != null && node.isContainerNode() ? Optional.empty()
                    : Optional.of("must be a JSON object or array");
        } catch (JsonProcessingException e) {
            return Optional.of("is not valid JSON once filled in (placeholders go inside JSON strings)");
        }
    }

    static String render(String template, OtpMessage message) {
        return PLACEHOLDER.matcher(template).replaceAll(m -> Matcher.quoteReplacement(escaped(switch (m.group(1)) {
            case "to" -> message.to();
            case "from" -> message.from();
            case "message" -> message.text();
            default -> message.code();
        })));
    }

    private static String escaped(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value == null ? "" : value));
    }
}

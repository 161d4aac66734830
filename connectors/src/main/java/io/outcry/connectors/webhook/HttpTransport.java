package io.outcry.connectors.webhook;

import io.outcry.connectors.secrets.SecretReferences;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalLong;

/**
 * A delivery as a JSON POST to the sink's URL, with its id in the {@code Idempotency-Key} and
 * {@code X-Outcry-Delivery} headers. 2xx delivers; 429, 5xx and no answer are retried, a 429's
 * {@code Retry-After: <seconds>} honoured; other statuses are refused for good. A header value
 * may be a secret reference, read here, where it is sent.
 */
final class HttpTransport implements DeliveryTransport {

    private static final long serialVersionUID = 1L;
    private static final int MAX_LOGGED_RESPONSE_CHARS = 200;
    /** The header receivers that de-duplicate commonly read (Stripe, the IETF draft of that name). */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String DELIVERY_ID = "X-Outcry-Delivery";

    private final WebhookSettings settings;
    private transient HttpClient client;

    HttpTransport(WebhookSettings settings) {
        this.settings = settings;
    }

    @Override
    public Attempt send(WebhookDelivery delivery) throws InterruptedException {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(settings.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.endpoint().uri())
                .timeout(settings.requestTimeout())
                .setHeader("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        settings.headers().forEach((name, value) -> builder.setHeader(name, SecretReferences.holdsReference(value)
                ? SecretReferences.resolve("webhook header " + name, value) : value));
        builder.setHeader(IDEMPOTENCY_KEY, delivery.id()).setHeader(DELIVERY_ID, delivery.id());
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String description = describe(status, response.body());
            if (status >= 200 && status < 300) {
                return Attempt.delivered(description);
            }
            return new Attempt(false, WebhookRetry.isRetryable(status), retryAfterSeconds(response), description);
        } catch (IOException e) {
            // Connection refused or reset, timeouts, TLS failures: the receiver may be back soon.
            return Attempt.failed(true, "no answer: " + e);
        }
    }

    /** {@code Retry-After} in its seconds form; an HTTP date or garbage means "use the backoff". */
    private static OptionalLong retryAfterSeconds(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .filter(value -> value.trim().matches("\\d{1,9}"))
                .map(value -> OptionalLong.of(Long.parseLong(value.trim())))
                .orElse(OptionalLong.empty());
    }

    private static String describe(int status, String detail) {
        String body = detail == null ? "" : detail.strip();
        if (body.length() > MAX_LOGGED_RESPONSE_CHARS) {
            body = body.substring(0, MAX_LOGGED_RESPONSE_CHARS) + "…";
        }
        return "HTTP " + status + (body.isEmpty() ? "" : " " + body);
    }

    @Override
    public String toString() {
        return settings.endpoint().toString();
    }
}

package io.outcry.connectors.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that POSTs queued bodies, in queue order, each until it is delivered, refused
 * for good, or out of attempts. Being alone keeps the receiver's view in the order of the
 * stream; being off the task thread keeps a slow receiver from ever stalling the pipeline.
 */
final class WebhookSender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final int MAX_LOGGED_RESPONSE_CHARS = 200;
    /** The header receivers that de-duplicate commonly read (Stripe, the IETF draft of that name). */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String DELIVERY_ID = "X-Outcry-Delivery";

    private final HttpClient client;
    private final WebhookSettings settings;
    private final DeliveryQueue queue;
    private final WebhookMetrics metrics;

    WebhookSender(HttpClient client, WebhookSettings settings, DeliveryQueue queue, WebhookMetrics metrics) {
        this.client = client;
        this.settings = settings;
        this.queue = queue;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        WebhookDelivery delivery = null;
        try {
            while ((delivery = queue.next()) != null) {
                try {
                    deliver(delivery);
                } catch (RuntimeException e) {
                    // A bug must cost one delivery, not the sender thread and every delivery after it.
                    metrics.gaveUp();
                    LOG.error("webhook {} could not send a delivery", settings.endpoint(), e);
                } finally {
                    queue.done();
                }
                delivery = null;
            }
        } catch (InterruptedException shutdown) {
            // The writer closed after its drain timeout: what was in flight is abandoned and counted.
            if (delivery != null) {
                metrics.dropped(1);
                LOG.warn("webhook {} closed while a delivery was in flight; it is dropped", settings.endpoint());
            }
        }
    }

    private void deliver(WebhookDelivery delivery) throws InterruptedException {
        byte[] body = delivery.body();
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.endpoint().uri())
                .timeout(settings.requestTimeout())
                .setHeader("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        settings.headers().forEach(builder::setHeader);
        builder.setHeader(IDEMPOTENCY_KEY, delivery.id()).setHeader(DELIVERY_ID, delivery.id());
        HttpRequest request = builder.build();
        for (int attempt = 1; ; attempt++) {
            Attempt result = send(request);
            if (result.delivered()) {
                metrics.delivered(body.length);
                return;
            }
            if (!result.retryable() || !settings.retry().allowsAnotherAttempt(attempt)) {
                metrics.gaveUp();
                LOG.error("webhook {} gave up on delivery {} after {} attempt(s): {}",
                        settings.endpoint(), delivery.id(), attempt, result.describe());
                return;
            }
            Duration pause = result.retryAfterSeconds().isPresent()
                    ? settings.retry().retryAfter(result.retryAfterSeconds().getAsLong())
                    : settings.retry().backoffAfter(attempt, ThreadLocalRandom.current().nextDouble());
            LOG.info("webhook {} attempt {} failed ({}); retrying in {} ms",
                    settings.endpoint(), attempt, result.describe(), pause.toMillis());
            TimeUnit.NANOSECONDS.sleep(pause.toNanos());
        }
    }

    private Attempt send(HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Attempt(response.statusCode(), response.body(), retryAfterSeconds(response));
        } catch (IOException e) {
            // Connection refused or reset, timeouts, TLS failures: the receiver may be back soon.
            return new Attempt(-1, e.toString(), OptionalLong.empty());
        }
    }

    /** {@code Retry-After} in its seconds form; an HTTP date or garbage means "use the backoff". */
    private static OptionalLong retryAfterSeconds(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .filter(value -> value.trim().matches("\\d{1,9}"))
                .map(value -> OptionalLong.of(Long.parseLong(value.trim())))
                .orElse(OptionalLong.empty());
    }

    /** One send: an HTTP status, or -1 when no answer came back. */
    private record Attempt(int status, String detail, OptionalLong retryAfterSeconds) {

        boolean delivered() {
            return status >= 200 && status < 300;
        }

        boolean retryable() {
            return status < 0 || WebhookRetry.isRetryable(status);
        }

        String describe() {
            if (status < 0) {
                return "no answer: " + detail;
            }
            String body = detail == null ? "" : detail.strip();
            if (body.length() > MAX_LOGGED_RESPONSE_CHARS) {
                body = body.substring(0, MAX_LOGGED_RESPONSE_CHARS) + "…";
            }
            return "HTTP " + status + (body.isEmpty() ? "" : " " + body);
        }
    }
}

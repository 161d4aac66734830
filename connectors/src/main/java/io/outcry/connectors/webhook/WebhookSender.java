package io.outcry.connectors.webhook;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that sends queued deliveries through its {@link DeliveryTransport}, in queue
 * order, each until it is delivered, refused for good, or out of attempts. Being alone keeps the receiver's view in the order of the
 * stream; being off the task thread keeps a slow receiver from ever stalling the pipeline.
 */
final class WebhookSender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final DeliveryTransport transport;
    private final WebhookSettings settings;
    private final DeliveryQueue queue;
    private final WebhookMetrics metrics;
    private final StateFlips flips;

    WebhookSender(DeliveryTransport transport, WebhookSettings settings, DeliveryQueue queue, WebhookMetrics metrics,
            StateFlips flips) {
        this.transport = transport;
        this.flips = flips;
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
                    LOG.error("webhook {} could not send a delivery", transport, e);
                } finally {
                    queue.done();
                    // After done(): a snapshot that still saw it in the queue has already moved the epoch on.
                    flips.settled(delivery);
                }
                delivery = null;
            }
        } catch (InterruptedException shutdown) {
            // The writer closed after its drain timeout: what was in flight is abandoned and counted.
            if (delivery != null) {
                metrics.dropped(1);
                LOG.warn("webhook {} closed while a delivery was in flight; it is dropped", transport);
            }
        }
    }

    private void deliver(WebhookDelivery delivery) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            DeliveryTransport.Attempt result = transport.send(delivery);
            if (result.delivered()) {
                metrics.delivered(delivery.body().length);
                return;
            }
            if (!result.retryable() || !settings.retry().allowsAnotherAttempt(attempt)) {
                metrics.gaveUp();
                LOG.error("webhook {} gave up on delivery {} after {} attempt(s): {}",
                        transport, delivery.id(), attempt, result.description());
                return;
            }
            Duration pause = result.retryAfterSeconds().isPresent()
                    ? settings.retry().retryAfter(result.retryAfterSeconds().getAsLong())
                    : settings.retry().backoffAfter(attempt, ThreadLocalRandom.current().nextDouble());
            LOG.info("webhook {} attempt {} failed ({}); retrying in {} ms",
                    transport, attempt, result.description(), pause.toMillis());
            TimeUnit.NANOSECONDS.sleep(pause.toNanos());
        }
    }
}

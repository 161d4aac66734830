package io.outcry.connectors.webhook;

import java.net.http.HttpClient;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps each element to its body on the task thread and hands it to the {@link DeliveryQueue};
 * a {@link WebhookSender} thread does the HTTP. {@link #write} never waits for the network.
 *
 * <p>Delivery is best effort by design: checkpoints do not wait for the receiver, so a crash
 * loses what was queued. At end of input and on close the writer waits, up to the drain
 * timeout, for the queue to empty, so a bounded job's last elements still go out.
 */
final class WebhookSinkWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSinkWriter.class);

    private final WebhookBodyMapper<T> mapper;
    private final WebhookSettings settings;
    private final WebhookMetrics metrics;
    private final DeliveryQueue queue;
    private final Thread sender;
    private boolean drained;

    WebhookSinkWriter(WebhookBodyMapper<T> mapper, WebhookSettings settings, WebhookMetrics metrics, String threadName) {
        this.mapper = mapper;
        this.settings = settings;
        this.metrics = metrics;
        this.queue = new DeliveryQueue(settings.queueCapacity());
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.sender = new Thread(new WebhookSender(client, settings, queue, metrics), threadName);
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void write(T element, Context context) {
        byte[] body = Objects.requireNonNull(mapper.toJson(element),
                () -> "WebhookBodyMapper " + mapper.getClass().getName() + " returned null; it must map every element");
        if (queue.add(body) != null) {
            metrics.dropped(1);
            LOG.warn("webhook {} is not keeping up: {} deliveries queued, dropped the oldest ({} dropped so far)",
                    settings.endpoint(), settings.queueCapacity(), metrics.droppedCount());
        }
    }

    /** Checkpoints do not wait for the receiver; the end of input does, up to the drain timeout. */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        if (endOfInput) {
            drain();
        }
    }

    private void drain() throws InterruptedException {
        drained = true;
        if (!queue.awaitIdle(settings.drainTimeout())) {
            LOG.warn("webhook {} still had deliveries pending after the drain timeout of {}",
                    settings.endpoint(), settings.drainTimeout());
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (!drained) {
                drain();
            }
        } finally {
            int abandoned = queue.close();
            if (abandoned > 0) {
                metrics.dropped(abandoned);
                LOG.warn("webhook {} closed with {} deliveries still queued; they are dropped",
                        settings.endpoint(), abandoned);
            }
            sender.interrupt();
            sender.join(1000);
        }
    }
}

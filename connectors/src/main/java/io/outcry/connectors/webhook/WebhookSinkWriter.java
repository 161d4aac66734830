package io.outcry.connectors.webhook;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.util.function.SerializableFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps each element to its delivery on the task thread and hands it to the {@link DeliveryQueue};
 * a {@link WebhookSender} thread does the HTTP. {@link #write} never waits for the network.
 *
 * <p>A checkpoint does not wait for the receiver either: it keeps the deliveries not yet
 * acknowledged ({@link #snapshotState}), and a writer restored from it sends them first. The
 * elements after the checkpoint are replayed by the job, so a crash loses no delivery and
 * sends again at most those acknowledged since the checkpoint, under the same delivery id. At
 * end of input and on close the writer waits, up to the drain timeout, for the queue to empty,
 * so a bounded job's last elements still go out.
 *
 * <p>For a receiver that keeps a state per key, a delivery that flips it waits in
 * {@link StateFlips} until a repeat of the one before can no longer come after it.
 */
final class WebhookSinkWriter<T> implements StatefulSinkWriter<T, WebhookDelivery> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSinkWriter.class);

    private final WebhookBodyMapper<T> mapper;
    private final SerializableFunction<T, String> deliveryId;
    private final ReceiverState<T> receiverState;
    private final WebhookSettings settings;
    private final WebhookMetrics metrics;
    private final DeliveryQueue queue;
    private final DeliveryTransport transport;
    private final StateFlips flips = new StateFlips();
    private final Thread sender;
    private boolean drained;

    WebhookSinkWriter(WebhookBodyMapper<T> mapper, SerializableFunction<T, String> deliveryId, ReceiverState<T> receiverState,
            WebhookSettings settings, WebhookMetrics metrics, String threadName, Collection<WebhookDelivery> restored) {
        this.mapper = mapper;
        this.deliveryId = deliveryId;
        this.receiverState = receiverState;
        this.settings = settings;
        this.metrics = metrics;
        this.queue = new DeliveryQueue(settings.queueCapacity());
        this.transport = settings.carrier();
        restored.forEach(this::admit);
        if (!restored.isEmpty()) {
            LOG.info("webhook {} resends {} deliveries unacknowledged at the checkpoint it restored",
                    transport, restored.size());
        }
        this.sender = new Thread(new WebhookSender(transport, settings, queue, metrics, flips), threadName);
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void write(T element, Context context) {
        byte[] body = Objects.requireNonNull(mapper.toJson(element),
                () -> "WebhookBodyMapper " + mapper.getClass().getName() + " returned null; it must map every element");
        String id = Objects.requireNonNull(deliveryId.apply(element),
                () -> "the webhook's delivery id function returned null; it must name every element");
        admit(receiverState == null ? new WebhookDelivery(id, body)
                : new WebhookDelivery(id, body, receiverState.key().apply(element), receiverState.state().apply(element)));
    }

    private void admit(WebhookDelivery delivery) {
        if (flips.admit(delivery)) {
            enqueue(delivery);
        }
    }

    private void enqueue(WebhookDelivery delivery) {
        if (queue.add(delivery) != null) {
            metrics.dropped(1);
            LOG.warn("webhook {} is not keeping up: {} deliveries queued, dropped the oldest ({} dropped so far)",
                    transport, settings.queueCapacity(), metrics.droppedCount());
        }
    }

    /** Checkpoints do not wait for the receiver (the state keeps what is pending); the end of input does, up to the drain timeout. */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        if (endOfInput) {
            flips.releaseAll().forEach(this::enqueue);
            drain();
        }
    }

    StateFlips flips() {
        return flips;
    }

    @Override
    public List<WebhookDelivery> snapshotState(long checkpointId) {
        flips.snapshot().forEach(this::enqueue);
        List<WebhookDelivery> pending = queue.unacknowledged();
        pending.addAll(flips.held());
        return pending;
    }

    private void drain() throws InterruptedException {
        drained = true;
        if (!queue.awaitIdle(settings.drainTimeout())) {
            LOG.warn("webhook {} still had deliveries pending after the drain timeout of {}",
                    transport, settings.drainTimeout());
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
                LOG.warn("webhook {} closed with {} deliveries unsent; only a restore from a checkpoint that holds them sends them",
                        transport, abandoned);
            }
            sender.interrupt();
            sender.join(1000);
        }
    }
}

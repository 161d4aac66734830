package io.outcry.connectors.webhook;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/**
 * The webhook writer's counters, beside Flink's standard sink ones. Thread-safe counters: the
 * task thread counts drops while the sender thread counts deliveries and failures.
 */
final class WebhookMetrics {

    static final String DELIVERED = "webhookDelivered";
    static final String FAILED = "webhookFailed";
    static final String DROPPED = "webhookDropped";

    private final SinkWriterMetricGroup group;
    private final Counter delivered;
    private final Counter failed;
    private final Counter dropped;

    WebhookMetrics(SinkWriterMetricGroup group) {
        this.group = group;
        this.delivered = group.counter(DELIVERED, new ThreadSafeSimpleCounter());
        this.failed = group.counter(FAILED, new ThreadSafeSimpleCounter());
        this.dropped = group.counter(DROPPED, new ThreadSafeSimpleCounter());
    }

    /** Called by the sender thread only, so Flink's plain send counters see a single writer. */
    void delivered(long bytes) {
        delivered.inc();
        group.getNumRecordsSendCounter().inc();
        group.getNumBytesSendCounter().inc(bytes);
    }

    void gaveUp() {
        failed.inc();
        group.getNumRecordsSendErrorsCounter().inc();
    }

    void dropped(long count) {
        dropped.inc(count);
    }

    long deliveredCount() {
        return delivered.getCount();
    }

    long failedCount() {
        return failed.getCount();
    }

    long droppedCount() {
        return dropped.getCount();
    }
}

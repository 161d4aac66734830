package io.outcry.connectors.elasticsearch;

import java.util.function.IntSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/** The sink writer's metrics, beside Flink's standard sink ones (records and bytes sent). */
final class BulkMetrics {

    private final SinkWriterMetricGroup group;
    private final Counter documentsIndexed;
    private final Counter documentsRejected;
    private final Counter bulkRequests;
    private final Counter bulkRetries;
    private volatile long lastBulkLatencyMs;

    BulkMetrics(SinkWriterMetricGroup group) {
        this.group = group;
        this.documentsIndexed = group.counter("documentsIndexed");
        this.documentsRejected = group.counter("documentsRejected");
        this.bulkRequests = group.counter("bulkRequests");
        this.bulkRetries = group.counter("bulkRetries");
        group.gauge("bulkLatencyMs", () -> lastBulkLatencyMs);
        group.setCurrentSendTimeGauge(() -> lastBulkLatencyMs);
    }

    /** Documents waiting in the writer: they grow during an outage and block the input at the buffer's limit. */
    void buffered(IntSupplier documents) {
        group.gauge("documentsBuffered", documents::getAsInt);
    }

    void bulkSent(long bytes, long latencyMs) {
        bulkRequests.inc();
        group.getNumBytesSendCounter().inc(bytes);
        lastBulkLatencyMs = latencyMs;
    }

    /** A request, or some of its documents, must be sent again after a backoff. */
    void retrying() {
        bulkRetries.inc();
    }

    void indexed() {
        documentsIndexed.inc();
        group.getNumRecordsSendCounter().inc();
    }

    void rejected() {
        documentsRejected.inc();
        group.getNumRecordsSendErrorsCounter().inc();
    }

    long documentsIndexed() {
        return documentsIndexed.getCount();
    }

    long documentsRejected() {
        return documentsRejected.getCount();
    }

    long bulkRequests() {
        return bulkRequests.getCount();
    }

    long bulkRetries() {
        return bulkRetries.getCount();
    }
}

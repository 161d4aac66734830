package io.outcry.connectors.elasticsearch;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Buffers documents and indexes them when the buffer is full, when the flush interval
 * elapses, and before every checkpoint. Everything runs on the task thread: the interval
 * timer is Flink's processing-time service, whose callbacks go through the mailbox.
 *
 * <p>Indexing is synchronous, so when {@link #flush} returns every document written so far is
 * in Elasticsearch or in the rejected-document handler: that is the at-least-once guarantee.
 */
final class ElasticsearchSinkWriter<T> implements SinkWriter<T> {

    private final DocumentMapper<T> mapper;
    private final BulkBuffer buffer;
    private final BulkIndexer indexer;
    private final RejectedDocumentHandler rejectedHandler;
    private final ProcessingTimeService timeService;
    private final long flushIntervalMs;
    private final AutoCloseable client;
    private ScheduledFuture<?> flushTimer;
    private boolean closed;

    ElasticsearchSinkWriter(
            DocumentMapper<T> mapper,
            BulkLimits limits,
            BulkIndexer indexer,
            RejectedDocumentHandler rejectedHandler,
            ProcessingTimeService timeService,
            AutoCloseable client) {
        this.mapper = mapper;
        this.buffer = new BulkBuffer(limits);
        this.indexer = indexer;
        this.rejectedHandler = rejectedHandler;
        this.timeService = timeService;
        this.flushIntervalMs = limits.flushInterval().toMillis();
        this.client = client;
        scheduleFlush();
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        ElasticsearchDocument document = Objects.requireNonNull(mapper.map(element),
                () -> "DocumentMapper " + mapper.getClass().getName() + " returned null; it must map every element");
        buffer.add(document);
        if (buffer.isFull()) {
            indexBuffered();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        indexBuffered();
        rejectedHandler.flush();
    }

    private void onFlushTimer(long timerTime) throws IOException, InterruptedException {
        if (closed) {
            return;
        }
        indexBuffered();
        scheduleFlush();
    }

    /** From now rather than from the last timer, so that a slow bulk request cannot queue up timers. */
    private void scheduleFlush() {
        flushTimer = timeService.registerTimer(
                timeService.getCurrentProcessingTime() + flushIntervalMs, this::onFlushTimer);
    }

    private void indexBuffered() throws IOException, InterruptedException {
        if (!buffer.isEmpty()) {
            indexer.index(buffer.drain());
        }
    }

    /**
     * Drops what is still buffered: Flink flushes before a checkpoint and at end of input, so
     * anything left here belongs to a failed attempt the last checkpoint will replay.
     */
    @Override
    public void close() throws Exception {
        closed = true;
        if (flushTimer != null) {
            flushTimer.cancel(false);
        }
        try (client; rejectedHandler) {
            buffer.drain();
        }
    }
}

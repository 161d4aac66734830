package io.outcry.connectors.elasticsearch;

import io.outcry.connectors.deadletter.DeadLetter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends documents in bulk requests without blocking the task thread, in the manner of Flink's
 * {@code AsyncSinkWriter}:
 *
 * <ul>
 *   <li>One request is in flight at a time. It runs on the client's threads; its answer is
 *       settled on the task thread, through the mailbox.</li>
 *   <li>Documents Elasticsearch cannot take now (429, 5xx, no connection) go back to the buffer
 *       and are sent again when a backoff timer fires, for as long as the outage lasts. Nothing
 *       sleeps and nothing fails.</li>
 *   <li>Before a checkpoint, while Elasticsearch takes documents, the writer sends all it
 *       holds, so a checkpoint or savepoint carries no documents. During an outage it waits
 *       for the request in flight only: what is still buffered is the writer's checkpointed
 *       state, so checkpoints keep completing, and a restored writer sends it first.</li>
 *   <li>With {@link BulkLimits#maxBufferedDocuments()} waiting, {@code write} yields to the
 *       mailbox (answers and timers still run) until there is room: backpressure reaches the
 *       source instead of memory growing.</li>
 *   <li>A document refused for good (a mapping conflict, 400) goes to the rejected-document
 *       handler; a 401, 403 or 404 stops the job, without restarts, with one line naming the
 *       index and what is missing ({@link WriteDeniedException}).</li>
 * </ul>
 *
 * <p>It does not extend {@code AsyncSinkWriter} because that writer's flush timer and full
 * buffer keep the task thread sending until its buffer is empty: during an outage no
 * checkpoint could complete, and the exactly-once alerts topic would stop committing.
 */
final class ElasticsearchSinkWriter<T> implements StatefulSinkWriter<T, List<ElasticsearchDocument>> {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);

    private final DocumentMapper<T> mapper;
    private final BulkBuffer buffer;
    private final BulkSender sender;
    private final RetryPolicy retry;
    private final RejectedDocumentHandler rejectedHandler;
    private final BulkMetrics metrics;
    private final MailboxExecutor mailbox;
    private final ProcessingTimeService timeService;
    private final long flushIntervalMs;
    private final AutoCloseable client;
    private ScheduledFuture<?> flushTimer;
    private boolean requestInFlight;
    private int failuresInARow;
    // Documents of the current drain still to send; documents put back after a failure count again.
    private int toDrain;
    private long backoffUntil = Long.MIN_VALUE;
    private boolean closed;

    ElasticsearchSinkWriter(
            DocumentMapper<T> mapper,
            BulkLimits limits,
            RetryPolicy retry,
            BulkSender sender,
            RejectedDocumentHandler rejectedHandler,
            BulkMetrics metrics,
            MailboxExecutor mailbox,
            ProcessingTimeService timeService,
            AutoCloseable client,
            Collection<List<ElasticsearchDocument>> restored) {
        this.mapper = mapper;
        this.buffer = new BulkBuffer(limits);
        this.sender = sender;
        this.retry = retry;
        this.rejectedHandler = rejectedHandler;
        this.metrics = metrics;
        this.mailbox = mailbox;
        this.timeService = timeService;
        this.flushIntervalMs = limits.flushInterval().toMillis();
        this.client = client;
        restored.forEach(documents -> documents.forEach(buffer::add));
        metrics.buffered(buffer::size);
        scheduleFlush();
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        ElasticsearchDocument document = Objects.requireNonNull(mapper.map(element),
                () -> "DocumentMapper " + mapper.getClass().getName() + " returned null; it must map every element");
        while (buffer.isAtCapacity()) {
            mailbox.yield();
        }
        buffer.add(document);
        if (buffer.isHalfFull()) {
            drain();
        }
    }

    /**
     * Before a checkpoint, sends everything while Elasticsearch takes documents, and otherwise
     * waits for the request in flight only, whose documents are either settled or back in the
     * buffer (and so in the state) afterwards. At the end of a bounded input, sends everything,
     * waiting out an outage.
     *
     * <p>Why not keep the buffer in the state always: a job restored at another parallelism
     * gives the writers' states to other subtasks than the windows whose documents they hold
     * (operator state is dealt round-robin, keyed state by key group). A restored writer then
     * sends an old version of a document while the subtask that now owns its key sends a
     * newer one, and whichever Elasticsearch takes last stays: a window lost a late post that
     * way across a rescale (SavepointRestoreTest, docs/operations.md).
     */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        while (requestInFlight || (!buffer.isEmpty() && (endOfInput || failuresInARow == 0))) {
            send();
            if (requestInFlight || !buffer.isEmpty()) {
                mailbox.yield();
            }
        }
        rejectedHandler.flush();
    }

    @Override
    public List<List<ElasticsearchDocument>> snapshotState(long checkpointId) {
        return List.of(buffer.snapshot());
    }

    private void onFlushTimer(long timerTime) {
        if (closed) {
            return;
        }
        drain();
        scheduleFlush();
    }

    /**
     * Sends the documents buffered now, in as many requests as they need. Documents written
     * meanwhile wait for the next drain, so that they can still be coalesced.
     */
    private void drain() {
        toDrain = buffer.size();
        send();
    }

    /** From now rather than from the last timer, so that timers cannot queue up behind a busy task. */
    private void scheduleFlush() {
        flushTimer = timeService.registerTimer(
                timeService.getCurrentProcessingTime() + flushIntervalMs, this::onFlushTimer);
    }

    /** Sends the oldest buffered documents, unless a request is in flight or a backoff is running. */
    private void send() {
        if (requestInFlight || closed || buffer.isEmpty() || timeService.getCurrentProcessingTime() < backoffUntil) {
            return;
        }
        List<ElasticsearchDocument> batch = buffer.nextBatch();
        toDrain -= batch.size();
        requestInFlight = true;
        long start = System.nanoTime();
        sender.send(batch).whenComplete((responses, failure) -> {
            try {
                mailbox.execute(() -> settle(batch, responses, failure, start),
                        "settle a bulk request of %d documents", batch.size());
            } catch (RejectedExecutionException | IllegalStateException e) {
                // The task has ended: its last checkpoint holds what this request carried.
                LOG.debug("Bulk answer after the sink writer closed", e);
            }
        });
    }

    private void settle(List<ElasticsearchDocument> batch, List<ItemResponse> responses, Throwable failure, long start)
            throws IOException {
        requestInFlight = false;
        long bytes = 0;
        for (ElasticsearchDocument document : batch) {
            bytes += document.estimatedBytes();
        }
        metrics.bulkSent(bytes, (System.nanoTime() - start) / 1_000_000);
        if (failure != null) {
            BulkRequestException refused = requestFailure(failure);
            if (!refused.retryable()) {
                throw new SuppressRestartsException(
                        WriteDeniedException.of(batch.get(0).index(), refused.status(), refused.getMessage()));
            }
            backOff(batch, refused.getMessage());
            return;
        }
        if (responses.size() != batch.size()) {
            throw new IOException("Elasticsearch answered " + responses.size() + " bulk items for "
                    + batch.size() + " documents");
        }
        // Before any dead letter: when the sink may not write here, the job stops and nothing of this request counts.
        for (int i = 0; i < batch.size(); i++) {
            ItemResponse response = responses.get(i);
            if (response.outcome() == ItemResponse.Outcome.DENIED) {
                throw new SuppressRestartsException(
                        WriteDeniedException.of(batch.get(i).index(), response.status(), response.error()));
            }
        }
        List<ElasticsearchDocument> again = new ArrayList<>();
        String cause = null;
        for (int i = 0; i < batch.size(); i++) {
            ElasticsearchDocument document = batch.get(i);
            ItemResponse response = responses.get(i);
            switch (response.outcome()) {
                case INDEXED -> metrics.indexed();
                case RETRY -> {
                    again.add(document);
                    cause = cause != null ? cause : "HTTP " + response.status() + ": " + response.error();
                }
                case REJECTED -> {
                    rejectedHandler.rejected(deadLetter(document, response));
                    metrics.rejected();
                }
            }
        }
        if (!again.isEmpty()) {
            backOff(again, cause);
            return;
        }
        if (failuresInARow > 0) {
            LOG.info("Elasticsearch takes documents again after {} failed attempt(s); {} document(s) buffered",
                    failuresInARow, buffer.size());
            failuresInARow = 0;
        }
        if (toDrain > 0 || buffer.isHalfFull()) {
            send();
        }
    }

    /** Keeps the documents for a later attempt, and sends again once the backoff has passed. */
    private void backOff(List<ElasticsearchDocument> documents, String cause) {
        documents.forEach(buffer::putBack);
        toDrain += documents.size();
        failuresInARow++;
        metrics.retrying();
        Duration wait = retry.backoffAfter(failuresInARow);
        backoffUntil = timeService.getCurrentProcessingTime() + wait.toMillis();
        timeService.registerTimer(backoffUntil, time -> send());
        LOG.warn("Elasticsearch did not take {} document(s) ({}); {} document(s) buffered, sending again in {} ms"
                + " (failure {} in a row)", documents.size(), cause, buffer.size(), wait.toMillis(), failuresInARow);
    }

    private static BulkRequestException requestFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof BulkRequestException e
                ? e
                : new BulkRequestException("cannot reach Elasticsearch: " + cause, BulkRequestException.NO_ANSWER, cause);
    }

    private static DeadLetter deadLetter(ElasticsearchDocument document, ItemResponse response) {
        String reason = "Elasticsearch refused document '" + document.id() + "' for index '" + document.index()
                + "' (HTTP " + response.status() + "): " + response.error();
        return new DeadLetter(
                DeadLetter.STAGE_INDEX,
                reason,
                null,
                -1,
                -1,
                document.eventTimestamp(),
                document.id().getBytes(StandardCharsets.UTF_8),
                document.source());
    }

    /**
     * Drops the request in flight with the client: Flink flushes before a checkpoint and at end
     * of input, so anything unsettled here belongs to a failed attempt the last checkpoint replays.
     */
    @Override
    public void close() throws Exception {
        closed = true;
        try (client; rejectedHandler) {
            if (flushTimer != null) {
                flushTimer.cancel(false);
            }
        }
    }
}

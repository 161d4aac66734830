package io.outcry.connectors.elasticsearch;

import io.outcry.connectors.deadletter.DeadLetter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Indexes a batch completely before returning: every document is either acknowledged by
 * Elasticsearch or handed to the {@link RejectedDocumentHandler}, otherwise it throws.
 *
 * <p>Documents answered 429 or 5xx, and whole requests that fail the same way or cannot
 * connect, are sent again with backoff. Any other item error (mapping conflict, invalid
 * document) will not heal by retrying: that document becomes a dead letter. When retries
 * run out the batch fails, which fails the job; the last checkpoint replays the input and the
 * deterministic ids make the replay overwrite what was already indexed.
 */
final class BulkIndexer {

    /** Waits between attempts; a seam so that tests need not sleep. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final BulkSender sender;
    private final RetryPolicy retry;
    private final RejectedDocumentHandler rejectedHandler;
    private final BulkMetrics metrics;
    private final Sleeper sleeper;

    BulkIndexer(
            BulkSender sender,
            RetryPolicy retry,
            RejectedDocumentHandler rejectedHandler,
            BulkMetrics metrics,
            Sleeper sleeper) {
        this.sender = sender;
        this.retry = retry;
        this.rejectedHandler = rejectedHandler;
        this.metrics = metrics;
        this.sleeper = sleeper;
    }

    void index(List<ElasticsearchDocument> documents) throws IOException, InterruptedException {
        List<ElasticsearchDocument> pending = documents;
        for (int attempt = 1; ; attempt++) {
            List<ElasticsearchDocument> retryable;
            String retryCause;
            BulkRequestException requestFailure = null;
            try {
                List<ItemResponse> responses = send(pending, attempt);
                retryable = settle(pending, responses);
                retryCause = firstRetryCause(responses);
            } catch (BulkRequestException e) {
                if (!e.retryable()) {
                    throw new IOException("Bulk request of " + pending.size() + " document(s) failed: "
                            + e.getMessage() + ". Retrying will not help: check the sink's Elasticsearch"
                            + " URL and the cluster's settings", e);
                }
                retryable = pending;
                retryCause = e.getMessage();
                requestFailure = e;
            }
            if (retryable.isEmpty()) {
                return;
            }
            if (!retry.allowsAnotherAttempt(attempt)) {
                ElasticsearchDocument first = retryable.get(0);
                throw new IOException(retryable.size() + " document(s) still not indexed after " + attempt
                        + " attempts (first: index '" + first.index() + "', id '" + first.id() + "'; last error: "
                        + retryCause + "). Elasticsearch is unreachable, overloaded or unhealthy: check the"
                        + " cluster, or give the sink a longer RetryPolicy. The job will replay these"
                        + " documents from its last checkpoint", requestFailure);
            }
            sleeper.sleep(retry.backoffAfter(attempt));
            pending = retryable;
        }
    }

    private List<ItemResponse> send(List<ElasticsearchDocument> documents, int attempt) throws BulkRequestException {
        long bytes = 0;
        for (ElasticsearchDocument document : documents) {
            bytes += document.estimatedBytes();
        }
        long start = System.nanoTime();
        try {
            List<ItemResponse> responses = sender.send(documents);
            if (responses.size() != documents.size()) {
                throw new IllegalStateException("Elasticsearch answered " + responses.size()
                        + " bulk items for " + documents.size() + " documents");
            }
            return responses;
        } finally {
            metrics.bulkSent(bytes, (System.nanoTime() - start) / 1_000_000, attempt > 1);
        }
    }

    private static String firstRetryCause(List<ItemResponse> responses) {
        for (ItemResponse response : responses) {
            if (response.outcome() == ItemResponse.Outcome.RETRY) {
                return "HTTP " + response.status() + ": " + response.error();
            }
        }
        return null;
    }

    /** Counts the indexed, dead-letters the rejected, and returns the documents to retry. */
    private List<ElasticsearchDocument> settle(List<ElasticsearchDocument> documents, List<ItemResponse> responses)
            throws IOException {
        List<ElasticsearchDocument> retryable = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            ElasticsearchDocument document = documents.get(i);
            ItemResponse response = responses.get(i);
            switch (response.outcome()) {
                case INDEXED -> metrics.indexed();
                case RETRY -> retryable.add(document);
                case REJECTED -> {
                    rejectedHandler.rejected(deadLetter(document, response));
                    metrics.rejected();
                }
            }
        }
        return retryable;
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
}

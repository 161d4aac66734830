package io.outcry.connectors.elasticsearch;

import java.io.Serializable;
import java.time.Duration;

/**
 * When a sink writer sends its buffered documents, and how many it may hold while Elasticsearch
 * cannot take them. A bulk request goes out as soon as one of the first two limits is reached,
 * or when the flush interval elapses; one request is in flight at a time, so that two versions
 * of a document can never race each other.
 *
 * @param maxActions           documents per bulk request
 * @param maxBytes             estimated bytes per bulk request
 * @param flushInterval        longest time a document waits in the buffer while Elasticsearch is up
 * @param maxBufferedDocuments documents (distinct ids) the writer holds, in memory and in its
 *                             checkpointed state, before {@code write} blocks: the backpressure
 *                             that reaches the source during a long outage
 */
public record BulkLimits(int maxActions, long maxBytes, Duration flushInterval, int maxBufferedDocuments)
        implements Serializable {

    /** 1000 documents or 5 MiB per request, every second; 20,000 documents held through an outage. */
    public static final BulkLimits DEFAULT = new BulkLimits(1000, 5L * 1024 * 1024, Duration.ofSeconds(1), 20_000);

    public BulkLimits {
        if (maxActions < 1) {
            throw new IllegalArgumentException("maxActions must be at least 1, got " + maxActions);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
        }
        if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive, got " + flushInterval);
        }
        if (maxBufferedDocuments < maxActions) {
            throw new IllegalArgumentException("maxBufferedDocuments must be at least maxActions (" + maxActions
                    + "), so that a full bulk request fits, got " + maxBufferedDocuments);
        }
    }

    /** Same limits per request, with room for this many documents while Elasticsearch is away. */
    public BulkLimits withMaxBufferedDocuments(int documents) {
        return new BulkLimits(maxActions, maxBytes, flushInterval, documents);
    }
}

package io.outcry.connectors.elasticsearch;

import java.io.Serializable;
import java.time.Duration;

/**
 * When a sink writer sends its buffered documents, and how much it may hold.
 *
 * <p>The buffer holds at most one document per index and id, so a document that changes many
 * times between two sends (a care case, a zone, an alert, a window a late post fires again) is
 * written once. The longer documents wait, the fewer writes: the buffer is sent whole before each
 * checkpoint, every {@code flushInterval}, and as soon as it is half full (by documents or by
 * bytes), which leaves the other half for the documents that arrive while the requests are out.
 * Requests go out one at a time, within {@code maxActions} and {@code maxBytes}, so that two
 * versions of a document can never race each other.
 *
 * @param maxActions           documents per bulk request
 * @param maxBytes             estimated bytes per bulk request
 * @param flushInterval        longest time a document waits in the buffer while Elasticsearch is up
 *                             (checkpoints usually send it sooner)
 * @param maxBufferedDocuments documents (distinct ids) the writer holds, in memory and in its
 *                             checkpointed state, before {@code write} blocks: the backpressure
 *                             that reaches the source during a long outage
 * @param maxBufferedBytes     the same bound in estimated bytes, so that large documents cannot
 *                             grow the heap without limit
 */
public record BulkLimits(int maxActions, long maxBytes, Duration flushInterval, int maxBufferedDocuments,
        long maxBufferedBytes) implements Serializable {

    /**
     * 1000 documents or 5 MiB per request; the buffer sent at least every second, so a window is
     * searchable soon after it fires; 100,000 documents or 128 MiB held through an outage, what
     * the job's seven sinks held together before they became one.
     */
    public static final BulkLimits DEFAULT =
            new BulkLimits(1000, 5L * 1024 * 1024, Duration.ofSeconds(1), 100_000, 128L * 1024 * 1024);

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
        if (maxBufferedBytes < 1) {
            throw new IllegalArgumentException("maxBufferedBytes must be at least 1, got " + maxBufferedBytes);
        }
    }

    /** Same limits, with room for this many documents while Elasticsearch is away. */
    public BulkLimits withMaxBufferedDocuments(int documents) {
        return new BulkLimits(maxActions, maxBytes, flushInterval, documents, maxBufferedBytes);
    }

    /** Same limits, the buffer sent at least this often. */
    public BulkLimits withFlushInterval(Duration interval) {
        return new BulkLimits(maxActions, maxBytes, interval, maxBufferedDocuments, maxBufferedBytes);
    }
}

package io.outcry.connectors.elasticsearch;

import java.io.Serializable;
import java.time.Duration;

/**
 * When a sink writer sends its buffered documents: as soon as one limit is reached, and
 * always before a checkpoint.
 *
 * @param maxActions    documents per bulk request
 * @param maxBytes      estimated bytes per bulk request
 * @param flushInterval longest time a document waits in the buffer
 */
public record BulkLimits(int maxActions, long maxBytes, Duration flushInterval) implements Serializable {

    public static final BulkLimits DEFAULT = new BulkLimits(1000, 5L * 1024 * 1024, Duration.ofSeconds(1));

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
    }
}

package io.outcry.connectors.elasticsearch;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the sink waits while Elasticsearch is overloaded (429) or failing (5xx, no connection):
 * exponential backoff from {@code initialBackoff}, capped at {@code maxBackoff}, for as long as
 * it takes. An outage is waited out, never turned into dead letters or a failed job: unsent
 * documents stay in the writer's buffer and in its checkpointed state meanwhile.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff) implements Serializable {

    /** 0.1, 0.2, 0.4, 0.8, 1.6, 3.2 s, then every 5 s until Elasticsearch answers. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5));

    public RetryPolicy {
        if (initialBackoff == null || initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must be zero or positive, got " + initialBackoff);
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff must be at least initialBackoff (" + initialBackoff + "), got " + maxBackoff);
        }
    }

    /** Pause after the given number of failed attempts in a row (1 = the first send failed). */
    public Duration backoffAfter(int failedAttempts) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < failedAttempts && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    /** Whether an HTTP status means "try again later" rather than "this will never work". */
    public static boolean isRetryable(int httpStatus) {
        return httpStatus == 429 || httpStatus >= 500;
    }

    /**
     * Whether an HTTP status means the sink may not write there at all: bad credentials (401), a
     * missing privilege (403), a missing index or alias that Elasticsearch will not create (404).
     * Every later document would be refused alike, so the job stops instead of dead-lettering them.
     */
    public static boolean isDenied(int httpStatus) {
        return httpStatus == 401 || httpStatus == 403 || httpStatus == 404;
    }
}

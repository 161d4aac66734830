package io.outcry.connectors.elasticsearch;

import java.io.Serializable;
import java.time.Duration;

/**
 * How long the sink keeps trying when Elasticsearch is overloaded (429) or failing (5xx, no
 * connection): exponential backoff from {@code initialBackoff}, capped at {@code maxBackoff},
 * for at most {@code maxAttempts} sends of the same document. Past that the job fails and
 * restarts from its last checkpoint; an outage never turns documents into dead letters.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) implements Serializable {

    /** 8 attempts over about 11 s: 0.1, 0.2, 0.4, 0.8, 1.6, 3.2 then 5 s between them. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(5));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff == null || initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must be zero or positive, got " + initialBackoff);
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff must be at least initialBackoff (" + initialBackoff + "), got " + maxBackoff);
        }
    }

    /** Pause after the given failed attempt (1 = the first send). */
    public Duration backoffAfter(int failedAttempt) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < failedAttempt && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    /** Whether a document may be sent again after this many attempts. */
    public boolean allowsAnotherAttempt(int attemptsSoFar) {
        return attemptsSoFar < maxAttempts;
    }

    /** Whether an HTTP status means "try again later" rather than "this will never work". */
    public static boolean isRetryable(int httpStatus) {
        return httpStatus == 429 || httpStatus >= 500;
    }
}

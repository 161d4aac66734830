package io.outcry.connectors.webhook;

import java.io.Serializable;
import java.time.Duration;

/**
 * How long a webhook delivery keeps trying when the receiver is unreachable, overloaded (429)
 * or failing (5xx): at most {@code maxAttempts} sends, with exponential backoff from
 * {@code initialBackoff} capped at {@code maxBackoff}, each pause jittered so that many writers
 * retrying together do not hit the receiver in lockstep. A {@code Retry-After} of a 429 is
 * honoured up to {@code maxRetryAfter}, so one receiver cannot park the sender for an hour.
 */
public record WebhookRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter)
        implements Serializable {

    /** 5 attempts over about 7 s (0.5, 1, 2, 4 s, each jittered down to half), Retry-After up to 60 s. */
    public static final WebhookRetry DEFAULT =
            new WebhookRetry(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60));

    public WebhookRetry {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("webhook maxAttempts must be at least 1 (1 = no retry), got " + maxAttempts);
        }
        if (initialBackoff == null || initialBackoff.isNegative()) {
            throw new IllegalArgumentException("webhook initialBackoff must be zero or positive, got " + initialBackoff);
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("webhook maxBackoff must be at least initialBackoff ("
                    + initialBackoff + "), got " + maxBackoff);
        }
        if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("webhook maxRetryAfter must be zero or positive, got " + maxRetryAfter);
        }
    }

    /** Whether a delivery may be sent again after this many attempts. */
    public boolean allowsAnotherAttempt(int attemptsSoFar) {
        return attemptsSoFar < maxAttempts;
    }

    /**
     * Pause after the given failed attempt (1 = the first send): the exponential backoff, of
     * which a random part of up to half is taken off ("equal jitter": never less than half).
     *
     * @param random uniform in [0, 1)
     */
    public Duration backoffAfter(int failedAttempt, double random) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < failedAttempt && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        if (backoff.compareTo(maxBackoff) > 0) {
            backoff = maxBackoff;
        }
        long nanos = backoff.toNanos();
        return Duration.ofNanos(nanos - (long) (nanos / 2 * random));
    }

    /** The pause a receiver asked for with {@code Retry-After: <seconds>}, capped at {@link #maxRetryAfter}. */
    public Duration retryAfter(long seconds) {
        Duration asked = Duration.ofSeconds(Math.max(0, seconds));
        return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
    }

    /** Whether an HTTP status means "try again later" rather than "this will never work". */
    public static boolean isRetryable(int httpStatus) {
        return httpStatus == 429 || httpStatus >= 500;
    }
}

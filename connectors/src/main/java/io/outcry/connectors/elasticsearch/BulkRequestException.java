package io.outcry.connectors.elasticsearch;

import java.io.IOException;

/** The bulk request as a whole failed: no item was answered. */
final class BulkRequestException extends IOException {

    /** The status of a request that got no HTTP answer (connection refused, reset, timed out). */
    static final int NO_ANSWER = 0;

    private final int status;

    BulkRequestException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status Elasticsearch answered, or {@link #NO_ANSWER}. */
    int status() {
        return status;
    }

    /** Whether waiting may heal it: no answer, 429 or 5xx. */
    boolean retryable() {
        return status == NO_ANSWER || RetryPolicy.isRetryable(status);
    }
}

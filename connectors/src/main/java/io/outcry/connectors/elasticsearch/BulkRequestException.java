package io.outcry.connectors.elasticsearch;

import java.io.IOException;

/** The bulk request as a whole failed: no item was answered. */
final class BulkRequestException extends IOException {

    private final boolean retryable;

    BulkRequestException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    boolean retryable() {
        return retryable;
    }
}

package io.outcry.connectors.elasticsearch;

/**
 * What Elasticsearch answered for one document of a bulk request.
 *
 * @param status HTTP status of the item
 * @param error  error type, reason and cause as Elasticsearch gave them, or null on success
 */
record ItemResponse(int status, String error) {

    /** Indexed; to send again later; refused for good (a dead letter); or the sink may not write there (the job stops). */
    enum Outcome { INDEXED, RETRY, REJECTED, DENIED }

    static ItemResponse indexed(int status) {
        return new ItemResponse(status, null);
    }

    Outcome outcome() {
        if (status >= 200 && status < 300) {
            return Outcome.INDEXED;
        }
        if (RetryPolicy.isRetryable(status)) {
            return Outcome.RETRY;
        }
        return RetryPolicy.isDenied(status) ? Outcome.DENIED : Outcome.REJECTED;
    }
}

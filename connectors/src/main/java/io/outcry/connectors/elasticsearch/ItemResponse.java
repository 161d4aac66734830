package io.outcry.connectors.elasticsearch;

/**
 * What Elasticsearch answered for one document of a bulk request.
 *
 * @param status HTTP status of the item
 * @param error  error type, reason and cause as Elasticsearch gave them, or null on success
 */
record ItemResponse(int status, String error) {

    enum Outcome { INDEXED, RETRY, REJECTED }

    static ItemResponse indexed(int status) {
        return new ItemResponse(status, null);
    }

    Outcome outcome() {
        if (status >= 200 && status < 300) {
            return Outcome.INDEXED;
        }
        return RetryPolicy.isRetryable(status) ? Outcome.RETRY : Outcome.REJECTED;
    }
}

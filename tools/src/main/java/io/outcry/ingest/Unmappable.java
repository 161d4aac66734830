package io.outcry.ingest;

/**
 * Thrown inside an adapter when a record cannot be mapped; caught by the adapter and reported
 * as a dead letter. Without a stack trace: bad records are data, not bugs, and a firehose can
 * carry many.
 */
final class Unmappable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Unmappable(String reason) {
        super(reason, null, false, false);
    }
}

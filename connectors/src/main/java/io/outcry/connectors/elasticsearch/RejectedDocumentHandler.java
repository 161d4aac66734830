package io.outcry.connectors.elasticsearch;

import io.outcry.connectors.deadletter.DeadLetter;
import java.io.IOException;

/**
 * Receives the documents Elasticsearch refused for good (mapping conflict, invalid document),
 * as dead letters of stage {@link DeadLetter#STAGE_INDEX}. Called on the task thread.
 */
public interface RejectedDocumentHandler extends AutoCloseable {

    void rejected(DeadLetter deadLetter) throws IOException;

    /**
     * Makes every dead letter handed over so far durable. The sink calls it before each
     * checkpoint completes, so a handler that sends asynchronously must wait here.
     */
    default void flush() throws IOException {}

    @Override
    default void close() throws Exception {}
}

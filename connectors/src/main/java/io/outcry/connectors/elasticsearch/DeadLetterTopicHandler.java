package io.outcry.connectors.elasticsearch;

import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.deadletter.DeadLetterPublisher;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Sends the documents Elasticsearch refuses to the Kafka dead-letter topic. */
public final class DeadLetterTopicHandler implements RejectedDocumentHandler {

    private final DeadLetterPublisher publisher;

    private DeadLetterTopicHandler(DeadLetterPublisher publisher) {
        this.publisher = publisher;
    }

    /** A factory that travels with the job graph and connects to Kafka in each sink writer. */
    public static RejectedDocumentHandlerFactory factory(String bootstrapServers, String topic, Map<String, String> properties) {
        Map<String, String> config = new HashMap<>(properties);
        return () -> new DeadLetterTopicHandler(DeadLetterPublisher.create(bootstrapServers, topic, config));
    }

    @Override
    public void rejected(DeadLetter deadLetter) throws IOException {
        publisher.publish(deadLetter);
    }

    @Override
    public void flush() throws IOException {
        publisher.flush();
    }

    @Override
    public void close() throws IOException {
        publisher.close();
    }
}

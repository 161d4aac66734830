package io.outcry.connectors.deadletter;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes dead letters from code that is not a Flink sink of its own, e.g. a sink writer that
 * must park documents Elasticsearch rejected. Same topic format as {@link DeadLetterSink}.
 *
 * <p>{@link #publish} is asynchronous; {@link #flush} blocks until the broker acknowledged
 * every dead letter published so far and fails if any was lost, so a caller that flushes
 * before acknowledging its own checkpoint loses nothing.
 */
public final class DeadLetterPublisher implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public static DeadLetterPublisher create(String bootstrapServers, String topic, Map<String, String> properties) {
        Map<String, Object> config = new HashMap<>();
        // A dead letter is the only copy of a refused record: wait for all replicas, no duplicates on retry.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.putAll(properties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new DeadLetterPublisher(
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()), topic);
    }

    /**
     * Sends one dead letter without waiting for the broker.
     *
     * @throws IOException when an earlier dead letter could not be written
     */
    public void publish(DeadLetter deadLetter) throws IOException {
        throwIfFailed();
        try {
            producer.send(DeadLetterHeaders.toProducerRecord(topic, deadLetter), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        } catch (RuntimeException e) {
            throw new IOException("could not send a dead letter to topic '" + topic + "': " + e.getMessage(), e);
        }
    }

    /**
     * Blocks until every dead letter published so far is acknowledged.
     *
     * @throws IOException when any of them could not be written
     */
    public void flush() throws IOException {
        producer.flush();
        throwIfFailed();
    }

    /** Flushes, then closes the producer even if the flush failed. */
    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            producer.close();
        }
    }

    private void throwIfFailed() throws IOException {
        Exception error = failure.get();
        if (error != null) {
            throw new IOException("a dead letter could not be written to topic '" + topic
                    + "'; check that the topic exists and the broker is reachable: " + error.getMessage(), error);
        }
    }
}

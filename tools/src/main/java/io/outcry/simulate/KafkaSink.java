package io.outcry.simulate;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces each record to a Kafka topic: key = post id, value = the record bytes, record
 * timestamp = the time of writing. Not the post's own time: the job judges a post dated in the
 * future against it, and a broker's retention by record time would delete an archive's old
 * posts at once. Waits for
 * all in-sync replicas; the first failed send stops the run instead of silently losing posts.
 */
public final class KafkaSink implements Consumer<SimulatedRecord>, AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String bootstrapServers;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaSink(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, "outcry-simulate");
    }

    /** @param clientId names the producer in the broker's logs and metrics */
    public KafkaSink(String bootstrapServers, String topic, String clientId) {
        this(bootstrapServers, topic, clientId, Map.of());
    }

    /** @param clientProperties Kafka client settings such as security, from {@code --kafka-properties} */
    public KafkaSink(String bootstrapServers, String topic, String clientId, Map<String, String> clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void accept(SimulatedRecord record) {
        rethrowFailure();
        producer.send(new ProducerRecord<>(topic, record.key(), record.value()),
                (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                });
    }

    /** Sends everything still buffered and fails if any record was not written. */
    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close(Duration.ofSeconds(30));
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("writing to Kafka topic '" + topic + "' at " + bootstrapServers
                    + " failed: " + e.getMessage() + "; check that the broker is up and the topic exists", e);
        }
    }
}

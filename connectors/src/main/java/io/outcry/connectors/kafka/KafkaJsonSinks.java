package io.outcry.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Kafka sinks for streams already turned into JSON by the caller.
 *
 * <pre>{@code
 * alerts.sinkTo(KafkaJsonSinks.exactlyOnce(
 *                 "localhost:9092", "outcry.alerts", "outcry-alerts",
 *                 alert -> alert.brand(), alert -> json(alert)))
 *     .name("alerts to Kafka").uid("alerts-kafka-sink");
 * }</pre>
 */
public final class KafkaJsonSinks {

    /**
     * Brokers refuse transactions longer than their {@code transaction.max.timeout.ms}, 15 minutes
     * by default, while KafkaSink asks for one hour. It must still exceed the longest gap between
     * checkpoints plus a restart, or the broker aborts a transaction Flink means to commit.
     */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private KafkaJsonSinks() {}

    /**
     * Writes each element as one record in Kafka transactions committed when a checkpoint
     * completes: readers with {@code isolation.level=read_committed} see every element exactly
     * once, also across failures and restarts, and see nothing of a checkpoint interval before it
     * is committed. Needs checkpointing; without it nothing is committed until the job ends.
     *
     * @param transactionalIdPrefix unique among all jobs (and sinks) writing to the cluster, and
     *     stable across restarts of this one, so that a restarted job can abort its lingering
     *     transactions
     * @param key the record key (records of one key stay in order on one partition); null for none
     * @param value the record value, JSON bytes
     */
    public static <T> KafkaSink<T> exactlyOnce(
            String bootstrapServers,
            String topic,
            String transactionalIdPrefix,
            SerializableFunction<T, String> key,
            SerializableFunction<T, byte[]> value) {
        return exactlyOnce(bootstrapServers, topic, transactionalIdPrefix, key, value, Map.of());
    }

    /** As {@link #exactlyOnce(String, String, String, SerializableFunction, SerializableFunction)}, with extra producer properties (security, tuning). */
    public static <T> KafkaSink<T> exactlyOnce(
            String bootstrapServers,
            String topic,
            String transactionalIdPrefix,
            SerializableFunction<T, String> key,
            SerializableFunction<T, byte[]> value,
            Map<String, String> producerProperties) {
        require(bootstrapServers, "no Kafka bootstrap servers; give them as \"host:9092[,host2:9092]\"");
        require(topic, "no Kafka topic for the exactly-once sink; give one such as \"outcry.alerts\"");
        require(transactionalIdPrefix, "no transactional id prefix for the exactly-once sink on topic '" + topic
                + "'; give one unique to this job and sink and stable across restarts, e.g. \"outcry-alerts\"");
        if (key == null || value == null) {
            throw new IllegalArgumentException("the exactly-once sink on topic '" + topic
                    + "' needs a key function (returning null for no key) and a value function");
        }
        KafkaSinkBuilder<T> builder = KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new JsonRecordSerializer<>(topic, key, value))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(TRANSACTION_TIMEOUT.toMillis()));
        producerProperties.forEach(builder::setProperty);
        return builder.build();
    }

    private static void require(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(message);
        }
    }

    private static final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {

        private static final long serialVersionUID = 1L;

        private final String topic;
        private final SerializableFunction<T, String> key;
        private final SerializableFunction<T, byte[]> value;

        JsonRecordSerializer(String topic, SerializableFunction<T, String> key, SerializableFunction<T, byte[]> value) {
            this.topic = topic;
            this.key = key;
            this.value = value;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
            String k = key.apply(element);
            return new ProducerRecord<>(topic, null, timestamp,
                    k == null ? null : k.getBytes(StandardCharsets.UTF_8), value.apply(element));
        }
    }
}

package io.outcry.connectors.deadletter;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Builds the Flink sink that writes {@link DeadLetter}s to a Kafka topic in the
 * {@link DeadLetterHeaders} format. It is a plain {@link KafkaSink}, so it takes part in
 * checkpoints: at-least-once by default (flushes on every checkpoint), exactly-once on request.
 *
 * <pre>{@code
 * deadLetters.sinkTo(DeadLetterSink.builder()
 *         .bootstrapServers("localhost:9092")
 *         .topic("posts-dlq")
 *         .build())
 *     .name("dead letters").uid("dead-letter-sink");
 * }</pre>
 */
public final class DeadLetterSink {

    /**
     * Kafka brokers refuse producer transactions longer than their
     * {@code transaction.max.timeout.ms}, 15 minutes by default, while KafkaSink asks for one hour.
     */
    static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private DeadLetterSink() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {

        private String bootstrapServers;
        private String topic;
        private String transactionalIdPrefix;
        private final Properties properties = new Properties();

        private Builder() {}

        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        /**
         * Writes in Kafka transactions committed on checkpoints, so readers with
         * {@code isolation.level=read_committed} see each dead letter once even after a restart.
         *
         * @param transactionalIdPrefix unique among all jobs writing to the same cluster
         */
        public Builder exactlyOnce(String transactionalIdPrefix) {
            this.transactionalIdPrefix = transactionalIdPrefix;
            return this;
        }

        /** Any Kafka producer property, e.g. security settings. */
        public Builder property(String key, String value) {
            properties.setProperty(key, value);
            return this;
        }

        public Builder properties(Map<String, String> properties) {
            this.properties.putAll(properties);
            return this;
        }

        public KafkaSink<DeadLetter> build() {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalStateException("no Kafka bootstrap servers for the dead-letter sink; call bootstrapServers(\"host:9092\")");
            }
            if (topic == null || topic.isBlank()) {
                throw new IllegalStateException("no dead-letter topic; call topic(\"posts-dlq\")");
            }
            KafkaSinkBuilder<DeadLetter> builder = KafkaSink.<DeadLetter>builder()
                    .setBootstrapServers(bootstrapServers)
                    .setRecordSerializer(new DeadLetterSerializer(topic));
            if (transactionalIdPrefix == null) {
                builder.setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
            } else {
                builder.setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix(transactionalIdPrefix)
                        .setProperty(
                                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                                Long.toString(DEFAULT_TRANSACTION_TIMEOUT.toMillis()));
            }
            properties.stringPropertyNames().forEach(key -> builder.setProperty(key, properties.getProperty(key)));
            return builder.build();
        }
    }
}

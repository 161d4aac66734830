package io.outcry.connectors.kafka;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/**
 * Builds a {@link KafkaSource} of {@link Ingested} records: bad records become dead letters
 * instead of exceptions (see {@link IngestingDeserializer}).
 *
 * <pre>{@code
 * KafkaSource<Ingested<Post>> source = KafkaIngest.of(new CanonicalPostJson(), TypeInformation.of(Post.class))
 *         .bootstrapServers("localhost:9092")
 *         .topics("posts")
 *         .groupId("outcry-radar")
 *         .startingOffsets(StartingOffsets.COMMITTED_OR_EARLIEST)
 *         .build();
 * }</pre>
 */
public final class KafkaIngest<T> {

    private final RecordParser<T> parser;
    private final TypeInformation<T> valueType;
    private String bootstrapServers;
    private List<String> topics = List.of();
    private String groupId;
    private StartingOffsets startingOffsets = StartingOffsets.COMMITTED_OR_EARLIEST;
    private boolean bounded;
    private String counted = "records";
    private final Properties properties = new Properties();

    private KafkaIngest(RecordParser<T> parser, TypeInformation<T> valueType) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.valueType = Objects.requireNonNull(valueType, "valueType");
    }

    public static <T> KafkaIngest<T> of(RecordParser<T> parser, TypeInformation<T> valueType) {
        return new KafkaIngest<>(parser, valueType);
    }

    public KafkaIngest<T> bootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        return this;
    }

    public KafkaIngest<T> topics(String... topics) {
        this.topics = List.of(topics);
        return this;
    }

    public KafkaIngest<T> groupId(String groupId) {
        this.groupId = groupId;
        return this;
    }

    /** Default {@link StartingOffsets#COMMITTED_OR_EARLIEST}. */
    public KafkaIngest<T> startingOffsets(StartingOffsets startingOffsets) {
        this.startingOffsets = Objects.requireNonNull(startingOffsets, "startingOffsets");
        return this;
    }

    /**
     * Stops at the latest offsets as of job start instead of running forever: for tests and
     * for replaying a topic once.
     */
    public KafkaIngest<T> bounded() {
        this.bounded = true;
        return this;
    }

    /**
     * Names the source's counters after {@code what} ({@code deletionsIngested}, ...) instead of
     * {@code records}: for a second kind of record read beside the posts.
     */
    public KafkaIngest<T> counted(String what) {
        this.counted = Objects.requireNonNull(what, "what");
        return this;
    }

    /** Any Kafka consumer or Flink Kafka source property, e.g. security settings. */
    public KafkaIngest<T> property(String key, String value) {
        properties.setProperty(key, value);
        return this;
    }

    public KafkaIngest<T> properties(Map<String, String> properties) {
        this.properties.putAll(properties);
        return this;
    }

    public KafkaSource<Ingested<T>> build() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalStateException("no Kafka bootstrap servers; call bootstrapServers(\"host:9092\")");
        }
        if (topics.isEmpty()) {
            throw new IllegalStateException("no topic to read; call topics(\"posts\")");
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalStateException("no consumer group id; call groupId(...) so offsets can be committed");
        }
        KafkaSourceBuilder<Ingested<T>> builder = KafkaSource.<Ingested<T>>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topics)
                .setGroupId(groupId)
                .setStartingOffsets(startingOffsets.initializer())
                .setDeserializer(new IngestingDeserializer<>(parser, valueType, counted))
                .setProperties(properties);
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}

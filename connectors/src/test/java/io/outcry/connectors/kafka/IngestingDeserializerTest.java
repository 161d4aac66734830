package io.outcry.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestingDeserializerTest {

    private final Map<String, Counter> counters = new HashMap<>();
    private final List<Ingested<Integer>> out = new ArrayList<>();
    private IngestingDeserializer<Integer> deserializer = new IngestingDeserializer<>(new IntegerParser(), Types.INT);

    @BeforeEach
    void open() {
        deserializer.open(context());
    }

    @Test
    void passesAValidRecordThroughAsAValue() {
        deserialize(record(3, 17L, "7"));

        assertThat(out).singleElement().satisfies(ingested -> {
            assertThat(ingested.isOk()).isTrue();
            assertThat(ingested.value).isEqualTo(7);
            assertThat(ingested.deadLetter).isNull();
        });
        assertCounts(1, 0);
    }

    @Test
    void deadLettersAnInvalidRecordWithItsBytesReasonAndOrigin() {
        ConsumerRecord<byte[], byte[]> record = record(1, 42L, "seven");

        deserialize(record);

        DeadLetter deadLetter = single().deadLetter;
        assertThat(deadLetter.stage()).isEqualTo(DeadLetter.STAGE_INGEST);
        assertThat(deadLetter.reason()).isEqualTo("'seven' is not an integer; send a decimal integer");
        assertThat(deadLetter.topic()).isEqualTo("numbers");
        assertThat(deadLetter.partition()).isEqualTo(1);
        assertThat(deadLetter.offset()).isEqualTo(42L);
        assertThat(deadLetter.timestamp()).isEqualTo(record.timestamp());
        assertThat(deadLetter.key()).isEqualTo(record.key());
        assertThat(deadLetter.payload()).isEqualTo(record.value());
        assertCounts(0, 1);
    }

    @Test
    void deadLettersATombstoneWithAnEmptyPayload() {
        deserialize(new ConsumerRecord<>("numbers", 0, 5L, 1_700_000_000_000L, TimestampType.CREATE_TIME,
                0, 0, "k".getBytes(StandardCharsets.UTF_8), null, new RecordHeaders(), Optional.empty()));

        DeadLetter deadLetter = single().deadLetter;
        assertThat(deadLetter.reason()).contains("tombstone");
        assertThat(deadLetter.payload()).isEmpty();
        assertThat(deadLetter.offset()).isEqualTo(5L);
        assertCounts(0, 1);
    }

    @Test
    void deadLettersARecordWhoseParserThrowsUnexpectedly() {
        RecordParser<Integer> buggy = value -> {
            throw new IllegalStateException("index out of whack");
        };
        deserializer = new IngestingDeserializer<>(buggy, Types.INT);
        deserializer.open(context());

        deserialize(record(0, 0L, "1"));

        assertThat(single().deadLetter.reason())
                .isEqualTo("parser failed unexpectedly: java.lang.IllegalStateException: index out of whack");
        assertCounts(0, 1);
    }

    @Test
    void countsEveryRecordReadOnceAsIngestedOrDeadLettered() {
        for (String value : List.of("1", "", "x", "-4", "2147483648", "9")) {
            deserialize(record(0, out.size(), value));
        }

        assertThat(out).extracting(i -> i.value).containsExactly(1, null, null, -4, null, 9);
        assertCounts(3, 3);
    }

    @Test
    void producesTheIngestedPojoTypeOfTheParserValue() {
        assertThat(deserializer.getProducedType()).isEqualTo(Ingested.typeInfo(Types.INT));
        assertThat(deserializer.getProducedType().isBasicType()).isFalse();
    }

    private void deserialize(ConsumerRecord<byte[], byte[]> record) {
        deserializer.deserialize(record, new Collector<>() {
            @Override
            public void collect(Ingested<Integer> record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });
    }

    private Ingested<Integer> single() {
        assertThat(out).hasSize(1);
        assertThat(out.get(0).isOk()).isFalse();
        return out.get(0);
    }

    private void assertCounts(long ingested, long deadLettered) {
        assertThat(counters.get(IngestingDeserializer.RECORDS_READ).getCount()).isEqualTo(ingested + deadLettered);
        assertThat(counters.get(IngestingDeserializer.RECORDS_INGESTED).getCount()).isEqualTo(ingested);
        assertThat(counters.get(IngestingDeserializer.RECORDS_DEAD_LETTERED).getCount()).isEqualTo(deadLettered);
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, String value) {
        return new ConsumerRecord<>("numbers", partition, offset, 1_700_000_000_000L + offset, TimestampType.CREATE_TIME,
                1, value.length(), ("key-" + offset).getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Optional.empty());
    }

    private DeserializationSchema.InitializationContext context() {
        counters.clear();
        MetricGroup group = new UnregisteredMetricsGroup() {
            @Override
            public Counter counter(String name) {
                return counter(name, new SimpleCounter());
            }

            @Override
            public <C extends Counter> C counter(String name, C counter) {
                counters.put(name, counter);
                return counter;
            }
        };
        return new DeserializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return group;
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
            }
        };
    }
}

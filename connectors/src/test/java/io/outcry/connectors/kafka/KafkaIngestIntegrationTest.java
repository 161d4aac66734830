package io.outcry.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.deadletter.DeadLetterReader;
import io.outcry.connectors.deadletter.DeadLetterSink;
import io.outcry.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real broker and a real Flink job at parallelism 2: good records flow on, bad ones land on
 * the dead-letter topic exactly as they were produced, and the job counts both.
 */
class KafkaIngestIntegrationTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .build());

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private String bootstrapServers;
    private String input;
    private String goodTopic;
    private String deadLetterTopic;

    /** What was produced, with where the broker put it. */
    private record Produced(String key, String value, RecordMetadata metadata) {}

    @BeforeEach
    void createTopics() throws Exception {
        bootstrapServers = LocalStack.sharedKafka().bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        input = "numbers-" + run;
        goodTopic = "numbers-good-" + run;
        deadLetterTopic = "numbers-dlq-" + run;
        KafkaTopics.ensure(bootstrapServers, 2, input, goodTopic, deadLetterTopic);
    }

    @Test
    void sendsGoodRecordsOnAndBadOnesToTheDeadLetterTopicWithTheirOrigin() throws Exception {
        List<Produced> produced = produce(
                "1", "seven", "-42", "", "2147483648", "12", "{\"n\":3}", "0", null, "1e3", "99", "x");

        JobExecutionResult result = runIngestJob(DeadLetterSink.builder()
                .bootstrapServers(bootstrapServers)
                .topic(deadLetterTopic)
                .build(), false);

        List<String> good = KafkaTopics.readAll(bootstrapServers, goodTopic, READ_TIMEOUT).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .toList();
        assertThat(good).containsExactlyInAnyOrder("1", "-42", "12", "0", "99");

        List<DeadLetter> deadLetters = DeadLetterReader.readAll(bootstrapServers, deadLetterTopic, READ_TIMEOUT);
        assertThat(deadLetters)
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyInAnyOrderElementsOf(expectedDeadLetters(produced, Map.of(
                        "seven", "'seven' is not an integer; send a decimal integer",
                        "", "empty value; send a decimal integer",
                        "2147483648", "'2147483648' is not an integer; send a decimal integer",
                        "{\"n\":3}", "'{\"n\":3}' is not an integer; send a decimal integer",
                        "1e3", "'1e3' is not an integer; send a decimal integer",
                        "x", "'x' is not an integer; send a decimal integer")));

        assertThat(counted(result.getJobID(), IngestingDeserializer.RECORDS_INGESTED)).isEqualTo(5);
        assertThat(counted(result.getJobID(), IngestingDeserializer.RECORDS_DEAD_LETTERED)).isEqualTo(7);
    }

    @Test
    void writesDeadLettersInKafkaTransactionsWhenAskedForExactlyOnce() throws Exception {
        List<Produced> produced = produce("5", "five", "6", "six");

        runIngestJob(DeadLetterSink.builder()
                .bootstrapServers(bootstrapServers)
                .topic(deadLetterTopic)
                .exactlyOnce("outcry-test-" + deadLetterTopic)
                .build(), true);

        assertThat(DeadLetterReader.readAll(bootstrapServers, deadLetterTopic, READ_TIMEOUT))
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyInAnyOrderElementsOf(expectedDeadLetters(produced, Map.of(
                        "five", "'five' is not an integer; send a decimal integer",
                        "six", "'six' is not an integer; send a decimal integer")));
    }

    private JobExecutionResult runIngestJob(KafkaSink<DeadLetter> deadLetterSink, boolean checkpointing)
            throws Exception {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        // A failing job must fail the test, not restart until the timeout.
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        if (checkpointing) {
            env.enableCheckpointing(500);
        }

        DataStream<Ingested<Integer>> ingested = env.fromSource(
                        KafkaIngest.of(new IntegerParser(), Types.INT)
                                .bootstrapServers(bootstrapServers)
                                .topics(input)
                                .groupId("test-" + input)
                                .startingOffsets(StartingOffsets.EARLIEST)
                                .bounded()
                                .build(),
                        WatermarkStrategy.noWatermarks(),
                        "numbers")
                .uid("numbers-source");

        ingested.filter(Ingested::isOk).name("parsed").uid("parsed")
                .map(i -> i.value.toString()).returns(Types.STRING).name("as text").uid("as-text")
                .sinkTo(KafkaSink.<String>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .setRecordSerializer(KafkaRecordSerializationSchema.<String>builder()
                                .setTopic(goodTopic)
                                .setValueSerializationSchema(new SimpleStringSchema())
                                .build())
                        .build())
                .name("good numbers").uid("good-numbers");

        ingested.filter(i -> !i.isOk()).name("refused").uid("refused")
                .map(i -> i.deadLetter).returns(TypeInformation.of(DeadLetter.class)).name("dead letter").uid("dead-letter")
                .sinkTo(deadLetterSink)
                .name("dead letters").uid("dead-letters");

        return env.execute("ingest " + input);
    }

    private List<Produced> produce(String... values) throws Exception {
        List<Produced> produced = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < values.length; i++) {
                String key = "key-" + i;
                byte[] value = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
                // Both partitions get records, so both source subtasks have work.
                RecordMetadata metadata = producer.send(new ProducerRecord<>(
                                input, i % 2, key.getBytes(StandardCharsets.UTF_8), value))
                        .get();
                produced.add(new Produced(key, values[i], metadata));
            }
        }
        return produced;
    }

    /** Dead letters for the produced records whose value has a reason; a null value is a tombstone. */
    private static List<DeadLetter> expectedDeadLetters(List<Produced> produced, Map<String, String> reasons) {
        return produced.stream()
                .filter(p -> p.value() == null || reasons.containsKey(p.value()))
                .map(p -> new DeadLetter(
                        DeadLetter.STAGE_INGEST,
                        p.value() == null
                                ? "record has no value (tombstone); send the post JSON as the record value"
                                : reasons.get(p.value()),
                        p.metadata().topic(),
                        p.metadata().partition(),
                        p.metadata().offset(),
                        p.metadata().timestamp(),
                        p.key().getBytes(StandardCharsets.UTF_8),
                        p.value() == null ? new byte[0] : p.value().getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    /** Sum of a counter over all source subtasks of the job. */
    private static long counted(JobID job, String counter) {
        Map<String, Metric> metrics = METRICS.findMetrics(job, counter);
        assertThat(metrics).as("%s counters of job %s", counter, job).hasSize(2);
        return metrics.values().stream().mapToLong(m -> ((Counter) m).getCount()).sum();
    }
}

package io.outcry.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exactly-once sink in real Flink jobs (MiniCluster, parallelism 2, checkpoints) against the
 * real local broker, read back by {@code read_committed} and {@code read_uncommitted} consumers.
 */
class KafkaJsonSinksIntegrationTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Set by the failing map of the restart test, which runs in this JVM inside the MiniCluster. */
    static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

    private String bootstrapServers;
    private String topic;

    @BeforeEach
    void createTopic() throws Exception {
        bootstrapServers = LocalStack.sharedKafka().bootstrapServers();
        topic = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTopics.ensure(bootstrapServers, 2, topic);
        FAILED_ONCE.set(false);
    }

    @Test
    void writesEachElementExactlyOnceForReadCommittedReaders() throws Exception {
        int count = 500;
        StreamExecutionEnvironment env = environment("none");
        env.enableCheckpointing(200);
        sinkNumbers(env.fromData(numbers(count)).name("numbers").uid("numbers"));

        env.execute("exactly once " + topic);

        // The broker writes a committed transaction's markers to its partitions a moment after
        // the commit returns, so the last records may become visible just after the job ends.
        assertThat(awaitCount("read_committed", count)).isEqualTo(count);
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.readAll(bootstrapServers, topic, TIMEOUT);
        assertThat(records).extracting(KafkaJsonSinksIntegrationTest::value)
                .containsExactlyInAnyOrderElementsOf(expectedValues(count));
        assertThat(records).allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8))
                .isEqualTo("k" + number(value(r)) % 7));
    }

    @Test
    void keepsRecordsInvisibleToReadCommittedReadersUntilACheckpointCommitsThem(
            @InjectClusterClient ClusterClient<?> cluster) throws Exception {
        int perCheckpoint = 40;
        StreamExecutionEnvironment env = environment("none");
        // No periodic checkpoint within the test: the one that commits is triggered below.
        env.enableCheckpointing(Duration.ofDays(365).toMillis());
        // An endless source that emits 40 numbers, then waits for a checkpoint before the next 40.
        sinkNumbers(env.fromSource(
                        new DataGeneratorSource<>(Long::intValue, Long.MAX_VALUE,
                                RateLimiterStrategy.perCheckpoint(perCheckpoint), Types.INT),
                        WatermarkStrategy.noWatermarks(), "numbers")
                .setParallelism(1).uid("numbers"));

        JobClient job = env.executeAsync("exactly once, uncommitted " + topic);
        try {
            // Every record of the first 40 is in the broker, in open transactions.
            assertThat(awaitCount("read_uncommitted", perCheckpoint)).isEqualTo(perCheckpoint);
            assertThat(countFor("read_committed", Duration.ofSeconds(1))).isZero();

            cluster.triggerCheckpoint(job.getJobID(), CheckpointType.DEFAULT).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            // The checkpoint commits the first 40; the next 40 are written but not committed.
            assertThat(awaitCount("read_uncommitted", 2 * perCheckpoint)).isEqualTo(2 * perCheckpoint);
            assertThat(KafkaTopics.readAll(bootstrapServers, topic, TIMEOUT))
                    .extracting(KafkaJsonSinksIntegrationTest::value)
                    .containsExactlyInAnyOrderElementsOf(expectedValues(perCheckpoint));
        } finally {
            job.cancel().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void writesNoDuplicatesWhenTheJobFailsAndRestartsFromACheckpoint() throws Exception {
        int count = 600;
        StreamExecutionEnvironment env = environment("fixed-delay");
        env.enableCheckpointing(200);
        // Three seconds of input, so that checkpoints complete before and after the failure.
        sinkNumbers(env.fromSource(
                        new DataGeneratorSource<>(Long::intValue, count, RateLimiterStrategy.perSecond(200), Types.INT),
                        WatermarkStrategy.noWatermarks(), "numbers")
                .setParallelism(1).uid("numbers")
                .rebalance()
                .map(new FailOnceAfterACheckpoint()).name("fail once").uid("fail-once"));

        env.execute("exactly once, restarted " + topic);

        assertThat(FAILED_ONCE).as("the job failed once and restarted").isTrue();
        assertThat(KafkaTopics.readAll(bootstrapServers, topic, TIMEOUT))
                .extracting(KafkaJsonSinksIntegrationTest::value)
                .containsExactlyInAnyOrderElementsOf(expectedValues(count));
        // The failed attempt wrote records after its last checkpoint; they were aborted, not
        // erased: what read_committed does not see is there for read_uncommitted.
        assertThat(countFor("read_uncommitted", Duration.ofSeconds(2))).isGreaterThan(count);
    }

    @Test
    void refusesAnExactlyOnceSinkWithoutTransactionalIdPrefix() {
        assertThatThrownBy(() -> KafkaJsonSinks.<Integer>exactlyOnce(
                        "127.0.0.1:9092", "outcry.alerts", " ", n -> null, n -> new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no transactional id prefix for the exactly-once sink on topic 'outcry.alerts'");
    }

    /**
     * Passes numbers on and fails the job once: after a checkpoint has been committed and 5 more
     * numbers have gone to the sink in the next, still open, transaction.
     */
    static final class FailOnceAfterACheckpoint implements MapFunction<Integer, Integer>, CheckpointedFunction,
            CheckpointListener {

        private int sinceBarrier;
        private int checkpointsCompleted;

        @Override
        public Integer map(Integer n) throws Exception {
            if (++sinceBarrier >= 5 && checkpointsCompleted >= 1 && FAILED_ONCE.compareAndSet(false, true)) {
                // Time for the producer to ship the open transaction's records to the broker.
                Thread.sleep(300);
                throw new IllegalStateException("failing once on purpose at " + n);
            }
            return n;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            sinceBarrier = 0;
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointsCompleted++;
        }
    }

    private StreamExecutionEnvironment environment(String restartStrategy) {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        config.set(RestartStrategyOptions.RESTART_STRATEGY, restartStrategy);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        return env;
    }

    private void sinkNumbers(DataStream<Integer> numbers) {
        numbers.sinkTo(KafkaJsonSinks.exactlyOnce(
                        bootstrapServers,
                        topic,
                        "outcry-test-" + topic,
                        n -> "k" + n % 7,
                        n -> ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)))
                .name("kafka").uid("kafka");
    }

    private static Integer[] numbers(int count) {
        return IntStream.range(0, count).boxed().toArray(Integer[]::new);
    }

    private static List<String> expectedValues(int count) {
        return IntStream.range(0, count).mapToObj(n -> "{\"n\":" + n + "}").toList();
    }

    private static String value(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static int number(String json) {
        return Integer.parseInt(json.replaceAll("\\D", ""));
    }

    /** Polls until at least {@code expected} records are visible at this isolation level, or times out. */
    private int awaitCount(String isolation, int expected) {
        return count(isolation, TIMEOUT, expected);
    }

    /** Counts the records visible at this isolation level within {@code window}. */
    private int countFor(String isolation, Duration window) {
        return count(isolation, window, Integer.MAX_VALUE);
    }

    private int count(String isolation, Duration window, int enough) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int seen = 0;
            long deadline = System.nanoTime() + window.toNanos();
            while (seen < enough && System.nanoTime() < deadline) {
                seen += consumer.poll(Duration.ofMillis(100)).count();
            }
            return seen;
        }
    }
}

package io.outcry.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.stack.LocalStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The simulate command against a real broker. */
class KafkaSinkTest {

    private static final String TOPIC = "simulated-posts";

    @TempDir
    Path dir;

    @Test
    void producesEveryRecordWithItsKeyToARealBroker() throws Exception {
        String bootstrap = LocalStack.sharedKafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
        Path truthFile = dir.resolve("truth.json");
        String[] args = {"--bootstrap-servers", bootstrap, "--topic", TOPIC, "--truth", truthFile.toString(),
            "--duration", "10m", "--rate", "60", "--speed", "600", "--seed", "3"};
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SimulateCommand());
        cli.setErr(new PrintWriter(err, true));

        long began = System.nanoTime();
        assertThat(cli.execute(args)).as(err.toString()).isZero();
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        List<SimulatedRecord> expected = new ArrayList<>();
        new FirehoseSimulator(SimulationConfig.defaults().withSeed(3)
                .withTime(SimulationConfig.DEFAULT_START, Duration.ofMinutes(10))
                .withRates(60, SimulationConfig.DEFAULT_MALFORMED_SHARE, SimulationConfig.DEFAULT_LATE_SHARE))
                .run(expected::add);
        List<ConsumerRecord<byte[], byte[]>> consumed = consumeAll(bootstrap, expected.size());

        assertThat(GroundTruth.read(truthFile).totals().records()).isEqualTo(expected.size());
        assertThat(took).as("10 simulated minutes at speed 600 take about a second").isGreaterThan(Duration.ofMillis(900));
        assertThat(consumed).hasSize(expected.size());
        assertThat(signatures(consumed.stream().map(r -> signature(r.key(), r.value())).toList()))
                .isEqualTo(signatures(expected.stream().map(r -> signature(r.key(), r.value())).toList()));
    }

    private static List<ConsumerRecord<byte[], byte[]>> consumeAll(String bootstrap, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "simulate-test");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private static String signature(byte[] key, byte[] value) {
        return Arrays.toString(key) + "|" + Arrays.toString(value);
    }

    /** Partitions interleave, so compare as sorted multisets. */
    private static List<String> signatures(List<String> list) {
        return list.stream().sorted(Comparator.naturalOrder()).collect(Collectors.toList());
    }
}

package io.outcry.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Starts one real broker and talks to it with the plain Kafka clients. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalKafkaTest {

    @TempDir static Path workDir;
    private static LocalKafka kafka;
    private static Set<ProcessHandle> serverProcesses;

    @BeforeAll
    static void startBroker() throws IOException {
        Set<ProcessHandle> before = children();
        kafka = LocalKafka.start(workDir);
        serverProcesses = children();
        serverProcesses.removeAll(before);
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void listensOnALoopbackPort() {
        assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    }

    @Test
    @Order(2)
    void deliversAProducedRecordToAConsumer() throws Exception {
        String topic = "local-stack-roundtrip";
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG, "all"),
                        new StringSerializer(),
                        new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "acme", "{\"id\":\"p-1\"}")).get();
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test",
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }

        assertThat(received)
                .singleElement()
                .satisfies(
                        record -> {
                            assertThat(record.key()).isEqualTo("acme");
                            assertThat(record.value()).isEqualTo("{\"id\":\"p-1\"}");
                        });
    }

    @Test
    @Order(3)
    void createsTopicsWithTwoPartitionsOnFirstUse() throws Exception {
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer())) {
            producer.send(new ProducerRecord<>("local-stack-partitions", "v")).get();
            assertThat(producer.partitionsFor("local-stack-partitions")).hasSize(2);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void closeStopsTheBrokerProcess() {
        assertThat(serverProcesses).isNotEmpty().allMatch(ProcessHandle::isAlive);

        kafka.close();

        assertThat(serverProcesses).noneMatch(ProcessHandle::isAlive);
    }

    static Set<ProcessHandle> children() {
        return ProcessHandle.current().descendants().collect(Collectors.toSet());
    }
}

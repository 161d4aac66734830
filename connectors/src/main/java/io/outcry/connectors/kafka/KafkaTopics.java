package io.outcry.connectors.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Creates and reads back whole topics: for the demo and the tests, not for jobs. */
public final class KafkaTopics {

    private KafkaTopics() {}

    /**
     * Creates the topics that do not exist yet, each with the given partitions and replication
     * factor 1 (a single local broker). Existing topics are left as they are.
     */
    public static void ensure(String bootstrapServers, int partitions, String... topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                            .all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * Reads every record of a topic, from the beginning up to its end offsets at call time, in
     * partition then offset order. Reads committed records only, so records of aborted or
     * still open transactions (an exactly-once sink that has not checkpointed) are not there.
     *
     * @throws TimeoutException when the end offsets are not reached within {@code timeout}
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic, Duration timeout)
            throws TimeoutException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("topic '" + topic + "' does not exist on " + bootstrapServers);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> read = new HashMap<>();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("read only part of topic '" + topic + "' within " + timeout
                            + "; end offsets " + end);
                }
                consumer.poll(Duration.ofMillis(200))
                        .forEach(r -> read.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), p -> new ArrayList<>())
                                .add(r));
            }
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            partitions.stream()
                    .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                    .forEach(p -> all.addAll(read.getOrDefault(p, List.of()).stream()
                            .filter(r -> r.offset() < end.get(p))
                            .toList()));
            return all;
        }
    }

    /**
     * How many records a topic holds, from its end offsets, without reading them: exact for a
     * topic no transactional producer writes (transaction markers take offsets too).
     */
    public static long recordCount(String bootstrapServers, String topic, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
            return consumer.endOffsets(partitions, timeout).entrySet().stream()
                    .mapToLong(e -> e.getValue() - begin.get(e.getKey()))
                    .sum();
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}

package io.outcry.connectors.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.connectors.kafka.KafkaTopics;
import io.outcry.stack.LocalStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real broker: what is published and flushed is on the topic, or flush fails. */
class DeadLetterPublisherTest {

    private String bootstrapServers;
    private String topic;

    @BeforeEach
    void createTopic() throws Exception {
        bootstrapServers = LocalStack.sharedKafka().bootstrapServers();
        topic = "dlq-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTopics.ensure(bootstrapServers, 1, topic);
    }

    @Test
    void publishesDeadLettersThatReadBackUnchanged() throws Exception {
        List<DeadLetter> deadLetters = List.of(
                new DeadLetter(DeadLetter.STAGE_INDEX, "mapper_parsing_exception: failed to parse field [location]",
                        null, -1, -1L, 1_700_000_000_000L, bytes("post-1"), bytes("{\"id\":\"post-1\",\"location\":\"nowhere\"}")),
                new DeadLetter(DeadLetter.STAGE_INGEST, "record has no value (tombstone)",
                        "posts", 3, 77L, 1_700_000_000_500L, null, new byte[0]),
                new DeadLetter(DeadLetter.STAGE_LATE, "event time 40 min behind the watermark",
                        "posts", 0, 5L, 1_699_999_000_000L, bytes("post-9"), new byte[] {0, (byte) 0xff, 10}));

        try (DeadLetterPublisher publisher = DeadLetterPublisher.create(bootstrapServers, topic, Map.of())) {
            for (DeadLetter deadLetter : deadLetters) {
                publisher.publish(deadLetter);
            }
            publisher.flush();
            // flush() alone must make them visible, before close().
            assertThat(DeadLetterReader.readAll(bootstrapServers, topic, Duration.ofSeconds(30)))
                    .usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyElementsOf(deadLetters);
        }
    }

    @Test
    void failsLoudlyWhenADeadLetterCannotBeWritten() throws Exception {
        DeadLetterPublisher publisher = DeadLetterPublisher.create(
                bootstrapServers, topic, Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1024"));
        DeadLetter tooLarge = new DeadLetter(DeadLetter.STAGE_INDEX, "document too large",
                null, -1, -1L, 0L, null, new byte[4096]);

        publisher.publish(tooLarge);

        assertThatThrownBy(publisher::flush)
                .isInstanceOf(IOException.class)
                .hasMessageContaining(topic)
                .hasCauseInstanceOf(RecordTooLargeException.class);
        assertThatThrownBy(() -> publisher.publish(tooLarge)).isInstanceOf(IOException.class);
        assertThatThrownBy(publisher::close).isInstanceOf(IOException.class);
        assertThat(DeadLetterReader.readAll(bootstrapServers, topic, Duration.ofSeconds(30))).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.outcry.connectors.deadletter;

import io.outcry.connectors.kafka.KafkaTopics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Reads a whole dead-letter topic back: for the demo, the tests and anyone triaging it. */
public final class DeadLetterReader {

    private DeadLetterReader() {}

    /**
     * Every dead letter on the topic up to its end offsets at call time, in partition then
     * offset order of the dead-letter topic.
     */
    public static List<DeadLetter> readAll(String bootstrapServers, String topic, Duration timeout)
            throws TimeoutException {
        return KafkaTopics.readAll(bootstrapServers, topic, timeout).stream()
                .map(DeadLetterHeaders::fromConsumerRecord)
                .toList();
    }
}

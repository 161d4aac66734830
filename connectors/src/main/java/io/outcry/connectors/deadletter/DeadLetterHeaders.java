package io.outcry.connectors.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * How a {@link DeadLetter} looks on a Kafka topic, both ways: the record value is the original
 * payload unchanged, the record key is the original key, and everything else travels in
 * UTF-8 string headers, like Kafka Connect's {@code __connect.errors.*} headers. A fixed record
 * can therefore be replayed to the source topic as is.
 */
public final class DeadLetterHeaders {

    public static final String PREFIX = "outcry.dlq.";
    public static final String STAGE = PREFIX + "stage";
    public static final String REASON = PREFIX + "reason";
    public static final String TOPIC = PREFIX + "topic";
    public static final String PARTITION = PREFIX + "partition";
    public static final String OFFSET = PREFIX + "offset";
    public static final String TIMESTAMP = PREFIX + "timestamp";
    /** Set when the original bytes were left out: how many there were. */
    public static final String OMITTED = PREFIX + "omitted-bytes";
    /**
     * Largest key plus payload sent: Kafka's default producer request and broker message limit
     * is 1 MB, and a dead letter that cannot be sent would fail the job on the same record again
     * and again. A larger original stays where it came from, named by the topic, partition and
     * offset headers.
     */
    public static final int MAX_RECORD_BYTES = 1_000_000 - 2 * DeadLetter.MAX_REASON_LENGTH;

    private DeadLetterHeaders() {}

    /**
     * The record to write to the dead-letter topic. Its Kafka timestamp is left to the producer
     * (the time of dead-lettering); the source record's time is in {@link #TIMESTAMP}. A key and
     * payload over {@link #MAX_RECORD_BYTES} are left out and their size given in {@link #OMITTED}.
     */
    public static ProducerRecord<byte[], byte[]> toProducerRecord(String deadLetterTopic, DeadLetter deadLetter) {
        List<Header> headers = headers(deadLetter);
        byte[] key = deadLetter.key();
        byte[] payload = deadLetter.payload();
        if ((key == null ? 0 : key.length) + payload.length > MAX_RECORD_BYTES) {
            add(headers, OMITTED, Integer.toString(payload.length));
            key = null;
            payload = new byte[0];
        }
        return new ProducerRecord<>(deadLetterTopic, null, null, key, payload, headers);
    }

    /** The headers describing a dead letter; absent source fields (null topic, -1) are left out. */
    public static List<Header> headers(DeadLetter deadLetter) {
        List<Header> headers = new ArrayList<>(6);
        add(headers, STAGE, deadLetter.stage());
        add(headers, REASON, deadLetter.reason());
        add(headers, TOPIC, deadLetter.topic());
        if (deadLetter.partition() >= 0) {
            add(headers, PARTITION, Integer.toString(deadLetter.partition()));
        }
        if (deadLetter.offset() >= 0) {
            add(headers, OFFSET, Long.toString(deadLetter.offset()));
        }
        add(headers, TIMESTAMP, Long.toString(deadLetter.timestamp()));
        return headers;
    }

    /**
     * Reads a dead letter back from a record of the dead-letter topic.
     *
     * @throws IllegalArgumentException when the record has no stage or reason header, i.e. was
     *     not written by {@link DeadLetterSink} or {@link DeadLetterPublisher}
     */
    public static DeadLetter fromConsumerRecord(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        String stage = string(headers, STAGE);
        String reason = string(headers, REASON);
        if (stage == null || reason == null) {
            throw new IllegalArgumentException("record " + where + " is not a dead letter: it lacks the "
                    + STAGE + " or " + REASON + " header; read only topics written by DeadLetterSink or DeadLetterPublisher");
        }
        try {
            return new DeadLetter(
                    stage,
                    reason,
                    string(headers, TOPIC),
                    (int) number(headers, PARTITION, -1),
                    number(headers, OFFSET, -1),
                    number(headers, TIMESTAMP, record.timestamp()),
                    record.key(),
                    record.value() == null ? new byte[0] : record.value());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("record " + where + " has a malformed " + PREFIX + "* number header: "
                    + e.getMessage(), e);
        }
    }

    private static void add(List<Header> headers, String name, String value) {
        if (value != null) {
            headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static String string(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long number(Headers headers, String name, long absent) {
        String value = string(headers, name);
        return value == null ? absent : Long.parseLong(value);
    }
}

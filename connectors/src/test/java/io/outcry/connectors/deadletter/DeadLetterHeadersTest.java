package io.outcry.connectors.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {

    private static final byte[] PAYLOAD = "{\"id\":\"p1\",\"text\":".getBytes(StandardCharsets.UTF_8);

    @Test
    void writesThePayloadUnchangedAndTheMetadataAsHeaders() {
        DeadLetter deadLetter = new DeadLetter(DeadLetter.STAGE_INGEST, "truncated JSON; close the object",
                "posts", 2, 1234L, 1_700_000_000_123L, "p1".getBytes(StandardCharsets.UTF_8), PAYLOAD);

        ProducerRecord<byte[], byte[]> record = DeadLetterHeaders.toProducerRecord("posts-dlq", deadLetter);

        assertThat(record.topic()).isEqualTo("posts-dlq");
        assertThat(record.value()).isSameAs(PAYLOAD);
        assertThat(record.key()).isEqualTo("p1".getBytes(StandardCharsets.UTF_8));
        assertThat(record.partition()).isNull();
        assertThat(record.headers().toArray())
                .extracting(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8))
                .containsExactly(
                        tuple("outcry.dlq.stage", "ingest"),
                        tuple("outcry.dlq.reason", "truncated JSON; close the object"),
                        tuple("outcry.dlq.topic", "posts"),
                        tuple("outcry.dlq.partition", "2"),
                        tuple("outcry.dlq.offset", "1234"),
                        tuple("outcry.dlq.timestamp", "1700000000123"));
    }

    @Test
    void cutsAReasonThatQuotesAHugeFieldSoTheDeadLetterCanBeSent() {
        DeadLetter deadLetter = new DeadLetter(DeadLetter.STAGE_INGEST, "followers must be a number, got " + "9".repeat(900_000),
                "posts", 0, 7L, 1_700_000_000_000L, null, PAYLOAD);

        assertThat(deadLetter.reason()).hasSizeLessThan(DeadLetter.MAX_REASON_LENGTH + 40)
                .startsWith("followers must be a number, got 999").endsWith("… (900032 characters)");
    }

    @Test
    void leavesOutAnOriginalTooLargeToSendAndSaysHowLargeItWas() {
        byte[] huge = new byte[DeadLetterHeaders.MAX_RECORD_BYTES + 1];
        DeadLetter deadLetter = new DeadLetter(DeadLetter.STAGE_INGEST, "not valid JSON", "posts", 3, 99L,
                1_700_000_000_000L, "k".getBytes(StandardCharsets.UTF_8), huge);

        ProducerRecord<byte[], byte[]> record = DeadLetterHeaders.toProducerRecord("dlq", deadLetter);

        assertThat(record.value()).isEmpty();
        assertThat(record.key()).isNull();
        assertThat(new String(record.headers().lastHeader(DeadLetterHeaders.OMITTED).value(), StandardCharsets.UTF_8))
                .isEqualTo(Integer.toString(huge.length));
        assertThat(new String(record.headers().lastHeader(DeadLetterHeaders.OFFSET).value(), StandardCharsets.UTF_8))
                .as("where the original still is").isEqualTo("99");
    }

    @Test
    void readsBackWhatItWrote() {
        DeadLetter deadLetter = new DeadLetter(DeadLetter.STAGE_INGEST, "reason with ünïcode",
                "posts", 0, 0L, 1_700_000_000_000L, null, PAYLOAD);

        DeadLetter back = DeadLetterHeaders.fromConsumerRecord(consumed(DeadLetterHeaders.toProducerRecord("dlq", deadLetter)));

        assertThat(back).usingRecursiveComparison().isEqualTo(deadLetter);
    }

    @Test
    void readsBackADeadLetterThatDidNotComeFromKafka() {
        DeadLetter deadLetter = new DeadLetter(DeadLetter.STAGE_INDEX, "mapper_parsing_exception on field geo",
                null, -1, -1L, 1_700_000_000_000L, "doc-1".getBytes(StandardCharsets.UTF_8), new byte[0]);

        ProducerRecord<byte[], byte[]> written = DeadLetterHeaders.toProducerRecord("dlq", deadLetter);
        DeadLetter back = DeadLetterHeaders.fromConsumerRecord(consumed(written));

        assertThat(written.headers().lastHeader(DeadLetterHeaders.TOPIC)).isNull();
        assertThat(written.headers().lastHeader(DeadLetterHeaders.PARTITION)).isNull();
        assertThat(back).usingRecursiveComparison().isEqualTo(deadLetter);
    }

    @Test
    void refusesARecordThatIsNotADeadLetter() {
        ConsumerRecord<byte[], byte[]> plain = new ConsumerRecord<>("posts", 1, 9L, null, PAYLOAD);

        assertThatThrownBy(() -> DeadLetterHeaders.fromConsumerRecord(plain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("posts-1@9")
                .hasMessageContaining("outcry.dlq.stage");
    }

    private static ConsumerRecord<byte[], byte[]> consumed(ProducerRecord<byte[], byte[]> written) {
        return new ConsumerRecord<>(written.topic(), 0, 0L, 1_800_000_000_000L, TimestampType.LOG_APPEND_TIME,
                -1, -1, written.key(), written.value(), new RecordHeaders(written.headers().toArray()), Optional.empty());
    }
}

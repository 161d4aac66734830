package io.outcry.connectors.kafka;

import io.outcry.connectors.deadletter.DeadLetter;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * What ingesting one record gave: either a value or a dead letter, never both. Sources emit
 * this instead of throwing, so one bad record never fails the job.
 */
public final class Ingested<T> {

    /** The parsed value, or null when the record was dead-lettered. */
    public T value;
    /** Why and what was refused, or null when the record parsed. */
    public DeadLetter deadLetter;
    /**
     * The source partition the record came from: records of one partition arrive in their
     * order, so whether a post is late can be told from its partition alone.
     */
    public int partition;

    /** For Flink's POJO serializer. */
    public Ingested() {}

    private Ingested(T value, DeadLetter deadLetter) {
        this.value = value;
        this.deadLetter = deadLetter;
    }

    public static <T> Ingested<T> ok(T value) {
        return new Ingested<>(value, null);
    }

    public static <T> Ingested<T> failed(DeadLetter deadLetter) {
        return new Ingested<>(null, deadLetter);
    }

    public boolean isOk() {
        return value != null;
    }

    /**
     * Parses one record; never throws. A parser bug (any runtime exception) dead-letters the
     * record too, with the exception named in the reason, rather than failing the job.
     */
    public static <T> Ingested<T> parse(
            RecordParser<T> parser, String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        byte[] payload = value == null ? new byte[0] : value;
        String reason;
        try {
            if (value == null) {
                reason = "record has no value (tombstone); send the post JSON as the record value";
            } else {
                T parsed = parser.parse(value, timestamp);
                if (parsed != null) {
                    Ingested<T> ingested = ok(parsed);
                    ingested.partition = partition;
                    return ingested;
                }
                reason = "parser returned nothing for this record";
            }
        } catch (InvalidRecordException e) {
            reason = e.getMessage();
        } catch (RuntimeException e) {
            reason = "parser failed unexpectedly: " + e;
        }
        return failed(new DeadLetter(DeadLetter.STAGE_INGEST, reason, topic, partition, offset, timestamp, key, payload));
    }

    /** Flink type of {@code Ingested<T>}: generic fields need their type given explicitly. */
    public static <T> TypeInformation<Ingested<T>> typeInfo(TypeInformation<T> valueType) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeInformation<Ingested<T>> type = (TypeInformation) Types.POJO(
                Ingested.class,
                Map.of("value", valueType, "deadLetter", TypeInformation.of(DeadLetter.class), "partition", Types.INT));
        return type;
    }
}

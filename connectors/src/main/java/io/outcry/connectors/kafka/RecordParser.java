package io.outcry.connectors.kafka;

import java.io.Serializable;

/** Parses one Kafka record value. Must not throw anything but {@link InvalidRecordException}. */
@FunctionalInterface
public interface RecordParser<T> extends Serializable {

    T parse(byte[] value) throws InvalidRecordException;

    /**
     * Parses a record read from Kafka. A parser that judges time (a post dated in the future)
     * judges it against {@code recordTimestamp}, the time the record was written, so a replay
     * decides as the first run did; the default ignores it.
     *
     * @param recordTimestamp the Kafka record's timestamp, epoch ms, or negative when it has none
     */
    default T parse(byte[] value, long recordTimestamp) throws InvalidRecordException {
        return parse(value);
    }
}

package io.outcry.connectors.kafka;

import java.io.Serializable;

/** Parses one Kafka record value. Must not throw anything but {@link InvalidRecordException}. */
@FunctionalInterface
public interface RecordParser<T> extends Serializable {

    T parse(byte[] value) throws InvalidRecordException;
}

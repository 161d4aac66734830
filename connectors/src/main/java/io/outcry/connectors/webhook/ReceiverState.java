package io.outcry.connectors.webhook;

import java.io.Serializable;
import org.apache.flink.util.function.SerializableFunction;

/** Which key of the receiver an element's delivery acts on, and which state it puts it in. */
record ReceiverState<T>(SerializableFunction<T, String> key, SerializableFunction<T, String> state) implements Serializable {}

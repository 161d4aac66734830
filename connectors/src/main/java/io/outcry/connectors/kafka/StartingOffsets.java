package io.outcry.connectors.kafka;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Where a source starts reading when it has no checkpoint to resume from. */
public enum StartingOffsets {
    /** Replays the whole topic. */
    EARLIEST,
    /** Only records produced after the job starts. */
    LATEST,
    /** Resumes the consumer group's committed offsets; the whole topic for a new group. */
    COMMITTED_OR_EARLIEST;

    @SuppressWarnings("deprecation") // the connector's only API for a reset strategy
    OffsetsInitializer initializer() {
        return switch (this) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            case COMMITTED_OR_EARLIEST -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }

    /** Parses an option value such as {@code earliest} or {@code committed-or-earliest}. */
    public static StartingOffsets fromOption(String option) {
        String name = option.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values())
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown starting offsets '" + option + "'; use one of "
                        + Arrays.stream(values()).map(StartingOffsets::option).collect(Collectors.joining(", "))));
    }

    /** The option spelling of this value, e.g. {@code committed-or-earliest}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

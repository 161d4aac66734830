package io.outcry.connectors.deadletter;

/**
 * A record Outcry could not use, kept whole so that nothing is lost: the original bytes,
 * why it was refused, at which stage, and where it came from.
 *
 * <p>On the dead-letter topic the Kafka record value is {@link #payload()} unchanged and the
 * rest travels in headers ({@code outcry.dlq.*}, see {@link DeadLetterHeaders}), the same
 * convention as Kafka Connect's error topics, so a fixed record can be replayed as is.
 *
 * @param stage     where it was refused: {@link #STAGE_INGEST}, {@link #STAGE_LATE}, {@link #STAGE_INDEX}
 * @param reason    human-readable cause, naming the field and the fix where possible
 * @param topic     source topic, or null when it did not come from Kafka
 * @param partition source partition, or -1
 * @param offset    source offset, or -1
 * @param timestamp epoch ms of the source record (or of the refused document's event)
 * @param key       original record key, or null
 * @param payload   original bytes, never null
 */
public record DeadLetter(
        String stage,
        String reason,
        String topic,
        int partition,
        long offset,
        long timestamp,
        byte[] key,
        byte[] payload) {

    public DeadLetter {
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            reason = reason.substring(0, MAX_REASON_LENGTH) + "… (" + reason.length() + " characters)";
        }
    }

    /** Longest reason kept: a reason that quotes a 1 MB field must not make the dead letter too large to send. */
    public static final int MAX_REASON_LENGTH = 2_000;

    public static final String STAGE_INGEST = "ingest";
    public static final String STAGE_LATE = "late";
    public static final String STAGE_INDEX = "index";
}

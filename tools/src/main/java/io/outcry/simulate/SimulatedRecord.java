package io.outcry.simulate;

/**
 * One record of the simulated firehose, in emission order.
 *
 * @param eventTime   the post's created_at, epoch ms (for a malformed record, the time it stands in for)
 * @param emitTime    simulated time at which the record reaches the firehose, epoch ms
 * @param key         Kafka key: the post id as UTF-8
 * @param value       the record bytes, canonical post JSON unless {@code kind == MALFORMED}
 * @param kind        what the record is
 * @param late        whether it is emitted 60-180 s after its event time (a late post)
 * @param malformation how a malformed record is broken, null for every other kind
 */
public record SimulatedRecord(
        long eventTime, long emitTime, byte[] key, byte[] value, Kind kind, boolean late, Malformation malformation) {

    public enum Kind {
        /** an original post by an ordinary or influencer account */
        POST,
        /** "RT @handle: ..." resharing an earlier post */
        RETWEET,
        /** a brand's official account answering a complaint, a question or a customer's follow-up */
        REPLY,
        /** a brand's official account speaking in public about an incident, to no one in particular */
        STATEMENT,
        /** a near-identical promotional post from a bot account */
        SPAM,
        /** bytes the canonical parser must reject */
        MALFORMED
    }
}

package io.outcry.care;

import java.util.Arrays;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Marks a brand's (the key's) replies that come from a template. A reply is canned when it is a
 * near-duplicate (estimated Jaccard of its word shingles at least
 * {@link CannedReplySettings#threshold()}) of one the brand sent earlier to another customer: a
 * text repeated to the same customer proves no template. Candidates come from the LSH bands of
 * the replies' MinHash signatures, so a lookup reads a few buckets, not every remembered reply.
 *
 * <p>Every reply is emitted at once, with its own timestamp, judged; a canned one carries the text
 * of the earliest reply of its group as example. The first reply of a group was judged personal
 * when it came and stays so: a stream cannot take a verdict back.
 *
 * <p>Memory per brand is bounded: a reply is forgotten when the watermark passes its event time
 * plus {@link CannedReplySettings#horizon()}, and the oldest go when more than
 * {@link CannedReplySettings#maxRemembered()} are held. A reply with no text left after
 * normalisation (only a mention, an emoji) cannot be compared: it is emitted as not canned,
 * counted in {@code cannedRepliesUnjudged} and not remembered.
 */
public class MarkCannedReplies extends KeyedProcessFunction<String, BrandReply, BrandReply> {

    private static final long serialVersionUID = 1L;
    private static final int NEXT = 0;
    private static final int OLDEST = 1;
    private static final int LIVE = 2;

    private static final TypeInformation<long[]> LONGS = PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO;

    private final CannedReplySettings settings;
    private final long horizonMs;

    private transient ReplyFingerprint fingerprint;
    private transient MapState<Long, RememberedReply> replies;
    /** LSH band key to the ids of the remembered replies in that bucket. */
    private transient MapState<Long, long[]> buckets;
    /** Expiry time to the ids that expire then, for the event-time timers. */
    private transient MapState<Long, long[]> expiries;
    /** Next id, oldest id possibly still held, replies held. */
    private transient ValueState<long[]> counters;
    private transient Counter canned;
    private transient Counter unjudged;

    public MarkCannedReplies(CannedReplySettings settings) {
        this.settings = settings;
        this.horizonMs = settings.horizon().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        fingerprint = new ReplyFingerprint(settings);
        replies = getRuntimeContext().getMapState(new MapStateDescriptor<>("cannedReplies", Types.LONG,
                TypeInformation.of(RememberedReply.class)));
        buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("cannedBuckets", Types.LONG,
                LONGS));
        expiries = getRuntimeContext().getMapState(new MapStateDescriptor<>("cannedExpiries", Types.LONG,
                LONGS));
        counters = getRuntimeContext().getState(new ValueStateDescriptor<>("cannedCounters", LONGS));
        canned = getRuntimeContext().getMetricGroup().counter("cannedReplies");
        unjudged = getRuntimeContext().getMetricGroup().counter("cannedRepliesUnjudged");
    }

    @Override
    public void processElement(BrandReply reply, Context ctx, Collector<BrandReply> out) throws Exception {
        int[] signature = reply.text() == null ? null : fingerprint.signature(reply.text());
        if (signature == null) {
            unjudged.inc();
            out.collect(reply.judged(false, null));
            return;
        }
        long[] keys = fingerprint.bandKeys(signature);
        boolean isCanned = false;
        long groupTime = reply.createdAt();
        String groupText = reply.text();
        for (long id : candidates(keys)) {
            RememberedReply earlier = replies.get(id);
            if (earlier == null || earlier.createdAt() <= reply.createdAt() - horizonMs
                    || ReplyFingerprint.similarity(signature, earlier.signature()) < settings.threshold()) {
                continue;
            }
            if (!sameCustomer(earlier.customer(), reply.customer())) {
                isCanned = true;
            }
            if (earlier.groupTime() < groupTime) {
                groupTime = earlier.groupTime();
                groupText = earlier.groupText();
            }
        }
        if (isCanned) {
            canned.inc();
        }
        out.collect(reply.judged(isCanned, groupText));
        remember(reply, signature, keys, groupTime, groupText, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<BrandReply> out) throws Exception {
        long[] due = expiries.get(timestamp);
        if (due == null) {
            return;
        }
        expiries.remove(timestamp);
        long[] c = counters();
        for (long id : due) {
            forget(id, c);
        }
        counters.update(c);
    }

    /** Ids sharing at least one band with the signature, in id order so that a verdict never depends on hashing. */
    private TreeSet<Long> candidates(long[] keys) throws Exception {
        TreeSet<Long> ids = new TreeSet<>();
        for (long key : keys) {
            long[] bucket = buckets.get(key);
            if (bucket != null) {
                for (long id : bucket) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private void remember(BrandReply reply, int[] signature, long[] keys, long groupTime, String groupText, Context ctx)
            throws Exception {
        long[] c = counters();
        long id = c[NEXT]++;
        replies.put(id, new RememberedReply(id, reply.createdAt(), reply.customer(), signature, groupTime, groupText));
        c[LIVE]++;
        for (long key : keys) {
            buckets.put(key, append(buckets.get(key), id));
        }
        long expiry = reply.createdAt() + horizonMs;
        expiries.put(expiry, append(expiries.get(expiry), id));
        ctx.timerService().registerEventTimeTimer(expiry);
        while (c[LIVE] > settings.maxRemembered()) {
            while (!replies.contains(c[OLDEST])) {
                c[OLDEST]++;
            }
            forget(c[OLDEST], c);
        }
        counters.update(c);
    }

    /** Drops the reply and its bucket entries; one the memory limit already dropped is left alone. */
    private void forget(long id, long[] c) throws Exception {
        RememberedReply reply = replies.get(id);
        if (reply == null) {
            return;
        }
        for (long key : fingerprint.bandKeys(reply.signature())) {
            long[] rest = remove(buckets.get(key), id);
            if (rest == null) {
                buckets.remove(key);
            } else {
                buckets.put(key, rest);
            }
        }
        replies.remove(id);
        c[LIVE]--;
    }

    private long[] counters() throws Exception {
        long[] c = counters.value();
        return c == null ? new long[3] : c;
    }

    private static boolean sameCustomer(String a, String b) {
        return a != null && a.equals(b);
    }

    private static long[] append(long[] ids, long id) {
        if (ids == null) {
            return new long[] {id};
        }
        long[] longer = Arrays.copyOf(ids, ids.length + 1);
        longer[ids.length] = id;
        return longer;
    }

    /** The ids without this one, or null when none is left. */
    private static long[] remove(long[] ids, long id) {
        if (ids == null) {
            return null;
        }
        long[] rest = Arrays.stream(ids).filter(i -> i != id).toArray();
        return rest.length == 0 ? null : rest;
    }
}

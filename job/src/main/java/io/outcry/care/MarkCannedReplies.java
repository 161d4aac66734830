package io.outcry.care;

import io.outcry.state.BufferedType;
import io.outcry.state.ListsByTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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
 * <p>Near-duplicates form a group that its first reply stands for ({@link RememberedReply}): a
 * later reply is compared with what is remembered, joins every group it matches, and is
 * remembered on its own only when it is a variant (less than {@value #VARIANT_BELOW} similar to
 * all of them, as a template with words added). So a template used all day is a few entries
 * whatever its volume, and its LSH buckets stay small.
 *
 * <p>Replies are held until the watermark passes their time plus the lateness and judged in
 * event-time order (at equal times by post id), each emitted at that moment (its timestamp is
 * its time plus the lateness); a canned one carries the text of the first reply of its group as
 * example. Which reply comes first must not depend on how the Kafka partitions interleave, or a
 * restart or a replay would mark other replies canned; waiting the lateness lets the late replies
 * care takes in ({@code TimedPost#inTimeForCare}) come before their turn. One behind even that
 * is judged at the next watermark. The first reply of a group was judged personal and stays so:
 * a stream cannot take a verdict back.
 *
 * <p>Memory per brand is bounded: a group is forgotten when the watermark passes its latest
 * reply's event time plus {@link CannedReplySettings#horizon()} and the lateness (a template in use is kept), and
 * the least recently used groups go when more than {@link CannedReplySettings#maxRemembered()}
 * are held. A reply with no text left after normalisation (only a mention, an emoji) cannot be
 * compared: it is emitted as not canned, counted in {@code cannedRepliesUnjudged} and not
 * remembered.
 */
public class MarkCannedReplies extends KeyedProcessFunction<String, BrandReply, BrandReply> {

    private static final long serialVersionUID = 1L;
    private static final TypeInformation<long[]> LONGS = PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO;
    /**
     * A reply less similar than this to every group it joins is a variant (a template with words
     * changed or added) and is remembered too; a closer one adds nothing to compare against.
     */
    private static final double VARIANT_BELOW = 0.9;
    private static final int NEXT = 0;
    private static final int OLDEST = 1;
    private static final int LIVE = 2;

    private final CannedReplySettings settings;
    private final long horizonMs;
    private final long latenessMs;

    private transient ReplyFingerprint fingerprint;
    private transient MapState<Long, RememberedReply> groups;
    /** LSH band key to the ids of the groups in that bucket. */
    private transient MapState<Long, long[]> buckets;
    /** Replies waiting for the watermark, by event time. */
    private transient ListsByTime<BrandReply> pending;
    /** Expiry time to the ids that expire then, for the event-time timers. */
    private transient MapState<Long, long[]> expiries;
    /** Next id, oldest id possibly still held, groups held. */
    private transient ValueState<long[]> counters;
    private transient Counter canned;
    private transient Counter unjudged;

    /** @param lateness how long to wait for late replies: the job's allowed lateness */
    public MarkCannedReplies(CannedReplySettings settings, Duration lateness) {
        this.settings = settings;
        this.horizonMs = settings.horizon().toMillis();
        this.latenessMs = lateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        fingerprint = new ReplyFingerprint(settings);
        groups = getRuntimeContext().getMapState(new MapStateDescriptor<>("cannedGroups", Types.LONG,
                BufferedType.of(RememberedReply.class)));
        buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("cannedBuckets", Types.LONG, LONGS));
        expiries = getRuntimeContext().getMapState(new MapStateDescriptor<>("cannedExpiries", Types.LONG, LONGS));
        pending = ListsByTime.of(getRuntimeContext(), "cannedPending", BufferedType.of(Types.LIST(TypeInformation.of(BrandReply.class))));
        counters = getRuntimeContext().getState(new ValueStateDescriptor<>("cannedCounters", LONGS));
        canned = getRuntimeContext().getMetricGroup().counter("cannedReplies");
        unjudged = getRuntimeContext().getMetricGroup().counter("cannedRepliesUnjudged");
    }

    @Override
    public void processElement(BrandReply reply, Context ctx, Collector<BrandReply> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (watermark == Long.MAX_VALUE) {
            judge(reply, ctx, out);
            return;
        }
        long turn = Math.max(reply.createdAt() + latenessMs, watermark + 1);
        pending.add(turn, reply);
        ctx.timerService().registerEventTimeTimer(turn);
    }

    private void judge(BrandReply reply, Context ctx, Collector<BrandReply> out) throws Exception {
        int[] signature = reply.text() == null ? null : fingerprint.signature(reply.text());
        if (signature == null) {
            unjudged.inc();
            out.collect(reply.judged(false, null));
            return;
        }
        long[] c = counters();
        List<RememberedReply> matched = new ArrayList<>();
        double closest = 0;
        for (long id : candidates(fingerprint.bandKeys(signature))) {
            RememberedReply group = groups.get(id);
            if (group == null || group.lastSeen() <= reply.createdAt() - horizonMs) {
                continue;
            }
            double similarity = ReplyFingerprint.similarity(signature, group.signature());
            if (similarity >= settings.threshold()) {
                matched.add(group);
                closest = Math.max(closest, similarity);
            }
        }
        if (matched.isEmpty()) {
            out.collect(reply.judged(false, null));
            remember(new RememberedReply(c[NEXT]++, reply.createdAt(), reply.createdAt(), reply.customer(), false,
                    signature, reply.text()), c, ctx);
            counters.update(c);
            return;
        }
        boolean isCanned = matched.stream().anyMatch(g -> g.manyCustomers() || !sameCustomer(g.customer(), reply.customer()));
        RememberedReply first = matched.stream().min(Comparator.comparingLong(RememberedReply::createdAt)
                .thenComparingLong(RememberedReply::id)).orElseThrow();
        if (isCanned) {
            canned.inc();
        }
        out.collect(reply.judged(isCanned, first.text()));
        for (RememberedReply group : matched) {
            // re-filed under a fresh id: the least recently used group has the oldest id
            refile(group.id(), new RememberedReply(c[NEXT]++, group.createdAt(), Math.max(group.lastSeen(), reply.createdAt()),
                    group.customer(), group.manyCustomers() || !sameCustomer(group.customer(), reply.customer()),
                    group.signature(), group.text()), c, ctx);
        }
        if (closest < VARIANT_BELOW) {
            // an edited template: later replies edited the same way may be closer to it than to the group's first
            remember(new RememberedReply(c[NEXT]++, first.createdAt(), reply.createdAt(), reply.customer(), isCanned,
                    signature, first.text()), c, ctx);
        }
        counters.update(c);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<BrandReply> out) throws Exception {
        List<BrandReply> waiting = pending.take(timestamp);
        if (!waiting.isEmpty()) {
            waiting.sort(Comparator.comparingLong(BrandReply::createdAt).thenComparing(BrandReply::postId));
            for (BrandReply reply : waiting) {
                judge(reply, ctx, out);
            }
        }
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
    private long[] candidates(long[] keys) throws Exception {
        long[] ids = new long[16];
        int count = 0;
        for (long key : keys) {
            long[] bucket = buckets.get(key);
            if (bucket != null) {
                if (count + bucket.length > ids.length) {
                    ids = Arrays.copyOf(ids, Math.max(2 * ids.length, count + bucket.length));
                }
                System.arraycopy(bucket, 0, ids, count, bucket.length);
                count += bucket.length;
            }
        }
        Arrays.sort(ids, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || ids[i] != ids[distinct - 1]) {
                ids[distinct++] = ids[i];
            }
        }
        return Arrays.copyOf(ids, distinct);
    }

    private void remember(RememberedReply group, long[] c, Context ctx) throws Exception {
        groups.put(group.id(), group);
        c[LIVE]++;
        for (long key : fingerprint.bandKeys(group.signature())) {
            buckets.put(key, append(buckets.get(key), group.id()));
        }
        expireAndMakeRoom(group, c, ctx);
    }

    /**
     * Files a group under the new id of {@code group} in place of {@code id}: what {@link #forget}
     * then {@link #remember} would leave, with each of its buckets read and written once, not
     * twice. Near-duplicates share buckets, so a template in use re-files its group at every reply.
     */
    private void refile(long id, RememberedReply group, long[] c, Context ctx) throws Exception {
        if (!groups.contains(id)) {
            // pushed out meanwhile, as only a smaller memory than the state's can do
            remember(group, c, ctx);
            return;
        }
        groups.remove(id);
        groups.put(group.id(), group);
        for (long key : fingerprint.bandKeys(group.signature())) {
            long[] bucket = buckets.get(key);
            long[] rest = remove(bucket, id);
            if (rest == null && bucket != null) {
                // as forget does: a bucket left empty goes, and is filed anew
                buckets.remove(key);
            }
            buckets.put(key, append(rest, group.id()));
        }
        expireAndMakeRoom(group, c, ctx);
    }

    private void expireAndMakeRoom(RememberedReply group, long[] c, Context ctx) throws Exception {
        long expiry = group.lastSeen() + horizonMs + latenessMs;
        expiries.put(expiry, append(expiries.get(expiry), group.id()));
        ctx.timerService().registerEventTimeTimer(expiry);
        while (c[LIVE] > settings.maxRemembered()) {
            while (!groups.contains(c[OLDEST])) {
                c[OLDEST]++;
            }
            forget(c[OLDEST], c);
        }
    }

    /** Drops the group and its bucket entries; one already dropped (re-filed, or pushed out) is left alone. */
    private void forget(long id, long[] c) throws Exception {
        RememberedReply group = groups.get(id);
        if (group == null) {
            return;
        }
        for (long key : fingerprint.bandKeys(group.signature())) {
            long[] bucket = buckets.get(key);
            long[] rest = remove(bucket, id);
            if (rest == null) {
                buckets.remove(key);
            } else if (rest != bucket) {
                buckets.put(key, rest);
            }
        }
        groups.remove(id);
        c[LIVE]--;
    }

    private long[] counters() throws Exception {
        long[] c = counters.value();
        return c == null ? new long[3] : c;
    }

    /** Two replies to the same known customer; a reply to no one (a broadcast) is never the same customer's. */
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

    /** The ids without this one (the same array when it is not there), or null when none is left. */
    private static long[] remove(long[] ids, long id) {
        if (ids == null) {
            return null;
        }
        int kept = 0;
        for (long i : ids) {
            if (i != id) {
                kept++;
            }
        }
        if (kept == ids.length) {
            return ids;
        }
        if (kept == 0) {
            return null;
        }
        long[] rest = new long[kept];
        int at = 0;
        for (long i : ids) {
            if (i != id) {
                rest[at++] = i;
            }
        }
        return rest;
    }
}

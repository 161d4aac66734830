package io.outcry.care;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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

/** {@link MarkCannedReplies} as it was before its fast paths, kept to compare them with: see {@link MarkCannedRepliesEquivalenceTest}. */
class FormerMarkCannedReplies extends KeyedProcessFunction<String, BrandReply, BrandReply> {

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

    private transient FormerReplyFingerprint fingerprint;
    private transient MapState<Long, RememberedReply> groups;
    /** LSH band key to the ids of the groups in that bucket. */
    private transient MapState<Long, long[]> buckets;
    /** Replies waiting for the watermark, by event time. */
    private transient MapState<Long, List<BrandReply>> pending;
    /** Expiry time to the ids that expire then, for the event-time timers. */
    private transient MapState<Long, long[]> expiries;
    /** Next id, oldest id possibly still held, groups held. */
    private transient ValueState<long[]> counters;
    private transient Counter canned;
    private transient Counter unjudged;

    /** @param lateness how long to wait for late replies: the job's allowed lateness */
    FormerMarkCannedReplies(CannedReplySettings settings, Duration lateness) {
        this.settings = settings;
        this.horizonMs = settings.horizon().toMillis();
        this.latenessMs = lateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        fingerprint = new FormerReplyFingerprint(settings);
        groups = getRuntimeContext().getMapState(new MapStateDescriptor<>("cannedGroups", Types.LONG,
                TypeInformation.of(RememberedReply.class)));
        buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("cannedBuckets", Types.LONG, LONGS));
        expiries = getRuntimeContext().getMapState(new MapStateDescriptor<>("cannedExpiries", Types.LONG, LONGS));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("cannedPending", Types.LONG,
                Types.LIST(TypeInformation.of(BrandReply.class))));
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
        List<BrandReply> waiting = pending.get(turn);
        if (waiting == null) {
            waiting = new ArrayList<>(1);
        }
        waiting.add(reply);
        pending.put(turn, waiting);
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
            double similarity = FormerReplyFingerprint.similarity(signature, group.signature());
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
            forget(group.id(), c);
            remember(new RememberedReply(c[NEXT]++, group.createdAt(), Math.max(group.lastSeen(), reply.createdAt()),
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
        List<BrandReply> waiting = pending.get(timestamp);
        if (waiting != null) {
            pending.remove(timestamp);
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

    private void remember(RememberedReply group, long[] c, Context ctx) throws Exception {
        groups.put(group.id(), group);
        c[LIVE]++;
        for (long key : fingerprint.bandKeys(group.signature())) {
            buckets.put(key, append(buckets.get(key), group.id()));
        }
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
            long[] rest = remove(buckets.get(key), id);
            if (rest == null) {
                buckets.remove(key);
            } else {
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

    /** The ids without this one, or null when none is left. */
    private static long[] remove(long[] ids, long id) {
        if (ids == null) {
            return null;
        }
        long[] rest = Arrays.stream(ids).filter(i -> i != id).toArray();
        return rest.length == 0 ? null : rest;
    }
}

package io.outcry.pipeline;

import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.kafka.Ingested;
import io.outcry.post.Post;
import io.outcry.state.BufferedType;
import io.outcry.window.Timeliness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parsed posts go on once, each marked on time, late or too late; records the source could not
 * parse go to {@link #DEAD_LETTERS}. The source counts both ({@code recordsIngested},
 * {@code recordsDeadLettered}), so this does not; it counts the copies it drops
 * ({@value #POSTS_DUPLICATED}).
 *
 * <p>Whether a post is late is told from its own partition: it is late when its window had
 * ended by the watermark its partition may already have reached (the newest post of the
 * partition before it, less the out-of-orderness bound), so the window may have fired. The
 * job's watermark is the lowest of all partitions', so an on-time post always reaches its
 * window before the window's first firing; a late one may or may not, depending on how far the
 * other partitions had got. The zones judge windows of the same size (RunJob gives them the
 * job's). Judging on the on-time posts only makes every alert and zone the same on a replay.
 *
 * <p>Customer care waits the allowed lateness for late posts and then judges them in event-time
 * order, so a post is in time for care when it is less than that behind its partition's
 * watermark: no operator's watermark can have passed its time plus the lateness yet.
 *
 * <p>Each post counts once per {@code platform:id}, whatever reaches the topic twice (a stream
 * replaying after a reconnect, archives that overlap, two ingest runs). The topic is keyed by
 * {@code platform:id}, so the copies of a post share a partition and come in its order: the
 * first is let through, and its key is remembered ({@link RecentPosts}) until a copy would be
 * too late for its window by the partition, which then refuses it anyway. Told from the
 * partition alone, with no shuffle and no timer, a replay drops the same copies.
 *
 * <p>The newest time and the recent posts per partition are checkpointed with the source's
 * offsets, so a restart marks and drops alike too; they are union state, because after a
 * rescale a partition may be read by another subtask. Every subtask restores every partition's
 * posts; those of a partition it does not read stay with it, one horizon's worth, and are
 * forgotten at a later restore, when the newest time of their partition has moved past them.
 * A partition the source declares idle ({@code --idleness}) lets the watermark pass its
 * on-time posts: replays read a backlog and never idle, a live feed that pauses may.
 */
public class RouteIngested extends ProcessFunction<Ingested<Post>, TimedPost> implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("ingest-dead-letters", TypeInformation.of(DeadLetter.class));
    /** Counter of the copies let go. */
    public static final String POSTS_DUPLICATED = "postsDuplicated";

    private final long outOfOrdernessMillis;
    private final long windowMillis;
    private final long allowedLatenessMillis;
    private final Map<Integer, Long> newest = new HashMap<>();
    private final Map<Integer, RecentPosts> recent = new HashMap<>();
    private transient ListState<Tuple2<Integer, Long>> checkpointed;
    private transient ListState<Tuple3<Integer, Long, String>> checkpointedPosts;
    private transient Counter duplicates;

    /** As the job's watermarks and windows are set: the bound of the source's watermarks, the windows' size and lateness. */
    public RouteIngested(Duration maxOutOfOrderness, Duration windowSize, Duration allowedLateness) {
        this.outOfOrdernessMillis = maxOutOfOrderness.toMillis();
        this.windowMillis = windowSize.toMillis();
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        duplicates = getRuntimeContext().getMetricGroup().counter(POSTS_DUPLICATED);
    }

    @Override
    public void processElement(Ingested<Post> record, Context ctx, Collector<TimedPost> out) {
        if (!record.isOk()) {
            ctx.output(DEAD_LETTERS, record.deadLetter);
            return;
        }
        long createdAt = record.value.createdAt();
        Long before = newest.get(record.partition);
        RecentPosts posts = recent.computeIfAbsent(record.partition, partition -> new RecentPosts());
        if (!posts.firstCopy(RecentPosts.key(record.value), lastMoment(createdAt) + allowedLatenessMillis)) {
            duplicates.inc();
        } else {
            out.collect(before == null ? TimedPost.onTime(record.value)
                    : new TimedPost(record.value, timeliness(createdAt, before), createdAt + allowedLatenessMillis > watermark(before)));
        }
        if (before == null || createdAt > before) {
            newest.put(record.partition, createdAt);
            posts.forgetUpTo(watermark(createdAt));
        }
    }

    /**
     * Against the highest watermark the partition can have emitted (as forBoundedOutOfOrderness
     * computes it) and the post's window, as the window operator would fire it on that watermark.
     */
    private Timeliness timeliness(long createdAt, long newestBefore) {
        long watermark = watermark(newestBefore);
        long lastMoment = lastMoment(createdAt);
        if (lastMoment > watermark) {
            return Timeliness.ON_TIME;
        }
        return lastMoment + allowedLatenessMillis <= watermark ? Timeliness.TOO_LATE : Timeliness.LATE;
    }

    /** The last moment of the post's window. */
    private long lastMoment(long createdAt) {
        return TimeWindow.getWindowStartWithOffset(createdAt, 0, windowMillis) + windowMillis - 1;
    }

    private long watermark(long newestBefore) {
        return newestBefore - outOfOrdernessMillis - 1;
    }

    /** How many posts it remembers, over its partitions. */
    int remembered() {
        return recent.values().stream().mapToInt(RecentPosts::size).sum();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointed.clear();
        for (Map.Entry<Integer, Long> entry : newest.entrySet()) {
            checkpointed.add(Tuple2.of(entry.getKey(), entry.getValue()));
        }
        List<Tuple3<Integer, Long, String>> posts = new ArrayList<>();
        recent.forEach((partition, kept) -> kept.forEach((lastMoment, key) -> posts.add(Tuple3.of(partition, lastMoment, key))));
        checkpointedPosts.update(posts);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        checkpointed = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("newest-post-per-partition", Types.TUPLE(Types.INT, Types.LONG)));
        for (Tuple2<Integer, Long> entry : checkpointed.get()) {
            newest.merge(entry.f0, entry.f1, Math::max);
        }
        checkpointedPosts = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("recent-posts-per-partition",
                BufferedType.of(Types.TUPLE(Types.INT, Types.LONG, Types.STRING))));
        for (Tuple3<Integer, Long, String> post : checkpointedPosts.get()) {
            recent.computeIfAbsent(post.f0, partition -> new RecentPosts()).firstCopy(post.f2, post.f1);
        }
        recent.forEach((partition, posts) -> {
            Long time = newest.get(partition);
            if (time != null) {
                posts.forgetUpTo(watermark(time));
            }
        });
    }
}

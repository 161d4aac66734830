package io.outcry.pipeline;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets the first copy of each post through, keyed by {@code platform:id}: a firehose replaying
 * after a reconnect, archives that overlap and a second ingest run all put copies on the posts
 * topic, and each post must count once.
 *
 * <p>A key is remembered until the watermark passes the post's time plus the
 * {@linkplain #horizon horizon} (an event-time timer), so the state holds the posts of the last
 * few minutes of event time and empties at the end of a bounded input. The horizon is the
 * window, its allowed lateness and the out-of-orderness bound together: a copy that comes after
 * its key was forgotten is behind the watermark by more than that, so {@link RouteIngested}
 * has already marked it too late by its own partition, and it never reaches a window, an alert
 * or a zone. That keeps replays identical: the topic is keyed by {@code platform:id}, so the
 * copies of a post share a partition, come in its order, and the first (never later than the
 * others) is the one that counts.
 */
public class DedupePosts extends KeyedProcessFunction<String, TimedPost, TimedPost> {

    private static final long serialVersionUID = 1L;
    /** Counter of the copies let go. */
    public static final String POSTS_DUPLICATED = "postsDuplicated";

    private final long horizonMillis;
    private transient ValueState<Boolean> seen;
    private transient Counter duplicates;

    public DedupePosts(Duration horizon) {
        this.horizonMillis = horizon.toMillis();
    }

    /** How long after a post's time a copy of it is still recognised, for the job's windows. */
    public static Duration horizon(JobOptions options) {
        return options.windowSize().plus(options.allowedLateness()).plus(options.maxOutOfOrderness());
    }

    /** The key copies share, the posts topic's record key. */
    public static String key(TimedPost timed) {
        return timed.post().platform() + ":" + timed.post().id();
    }

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.BOOLEAN));
        duplicates = getRuntimeContext().getMetricGroup().counter(POSTS_DUPLICATED);
    }

    @Override
    public void processElement(TimedPost timed, Context ctx, Collector<TimedPost> out) throws Exception {
        if (seen.value() != null) {
            duplicates.inc();
            return;
        }
        seen.update(true);
        ctx.timerService().registerEventTimeTimer(timed.post().createdAt() + horizonMillis);
        out.collect(timed);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TimedPost> out) {
        seen.clear();
    }
}

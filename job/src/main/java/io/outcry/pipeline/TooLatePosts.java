package io.outcry.pipeline;

import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.post.CanonicalPostJson;
import io.outcry.post.Post;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Dead-letters posts that arrived after their window closed for good, with the post's canonical
 * JSON as the payload so it can be replayed once the cause is fixed. Each comes once: the posts
 * their partition already tells too late, and those the windows refused (only the copy flagged
 * {@link io.outcry.window.KeyedPost#firstOfPost()}: a post's copies share its window end, so
 * they are refused together, unless two window subtasks hold different watermarks at that very
 * moment, when the flagged copy decides and the post is dead-lettered at most once).
 */
public class TooLatePosts extends ProcessFunction<Post, DeadLetter> {

    private static final long serialVersionUID = 1L;
    /** Counter of the posts dead-lettered here, each once. */
    public static final String POSTS_TOO_LATE = "postsTooLate";

    private final long windowSizeMillis;
    private final Duration allowedLateness;
    private transient Counter postsTooLate;

    public TooLatePosts(Duration windowSize, Duration allowedLateness) {
        this.windowSizeMillis = windowSize.toMillis();
        this.allowedLateness = allowedLateness;
    }

    @Override
    public void open(OpenContext openContext) {
        postsTooLate = getRuntimeContext().getMetricGroup().counter(POSTS_TOO_LATE);
    }

    @Override
    public void processElement(Post post, Context ctx, Collector<DeadLetter> out) {
        postsTooLate.inc();
        out.collect(new DeadLetter(
                DeadLetter.STAGE_LATE,
                reason(post.createdAt(), Math.max(ctx.timerService().currentWatermark(), closedAt(post.createdAt()))),
                null,
                -1,
                -1,
                post.createdAt(),
                null,
                CanonicalPostJson.write(post)));
    }

    /**
     * When the post's window closed for good. A post its partition already marks too late
     * ({@link io.outcry.window.Timeliness#TOO_LATE}) may come here before this operator's
     * watermark got that far, yet event time had passed at least this.
     */
    private long closedAt(long createdAt) {
        return TimeWindow.getWindowStartWithOffset(createdAt, 0, windowSizeMillis) + windowSizeMillis - 1 + allowedLateness.toMillis();
    }

    String reason(long createdAt, long watermark) {
        long windowEnd = TimeWindow.getWindowStartWithOffset(createdAt, 0, windowSizeMillis) + windowSizeMillis;
        return "post created at " + Instant.ofEpochMilli(createdAt) + " arrived "
                + Duration.ofMillis(Math.max(0, watermark - createdAt)) + " behind event time ("
                + Instant.ofEpochMilli(watermark) + "); its window ended at " + Instant.ofEpochMilli(windowEnd)
                + " and took late posts for the allowed lateness of " + allowedLateness
                + " only; raise the allowed lateness or fix the producer's delay, then replay the payload";
    }
}

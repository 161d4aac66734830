package io.outcry.window;

import io.outcry.state.BufferedType;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The tumbling event-time windows per (brand, region, topic). One factory for the job and its
 * tests, so the harness tests drive exactly the operator the job runs.
 */
public final class PostWindows {

    /** Posts that arrived after their window closed for good (end + allowed lateness). */
    public static final OutputTag<KeyedPost> TOO_LATE =
            new OutputTag<>("posts-too-late", TypeInformation.of(KeyedPost.class));
    public static final String UID = "window-brand-region-topic";
    /** The window operator's name, before its window size; its task thread's name carries it. */
    public static final String OPERATOR_NAME = "Window by brand, region, topic";

    private PostWindows() {}

    /**
     * Windows the posts; results come out on the returned stream (see {@link WindowResults} for
     * which), too-late posts on {@link #TOO_LATE}. A post within the allowed lateness fires an
     * updated result at once.
     */
    public static SingleOutputStreamOperator<WindowResult> aggregate(
            DataStream<KeyedPost> posts, Duration size, Duration allowedLateness, int maxExamples) {
        return posts
                .keyBy(KeyedPost::key, TypeInformation.of(WindowKey.class))
                .window(TumblingEventTimeWindows.of(size))
                .allowedLateness(allowedLateness)
                .sideOutputLateData(TOO_LATE)
                .aggregate(
                        new TimedWindowAggregate(maxExamples),
                        new WindowResults(),
                        BufferedType.of(TimedAccumulator.class),
                        TypeInformation.of(WindowFiring.class),
                        TypeInformation.of(WindowResult.class))
                .name(OPERATOR_NAME + " (" + size + ")")
                .uid(UID);
    }
}

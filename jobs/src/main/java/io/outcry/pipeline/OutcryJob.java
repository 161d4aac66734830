package io.outcry.pipeline;

import io.outcry.connectors.deadletter.DeadLetter;
import io.outcry.connectors.kafka.Ingested;
import io.outcry.post.Post;
import io.outcry.window.KeyedPost;
import io.outcry.window.PostWindows;
import io.outcry.window.WindowResult;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Outcry job: posts in, one result per (brand, region, topic) and window out, every
 * refused record to the dead letters.
 *
 * <pre>
 * posts ─ event time ─ route ─┬─ enrich + fan out ─ window ─┬─ window results
 *                             └─ unparseable ──────────────┐└─ too late ─┐
 *                                                          └─────────────┴─ dead letters
 * </pre>
 *
 * Sources and sinks are given, so production wires Kafka and Elasticsearch and tests wire
 * in-memory ones around the same pipeline.
 */
public class OutcryJob {

    private final JobOptions options;
    private final Source<Ingested<Post>, ?, ?> posts;
    private final Sink<WindowResult> windows;
    private final Sink<DeadLetter> deadLetters;

    public OutcryJob(
            JobOptions options,
            Source<Ingested<Post>, ?, ?> posts,
            Sink<WindowResult> windows,
            Sink<DeadLetter> deadLetters) {
        this.options = Objects.requireNonNull(options, "options");
        this.posts = Objects.requireNonNull(posts, "posts source");
        this.windows = Objects.requireNonNull(windows, "window sink");
        this.deadLetters = Objects.requireNonNull(deadLetters, "dead-letter sink");
    }

    /** Adds the pipeline to {@code env}; run it with {@code env.execute(...)}. */
    public void build(StreamExecutionEnvironment env) {
        // A type that falls back to Kryo fails here, at build time, instead of slowing every record.
        Configuration noKryo = new Configuration();
        noKryo.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(noKryo);

        SingleOutputStreamOperator<Post> parsed = env
                .fromSource(posts, watermarks(), "Posts", Ingested.typeInfo(TypeInformation.of(Post.class)))
                .uid("posts-source")
                .process(new RouteIngested(), TypeInformation.of(Post.class))
                .name("Route parsed posts and dead letters")
                .uid("route-ingested");

        DataStream<KeyedPost> keyedPosts = parsed
                .flatMap(new EnrichPosts(EnricherFactory.fromCatalogs(options.enrichment())), TypeInformation.of(KeyedPost.class))
                .name("Enrich and fan out per brand and topic")
                .uid("enrich-posts");

        SingleOutputStreamOperator<WindowResult> results = PostWindows.aggregate(
                keyedPosts, options.windowSize(), options.allowedLateness(), options.maxExamplePosts());
        results.sinkTo(windows).name("Window results").uid("window-results-sink");

        DataStream<DeadLetter> tooLate = results
                .getSideOutput(PostWindows.TOO_LATE)
                .process(new TooLatePosts(options.windowSize(), options.allowedLateness()),
                        TypeInformation.of(DeadLetter.class))
                .name("Dead-letter too-late posts")
                .uid("too-late-posts");

        parsed.getSideOutput(RouteIngested.DEAD_LETTERS)
                .union(tooLate)
                .sinkTo(deadLetters)
                .name("Dead letters")
                .uid("dead-letters-sink");
    }

    private WatermarkStrategy<Ingested<Post>> watermarks() {
        return WatermarkStrategy.<Ingested<Post>>forBoundedOutOfOrderness(options.maxOutOfOrderness())
                .withIdleness(options.sourceIdleness())
                // A dead letter carries no trustworthy event time: the lowest timestamp never moves the watermark.
                .withTimestampAssigner((record, previous) -> record.isOk() ? record.value.createdAt() : Long.MIN_VALUE);
    }
}

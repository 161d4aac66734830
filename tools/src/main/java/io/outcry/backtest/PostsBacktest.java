package io.outcry.backtest;

import io.outcry.detect.AlertEvent;
import io.outcry.pipeline.CollectingSink;
import io.outcry.pipeline.JobOptions;
import io.outcry.pipeline.OutcryJob;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Replays a post file through the whole Outcry job on a local MiniCluster and returns every
 * alert event it emitted: the detector is judged on exactly what production would see,
 * enrichment, windows, lateness and all.
 */
public final class PostsBacktest {

    private final JobOptions options;
    private final int parallelism;

    public PostsBacktest(JobOptions options, int parallelism) {
        this.options = options;
        this.parallelism = parallelism;
    }

    public List<AlertEvent> run(Path posts) throws Exception {
        CollectingSink<AlertEvent> alerts = new CollectingSink<>();
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(parallelism);
            new OutcryJob(options, NdjsonPosts.source(posts), new DiscardingSink<>(), new DiscardingSink<>(),
                    List.of(OutcryJob.Destination.of("backtest", alerts))).build(env);
            env.execute("outcry-backtest " + posts.getFileName());
            return alerts.received();
        } finally {
            alerts.forget();
        }
    }
}
